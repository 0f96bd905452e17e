//! Public profiles (`/users/{id}`), the admin's user management (`/admin/users`), suspension,
//! and the `create-admin` command.

use std::collections::HashSet;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use opendetat_tests::*;

const OPEN_FORUM: &str = "2027-01-espace-de-dialogue-en-ligne";

fn admin(app: &TestApp) -> TestUser {
    app.demo("admin@demo.opendetat.fr")
}

fn role_of(app: &TestApp, id: i64) -> String {
    for role in ["member", "official", "moderator", "admin"] {
        if app.count(&format!("users WHERE id = {id} AND role = '{role}'")) == 1 {
            return role.to_string();
        }
    }
    panic!("user {id} has no known role");
}

// ---------------------------------------------------------------------------------------------
// Public profiles
// ---------------------------------------------------------------------------------------------

#[test]
fn public_profile_shows_the_user_without_email() {
    let app = TestApp::spawn();
    let user = app.user("member");
    app.patch("/me", Some(&user.token), &json!({"organisation": "Association Y"})).expect(200);
    let res = app.get(&format!("/users/{}", user.id)).expect(200);
    assert!(!res.text.contains(&user.email), "the email leaked: {}", res.text);
    assert!(!res.text.contains("password"), "{}", res.text);
    let body = res.json();
    assert_eq!(body["id"], user.id);
    assert_eq!(body["display_name"], "Test member");
    assert_eq!(body["role"], "member");
    assert_eq!(body["organisation"], "Association Y");
    assert!(body["created_at"].is_string());
    let keys: HashSet<&str> = body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        HashSet::from(["id", "display_name", "handle", "role", "organisation", "institution_id", "created_at"]),
        "{body}"
    );
    // A seeded admin's profile, too.
    let seeded = admin(&app);
    let res = app.get(&format!("/users/{}", seeded.id)).expect(200);
    assert!(!res.text.contains("@demo.opendetat.fr"), "{}", res.text);
    assert_eq!(res.json()["role"], "admin");
}

#[test]
fn unknown_user_is_a_404_problem() {
    let app = TestApp::spawn();
    let problem = app.get("/users/987654321").expect_problem(404, "not_found");
    assert_eq!(problem["detail"], "User not found.");
    app.get("/users/0").expect_problem(404, "not_found");
    app.get("/users/-1").expect_problem(404, "not_found");
}

#[test]
fn non_numeric_user_id_is_a_404() {
    let app = TestApp::spawn();
    app.get("/users/abc").expect_problem(404, "not_found");
    app.get("/users/1.5").expect_problem(404, "not_found");
    app.get("/users/99999999999999999999999").expect_problem(404, "not_found");
}

// ---------------------------------------------------------------------------------------------
// GET /admin/users
// ---------------------------------------------------------------------------------------------

#[test]
fn admin_list_requires_sign_in() {
    let app = TestApp::spawn();
    app.get("/admin/users").expect_problem(401, "unauthorized");
    app.get_as("/admin/users", "garbage").expect_problem(401, "unauthorized");
}

#[test]
fn admin_list_is_forbidden_to_non_admins() {
    let app = TestApp::spawn();
    for role in ["member", "official", "moderator"] {
        let user = app.user(role);
        let problem = app.get_as("/admin/users", &user.token).expect_problem(403, "forbidden");
        assert!(!problem.to_string().contains("@example.org"), "{role}: {problem}");
    }
    // The seeded non-admins too.
    for email in ["agent@demo.opendetat.fr", "moderation@demo.opendetat.fr", "camille.martin@demo.opendetat.fr"] {
        let user = app.demo(email);
        app.get_as("/admin/users", &user.token).expect_problem(403, "forbidden");
    }
}

