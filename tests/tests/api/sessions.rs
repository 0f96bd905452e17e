//! Sessions people control (issue 24, point 2): each sign-in is a session the server knows,
//! listed with its device; ended one by one, everywhere, by signing out, or by an admin; the
//! ended session's token is refused on the next request.

use opendetat_tests::*;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
const IPHONE: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

/// Signs `user` in again from a browser that says `user_agent`; the new session's token.
fn sign_in_from(app: &TestApp, user: &TestUser, user_agent: &str) -> String {
    let body = json!({"email": user.email, "password": user.password}).to_string();
    let answer = app
        .request(
            "POST",
            "/auth/login",
            None,
            &[("user-agent", user_agent), ("content-type", "application/json")],
            Some(&body),
        )
        .expect(200)
        .json();
    answer["access_token"].as_str().unwrap().to_string()
}

fn sessions(app: &TestApp, token: &str) -> Vec<Value> {
    app.get_as("/me/sessions", token).expect(200).json()["items"].as_array().unwrap().clone()
}

#[test]
fn a_person_sees_their_devices_and_ends_one_then_all() {
    let app = TestApp::spawn();
    let me = app.user("member");
    let laptop = sign_in_from(&app, &me, FIREFOX);
    let phone = sign_in_from(&app, &me, IPHONE);

    let listed = sessions(&app, &laptop);
    assert_eq!(listed.len(), 3, "the harness's sign-in, the laptop, the phone: {listed:?}");
    assert_eq!(listed[0]["device"], "Safari · iPhone", "newest first: {listed:?}");
    assert_eq!(listed[1]["device"], "Firefox · Linux");
    assert_eq!(listed[1]["current"], true);
    assert_eq!(listed.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(listed[1]["address_family"], "ipv4");
    // Nothing of the user agent beyond the summary is kept.
    assert_eq!(app.count("sessions WHERE device LIKE '%Mozilla%'"), 0);

    // The laptop ends the phone's session: the phone is refused at once, the laptop is not.
    let phone_id = listed[0]["id"].as_i64().unwrap();
    app.delete(&format!("/me/sessions/{phone_id}"), Some(&laptop)).expect(204);
    app.get_as("/me", &phone).expect_problem(401, "unauthorized");
    app.get_as("/me", &laptop).expect(200);
    assert_eq!(sessions(&app, &laptop).len(), 2);
    // Someone else's session, or one already ended: 404.
    app.delete(&format!("/me/sessions/{phone_id}"), Some(&laptop)).expect_problem(404, "not_found");
    let other = app.user("member");
    let others = sessions(&app, &other.token)[0]["id"].as_i64().unwrap();
    app.delete(&format!("/me/sessions/{others}"), Some(&laptop)).expect_problem(404, "not_found");
    app.get_as("/me", &other.token).expect(200);

    // An extended token belongs to the same session: ending it ends both.
    let extended = app.post("/auth/session/extend", Some(&laptop), &json!(null)).expect(200).json()["access_token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(sessions(&app, &extended).len(), 2, "extending makes no new session");

    // Everywhere: every session ends, this one included.
    app.delete("/me/sessions", Some(&extended)).expect(204);
    for token in [&laptop, &extended, &me.token] {
        app.get_as("/me", token).expect_problem(401, "unauthorized");
    }
    // API tokens are not sessions: they have their own revocation.
    app.get("/me/sessions").expect_problem(401, "unauthorized");
}

#[test]
fn signing_out_ends_the_session_on_the_server_and_a_new_password_ends_them_all() {
    // A short lease: the housekeeping beat (half of it) comes every second.
    let app = TestApp::spawn_with(false, &[("JOB_LEASE_SECS", "2")]);
    let me = app.user("member");
    let second = sign_in_from(&app, &me, FIREFOX);
    app.post("/auth/logout", Some(&second), &json!(null)).expect(204);
    app.get_as("/me", &second).expect_problem(401, "unauthorized");
    app.get_as("/me", &me.token).expect(200);

    app.patch(
        "/me",
        Some(&me.token),
        &json!({"current_password": me.password, "new_password": "un-tout-nouveau-mot-de-passe"}),
    )
    .expect(200);
    let again = TestUser { password: "un-tout-nouveau-mot-de-passe".into(), ..me.clone() };
    let fresh = sign_in_from(&app, &again, FIREFOX);
    assert_eq!(sessions(&app, &fresh).len(), 1, "the sessions before the new password are over");
    // Kept 30 days once over, then forgotten (housekeeping).
    app.sql("UPDATE sessions SET ended_at = now() - interval '31 days' WHERE ended_at IS NOT NULL");
    for _ in 0..200 {
        if app.count("sessions WHERE ended_at IS NOT NULL") == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(app.count("sessions WHERE ended_at IS NOT NULL"), 0);
    assert_eq!(app.count("sessions"), 1);
}

#[test]
fn an_admin_ends_someones_sessions_and_it_is_in_the_audit_trail() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    let phone = sign_in_from(&app, &member, IPHONE);
    let path = format!("/admin/users/{}/sessions", member.id);
    app.delete(&path, None).expect_problem(401, "unauthorized");
    app.delete(&path, Some(&member.token)).expect_problem(403, "forbidden");
    app.delete("/admin/users/999999/sessions", Some(&admin.token)).expect_problem(404, "not_found");
    app.delete(&path, Some(&admin.token)).expect(204);
    app.get_as("/me", &phone).expect_problem(401, "unauthorized");
    app.get_as("/me", &member.token).expect_problem(401, "unauthorized");
    app.get_as("/me", &admin.token).expect(200);
    let audit = app.get_as("/admin/audit?action=user.sessions_ended", &admin.token).expect(200).json();
    assert_eq!(audit["items"][0]["actor"]["id"], admin.id, "{audit}");
    // They sign in again as usual.
    sign_in_from(&app, &member, FIREFOX);
}

/// The `od_session=…` pair of a `Set-Cookie` header, to send back as a browser would.
fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().trim().to_string()
}

#[test]
fn the_web_apps_session_rides_in_a_cookie_no_script_can_read() {
    // Served over HTTPS, as production is: the cookie is `Secure`.
    let app = TestApp::spawn_with(false, &[("PUBLIC_URL", "https://opendetat.test")]);
    let me = app.user("member");
    let body = json!({"email": me.email, "password": me.password, "cookie": true}).to_string();
    let json_body = [("content-type", "application/json")];
    let signed_in = app.request("POST", "/auth/login", None, &json_body, Some(&body)).expect(200);
    let set = signed_in.header("set-cookie").expect("a session cookie").to_string();
    for part in ["od_session=", "HttpOnly", "SameSite=Strict", "Secure", "Path=/api", "Max-Age="] {
        assert!(set.contains(part), "{part} in {set}");
    }
    let answer = signed_in.json();
    assert!(answer.get("access_token").is_none(), "no token a script could read: {answer}");
    assert_eq!(answer["user"]["id"], me.id);
    let cookie = cookie_pair(&set);

    // The cookie is the session: personal reads, never cached as public.
    let mine = app.request("GET", "/me", None, &[("cookie", &cookie)], None).expect(200);
    assert_eq!(mine.json()["id"], me.id);
    app.request("GET", "/me", None, &[], None).expect_problem(401, "unauthorized");
    let forum_list = app.request("GET", "/forums", None, &[("cookie", &cookie)], None).expect(200);
    assert_eq!(forum_list.header("cache-control"), Some("private, no-store"));
    let anonymous = app.request("GET", "/forums", None, &[], None).expect(200);
    assert!(anonymous.header("vary").unwrap_or_default().contains("Cookie"), "{:?}", anonymous.header("vary"));
    // A token sent explicitly wins over the cookie.
    let other = app.user("member");
    let theirs = app.request("GET", "/me", Some(&other.token), &[("cookie", &cookie)], None).expect(200);
    assert_eq!(theirs.json()["id"], other.id);

    // Writes must come from this site: another origin is refused before any handler.
    let host = app.base.trim_end_matches('/').to_string();
    let evil =
        [("cookie", cookie.as_str()), ("origin", "https://attaquant.example"), ("content-type", "application/json")];
    app.request("POST", "/auth/session/extend", None, &evil, Some("null")).expect_problem(403, "cross_site_request");
    let same = [("cookie", cookie.as_str()), ("origin", host.as_str()), ("content-type", "application/json")];
    let extended = app.request("POST", "/auth/session/extend", None, &same, Some("null")).expect(200);
    let renewed = cookie_pair(extended.header("set-cookie").expect("the new token in the cookie"));
    // (Within the same second the token is the same: its times are in seconds.)
    assert!(extended.json().get("access_token").is_none());

    // Signing out ends the session and deletes the cookie; a browser that still sends it is
    // refused, and told to delete it.
    let out = app.request("POST", "/auth/logout", None, &[("cookie", &renewed), ("origin", &host)], None).expect(204);
    assert!(
        out.header("set-cookie").is_some_and(|c| c.contains("od_session=;") && c.contains("Max-Age=0")),
        "{:?}",
        out.header("set-cookie")
    );
    let refused = app.request("GET", "/me", None, &[("cookie", &renewed)], None);
    assert!(refused.header("set-cookie").is_some_and(|c| c.contains("Max-Age=0")));
    refused.expect_problem(401, "unauthorized");
}
