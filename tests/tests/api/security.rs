//! Attacks and abuse: repeated failed sign-ins are throttled without locking the owner out
//! for good; oversized input is refused; script- and SQL-looking text is inert; the signing
//! secret rotates without signing everyone out.

use opendetat_tests::*;

#[test]
fn repeated_failed_logins_are_throttled_then_released() {
    let app = TestApp::spawn_empty();
    let user = app.user("member");
    let wrong = json!({"email": user.email, "password": "not-the-password!"});
    for _ in 0..4 {
        app.post("/auth/login", None, &wrong).expect_problem(401, "unauthorized");
    }
    let blocked = app.post("/auth/login", None, &wrong);
    assert!(blocked.header("retry-after").is_some_and(|s| s.parse::<u64>().unwrap() >= 1));
    blocked.expect_problem(429, "too_many_requests");
    // While blocked, even the right password waits (the attacker learns nothing).
    let right = json!({"email": user.email.to_uppercase(), "password": user.password});
    app.post("/auth/login", None, &right).expect_problem(429, "too_many_requests");
    // The block is temporary: once it has passed, the owner signs in and the count resets.
    app.sql("UPDATE login_throttle SET blocked_until = now() - interval '1 second'");
    app.post("/auth/login", None, &right).expect(200);
    assert_eq!(app.count("login_throttle"), 0);
    // Other accounts were never affected.
    let other = app.user("member");
    app.post("/auth/login", None, &json!({"email": other.email, "password": other.password})).expect(200);
}

#[test]
fn huge_limits_and_bodies_are_refused() {
    let app = TestApp::spawn();
    app.get("/comments/1/replies?limit=1000000").expect_problem(422, "validation_failed");
    app.get("/forums?limit=99999999999999999999").expect_problem(400, "invalid_query");
    let member = app.user("member");
    let huge = "x".repeat(70 * 1024);
    app.request(
        "POST",
        "/forums/2027-01-espace-de-dialogue-en-ligne/comments",
        Some(&member.token),
        &[("Content-Type", "application/json")],
        Some(&format!("{{\"body\":\"{huge}\"}}")),
    )
    .expect_problem(413, "payload_too_large");
}

#[test]
fn script_and_sql_text_is_stored_literally_and_rendered_inert() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let text = "Robert'); DROP TABLE comments;-- <img src=x onerror=alert(1)> <script>alert(1)</script>";
    let id = builders::comment(&app, &member.token, "/forums/2027-01-espace-de-dialogue-en-ligne", text).id();
    let c = app.get(&format!("/comments/{id}")).expect(200).json();
    assert_eq!(c["body"], text);
    let html = c["body_html"].as_str().unwrap();
    assert!(!html.contains("<img") && !html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(app.count("comments") > 0, "the table is still there");
    let profile = app.patch("/me", Some(&member.token), &json!({"display_name": "<b>Bob</b>'; --"})).expect(200).json();
    assert_eq!(profile["display_name"], "<b>Bob</b>'; --");
}

/// PostgreSQL cannot store U+0000: it is refused up front, never a 500.
#[test]
fn nul_characters_are_refused_everywhere() {
    let app = TestApp::spawn();
    let member = app.user("member");
    app.get("/forums/%00").expect_problem(404, "not_found");
    app.get("/commitments/FR%0041").expect_problem(404, "not_found");
    app.get("/forums?q=%00").expect_problem(400, "invalid_query");
    app.get("/search?q=a%00b").expect_problem(400, "invalid_query");
    app.post("/forums/2027-01-espace-de-dialogue-en-ligne/comments", Some(&member.token), &json!({"body": "a\u{0}b"}))
        .expect_problem(422, "unprocessable_body");
    app.post(
        "/auth/register",
        None,
        &json!({"email": "nul@example.org", "password": "a-long-enough-password", "display_name": "a\u{0}b"}),
    )
    .expect_problem(422, "unprocessable_body");
    assert_eq!(app.count("users WHERE email = 'nul@example.org'"), 0);
}

/// serde reads a struct from an array field by field; the API does not.
#[test]
fn json_arrays_are_not_objects() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    let send = |method: &str, path: &str, token: Option<&str>, body: &str| {
        app.request(method, path, token, &[("Content-Type", "application/json")], Some(body))
    };
    send("PATCH", &format!("/admin/users/{}", member.id), Some(&admin.token), r#"["moderator", true]"#)
        .expect_problem(422, "unprocessable_body");
    let me = app.get_as("/me", &member.token).expect(200).json();
    assert_eq!(me["role"], "member");
    assert!(me["suspended_at"].is_null());
    send("POST", "/auth/register", None, r#"["arr@example.org","a-long-enough-password","Array",null]"#)
        .expect_problem(422, "unprocessable_body");
    send("POST", "/forums/2027-01-espace-de-dialogue-en-ligne/comments", Some(&member.token), r#""just a string""#)
        .expect_problem(422, "unprocessable_body");
}

#[test]
fn the_signing_secret_rotates_and_the_previous_one_works_until_the_set_end() {
    const NEW_SECRET: &str = "a-new-secret-a-new-secret-a-new-secret-0123456789";
    let database = create_database(false);
    let before = TestApp::attach(database.clone(), &[]);
    let member = before.user("member");
    let until = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let rotated = TestApp::attach(
        database.clone(),
        &[("JWT_SECRET", NEW_SECRET), ("JWT_PREVIOUS_SECRET", JWT_SECRET), ("JWT_PREVIOUS_SECRET_UNTIL", &until)],
    );
    // A session signed before the rotation still works, during the overlap...
    rotated.get_as("/me", &member.token).expect(200);
    // ...and new sessions carry the new key, which the old secret does not know.
    let fresh = rotated
        .post("/auth/login", None, &json!({"email": member.email, "password": member.password}))
        .expect(200)
        .json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    before.get_as("/me", &fresh).expect_problem(401, "unauthorized");
    // Past the set end, the previous secret's sessions are refused; the new ones are not.
    let ended = TestApp::attach(
        database,
        &[
            ("JWT_SECRET", NEW_SECRET),
            ("JWT_PREVIOUS_SECRET", JWT_SECRET),
            ("JWT_PREVIOUS_SECRET_UNTIL", "2026-01-01T00:00:00Z"),
        ],
    );
    ended.get_as("/me", &member.token).expect_problem(401, "unauthorized");
    ended.get_as("/me", &fresh).expect(200);
}