#[test]
fn admin_list_pages_through_every_user_without_duplicates() {
    let app = TestApp::spawn();
    let created: Vec<TestUser> = (0..3).map(|_| app.user("member")).collect();
    let admin = admin(&app);
    let total = app.count("users");
    assert_eq!(total, 8, "5 seeded + 3 created");

    let first = app.get_as("/admin/users?limit=2", &admin.token).expect(200);
    let link = first.header("link").map(str::to_string);
    let first = first.json();
    assert_eq!(first["items"].as_array().unwrap().len(), 2);
    assert!(first["next_cursor"].is_string(), "{first}");
    let link = link.expect("a Link header on a non-final page");
    assert!(link.contains("rel=\"next\"") && link.contains("limit=2") && link.contains("cursor="), "{link}");

    let items = collect_pages(&app, "/admin/users?limit=2", Some(&admin.token));
    let ids: Vec<i64> = items.iter().map(|u| u["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len() as i64, total, "{ids:?}");
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len(), "duplicates: {ids:?}");
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "oldest (lowest id) first");
    for u in &created {
        let item = items.iter().find(|i| i["id"] == u.id).expect("created user listed");
        assert_eq!(item["email"], u.email.as_str(), "admins see emails");
    }
    assert!(items.iter().any(|i| i["email"] == "admin@demo.opendetat.fr"));
    assert!(!serde_json::to_string(&items).unwrap().contains("password"));
}

#[test]
fn admin_list_filters_by_role_and_text() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let member = app.user("member");
    app.patch("/me", Some(&member.token), &json!({"display_name": "Zoé Unique-Name"})).expect(200);
    let admin = admin(&app);

    let officials = collect_pages(&app, "/admin/users?role=official&limit=1", Some(&admin.token));
    let emails: HashSet<&str> = officials.iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails, HashSet::from(["agent@demo.opendetat.fr", official.email.as_str()]));
    assert!(officials.iter().all(|u| u["role"] == "official"));

    let admins = collect_pages(&app, "/admin/users?role=admin", Some(&admin.token));
    assert_eq!(admins.len(), 1);
    assert_eq!(admins[0]["email"], "admin@demo.opendetat.fr");

    // q matches the display name, case-insensitively…
    let by_name = collect_pages(&app, "/admin/users?q=unique-NAME", Some(&admin.token));
    assert_eq!(by_name.len(), 1, "{by_name:?}");
    assert_eq!(by_name[0]["id"], member.id);
    // …and the email.
    let by_email = collect_pages(&app, "/admin/users?q=DEMO.OPENDETAT", Some(&admin.token));
    assert_eq!(by_email.len(), 5, "{by_email:?}");
    // Combined with role.
    let both = collect_pages(&app, "/admin/users?q=demo.opendetat&role=member", Some(&admin.token));
    let emails: HashSet<&str> = both.iter().map(|u| u["email"].as_str().unwrap()).collect();
    assert_eq!(emails, HashSet::from(["camille.martin@demo.opendetat.fr", "nicolas.petit@demo.opendetat.fr"]));
    // LIKE wildcards are matched literally: no account has `_` or `%` in its email or name.
    assert!(collect_pages(&app, "/admin/users?q=_", Some(&admin.token)).is_empty());
    assert!(collect_pages(&app, "/admin/users?q=%25", Some(&admin.token)).is_empty());
    assert!(collect_pages(&app, "/admin/users?q=nobody-matches-this", Some(&admin.token)).is_empty());
}

#[test]
fn admin_list_rejects_bad_paging_and_filters() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    app.get_as("/admin/users?role=emperor", &admin.token).expect_problem(400, "invalid_query");
    app.get_as("/admin/users?limit=0", &admin.token).expect_problem(422, "validation_failed");
    app.get_as("/admin/users?limit=101", &admin.token).expect_problem(422, "validation_failed");
    app.get_as("/admin/users?cursor=not-a-cursor!", &admin.token).expect_problem(400, "invalid_cursor");
}

// ---------------------------------------------------------------------------------------------
// PATCH /admin/users/{id}
// ---------------------------------------------------------------------------------------------

#[test]
fn admin_update_requires_sign_in() {
    let app = TestApp::spawn();
    let user = app.user("member");
    app.patch(&format!("/admin/users/{}", user.id), None, &json!({"role": "admin"}))
        .expect_problem(401, "unauthorized");
    app.patch(&format!("/admin/users/{}", user.id), Some("garbage"), &json!({"role": "admin"}))
        .expect_problem(401, "unauthorized");
    assert_eq!(role_of(&app, user.id), "member");
}

#[test]
fn admin_update_is_forbidden_to_non_admins() {
    let app = TestApp::spawn();
    let target = app.user("member");
    for role in ["member", "official", "moderator"] {
        let user = app.user(role);
        app.patch(&format!("/admin/users/{}", target.id), Some(&user.token), &json!({"role": "admin"}))
            .expect_problem(403, "forbidden");
        app.patch(&format!("/admin/users/{}", target.id), Some(&user.token), &json!({"suspended": true}))
            .expect_problem(403, "forbidden");
        // Nor may they promote themselves.
        app.patch(&format!("/admin/users/{}", user.id), Some(&user.token), &json!({"role": "admin"}))
            .expect_problem(403, "forbidden");
        assert_eq!(role_of(&app, user.id), role);
    }
    assert_eq!(role_of(&app, target.id), "member");
    assert_eq!(app.count(&format!("users WHERE id = {} AND suspended_at IS NULL", target.id)), 1);
}

#[test]
fn admin_promotes_a_member_who_can_then_act_as_an_official() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let user = app.user("member");
    ForumBuilder::new("Forum avant promotion").send(&app, &user.token).expect_problem(403, "forbidden");

    let body = app
        .patch(&format!("/admin/users/{}", user.id), Some(&admin.token), &json!({"role": "official"}))
        .expect(200)
        .json();
    assert_eq!(body["id"], user.id);
    assert_eq!(body["role"], "official");
    assert!(body["suspended_at"].is_null());
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["role"], "official");

    // The same token now carries the new rights (roles are read on each request).
    let forum = ForumBuilder::new("Forum après promotion").create(&app, &user.token);
    assert_eq!(forum["title"], "Forum après promotion");
    // But not admin rights.
    app.get_as("/admin/users", &user.token).expect_problem(403, "forbidden");

    // Demoted back, the rights go at once.
    app.patch(&format!("/admin/users/{}", user.id), Some(&admin.token), &json!({"role": "member"})).expect(200);
    ForumBuilder::new("Forum après rétrogradation").send(&app, &user.token).expect_problem(403, "forbidden");
}

#[test]
fn admin_promotes_another_admin() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let user = app.user("moderator");
    app.patch(&format!("/admin/users/{}", user.id), Some(&admin.token), &json!({"role": "admin"})).expect(200);
    let listed = app.get_as("/admin/users?role=admin", &user.token).expect(200).json();
    assert_eq!(listed["items"].as_array().unwrap().len(), 2, "{listed}");
}

#[test]
fn admin_cannot_demote_or_suspend_themselves() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let me = format!("/admin/users/{}", admin.id);
    let problem = app.patch(&me, Some(&admin.token), &json!({"role": "member"})).expect_problem(409, "self_lockout");
    assert!(problem["detail"].as_str().unwrap().contains("themselves"), "{problem}");
    app.patch(&me, Some(&admin.token), &json!({"suspended": true})).expect_problem(409, "self_lockout");
    app.patch(&me, Some(&admin.token), &json!({"role": "admin", "suspended": true}))
        .expect_problem(409, "self_lockout");
    app.patch(&me, Some(&admin.token), &json!({"role": "moderator", "suspended": false}))
        .expect_problem(409, "self_lockout");
    // Harmless self-updates are fine.
    let body = app.patch(&me, Some(&admin.token), &json!({"role": "admin", "suspended": false})).expect(200).json();
    assert_eq!(body["role"], "admin");
    let mine = app.get_as("/me", &admin.token).expect(200).json();
    assert_eq!(mine["role"], "admin");
    assert!(mine["suspended_at"].is_null());
    app.get_as("/admin/users", &admin.token).expect(200);
}

#[test]
fn admin_update_of_an_unknown_user_is_a_404() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let problem = app
        .patch("/admin/users/987654321", Some(&admin.token), &json!({"role": "official"}))
        .expect_problem(404, "not_found");
    assert_eq!(problem["detail"], "User not found.");
    app.patch("/admin/users/abc", Some(&admin.token), &json!({"role": "official"})).expect_problem(404, "not_found");
}

#[test]
fn admin_update_rejects_an_invalid_role_or_unknown_field() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let user = app.user("member");
    let path = format!("/admin/users/{}", user.id);
    app.patch(&path, Some(&admin.token), &json!({"role": "superadmin"})).expect_problem(422, "unprocessable_body");
    app.patch(&path, Some(&admin.token), &json!({"role": "Admin"})).expect_problem(422, "unprocessable_body");
    app.patch(&path, Some(&admin.token), &json!({"suspended": "yes"})).expect_problem(422, "unprocessable_body");
    app.patch(&path, Some(&admin.token), &json!({"email": "stolen@example.org"}))
        .expect_problem(422, "unprocessable_body");
    assert_eq!(role_of(&app, user.id), "member");
    assert_eq!(app.get_as("/me", &user.token).expect(200).json()["email"], user.email.as_str());
}

// ---------------------------------------------------------------------------------------------
// Suspension
// ---------------------------------------------------------------------------------------------

#[test]
fn suspension_blocks_an_existing_token_until_lifted() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let user = app.user("member");
    let forum = format!("/forums/{OPEN_FORUM}");
    builders::comment(&app, &user.token, &forum, "Avant suspension");

    let body = app
        .patch(&format!("/admin/users/{}", user.id), Some(&admin.token), &json!({"suspended": true}))
        .expect(200)
        .json();
    assert!(body["suspended_at"].is_string(), "{body}");
    assert_eq!(body["role"], "member", "suspending leaves the role alone");

    let problem = app.get_as("/me", &user.token).expect_problem(403, "forbidden");
    assert!(problem["detail"].as_str().unwrap().contains("suspended"), "{problem}");
    let before = app.count(&format!("comments WHERE author_id = {}", user.id));
    CommentBuilder::on(&forum).text("Pendant suspension").send(&app, &user.token).expect_problem(403, "forbidden");
    app.patch("/me", Some(&user.token), &json!({"display_name": "Suspendu"})).expect_problem(403, "forbidden");
    assert_eq!(app.count(&format!("comments WHERE author_id = {}", user.id)), before, "no comment was stored");
    // The admin sees the suspension.
    let listed = collect_pages(&app, "/admin/users", Some(&admin.token));
    assert!(listed.iter().find(|u| u["id"] == user.id).unwrap()["suspended_at"].is_string());

    let body = app
        .patch(&format!("/admin/users/{}", user.id), Some(&admin.token), &json!({"suspended": false}))
        .expect(200)
        .json();
    assert!(body["suspended_at"].is_null(), "{body}");
    let me = app.get_as("/me", &user.token).expect(200).json();
    assert!(me["suspended_at"].is_null());
    assert_eq!(me["display_name"], "Test member", "the write during suspension was not applied");
    builders::comment(&app, &user.token, &forum, "Après suspension");
    app.post("/auth/login", None, &json!({"email": user.email, "password": user.password})).expect(200);
}

#[test]
fn suspending_twice_keeps_the_first_date() {
    let app = TestApp::spawn();
    let admin = admin(&app);
    let user = app.user("member");
    let path = format!("/admin/users/{}", user.id);
    let first = app.patch(&path, Some(&admin.token), &json!({"suspended": true})).expect(200).json();
    let second =
        app.patch(&path, Some(&admin.token), &json!({"suspended": true, "role": "official"})).expect(200).json();
    assert_eq!(first["suspended_at"], second["suspended_at"]);
    assert_eq!(second["role"], "official");
}

// ---------------------------------------------------------------------------------------------
// `opendetat create-admin`
// ---------------------------------------------------------------------------------------------

fn create_admin(app: &TestApp, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(binary())
        .arg("create-admin")
        .args(args)
        .env("DATABASE_URL", db_url(&app.database))
        .env("OPENDETAT_ENV", "dev")
        .env("RUST_LOG", "warn")
        .env_remove("JWT_SECRET")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run opendetat create-admin");
    // The command may exit before reading (bad flags): a closed pipe is not a failure here.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().expect("wait for create-admin")
}

#[test]
fn create_admin_cli_creates_an_admin_who_can_sign_in() {
    let app = TestApp::spawn();
    let password = "boss-password-long-enough";
    let out = create_admin(&app, &["--email", "boss@example.org", "--display-name", "Boss"], &format!("{password}\n"));
    assert!(out.status.success(), "create-admin failed: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("boss@example.org"));

    let session =
        app.post("/auth/login", None, &json!({"email": "boss@example.org", "password": password})).expect(200).json();
    assert_eq!(session["user"]["role"], "admin");
    assert_eq!(session["user"]["display_name"], "Boss");
    let token = session["access_token"].as_str().unwrap();
    app.get_as("/admin/users", token).expect(200);
    // The trailing newline is not part of the password.
    app.post("/auth/login", None, &json!({"email": "boss@example.org", "password": format!("{password}\n")}))
        .expect_problem(401, "unauthorized");
}

#[test]
fn create_admin_cli_promotes_an_existing_account() {
    let app = TestApp::spawn();
    let user = app.user("member");
    let password = "a-new-admin-password";
    let out = create_admin(
        &app,
        &["--email", &user.email.to_uppercase(), "--display-name", "Ignored"],
        &format!("{password}\n"),
    );
    assert!(out.status.success(), "create-admin failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count(&format!("users WHERE lower(email) = lower('{}')", user.email)), 1, "no second account");
    assert_eq!(role_of(&app, user.id), "admin");
    let session = app.post("/auth/login", None, &json!({"email": user.email, "password": password})).expect(200).json();
    assert_eq!(session["user"]["id"], user.id);
    assert_eq!(session["user"]["role"], "admin");
}

#[test]
fn create_admin_cli_finds_an_existing_account_despite_surrounding_spaces() {
    // The command stores the email trimmed, so it must also look it up trimmed: a padded
    // `--email` (easy to get from shell quoting) promotes the account instead of failing.
    let app = TestApp::spawn();
    let user = app.user("member");
    let padded = format!("  {}  ", user.email);
    let out = create_admin(&app, &["--email", &padded, "--display-name", "Ignored"], "a-new-admin-password\n");
    assert!(out.status.success(), "create-admin failed: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count(&format!("users WHERE lower(email) = lower('{}')", user.email)), 1, "no second account");
    assert_eq!(role_of(&app, user.id), "admin");
}

#[test]
fn create_admin_cli_rejects_a_short_password_and_creates_nothing() {
    let app = TestApp::spawn();
    let before = app.count("users");
    let out = create_admin(&app, &["--email", "boss@example.org", "--display-name", "Boss"], "short\n");
    assert!(!out.status.success(), "accepted a short password");
    assert!(String::from_utf8_lossy(&out.stderr).contains("password"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(app.count("users WHERE lower(email) = 'boss@example.org'"), 0);
    assert_eq!(app.count("users"), before);
    app.post("/auth/login", None, &json!({"email": "boss@example.org", "password": "short"}))
        .expect_problem(401, "unauthorized");

    // Missing flags fail too, before reading any password.
    let out = create_admin(&app, &["--email", "boss@example.org"], "boss-password-long-enough\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--display-name"));
    assert_eq!(app.count("users WHERE lower(email) = 'boss@example.org'"), 0);
}

#[test]
fn a_profile_change_is_recorded_as_an_event_that_names_the_fields_not_their_values() {
    let app = TestApp::spawn_empty();
    let user = app.user("member");
    let before = app.count(&format!("events WHERE type = 'user.updated' AND actor_id = {}", user.id));
    app.patch("/me", Some(&user.token), &json!({"display_name": "Élise Nouveau", "organisation": "Mairie de Lyon"}))
        .expect(200);
    // Nothing to change: no event.
    app.patch("/me", Some(&user.token), &json!({})).expect(200);
    assert_eq!(app.count(&format!("events WHERE type = 'user.updated' AND actor_id = {}", user.id)), before + 1);
    assert_eq!(
        app.count(&format!(
            "events WHERE type = 'user.updated' AND actor_id = {} \
               AND payload = '{{\"fields\": [\"display_name\", \"organisation\"]}}'::jsonb",
            user.id
        )),
        1,
        "the fields changed, never their values (personal data stays out of the log)"
    );
}
