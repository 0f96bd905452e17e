//! API tokens: a member's personal tokens and an app's tokens issued by an admin. Shown once,
//! kept hashed, scoped (never beyond the owner's role), listed with their last use, revocable
//! with effect on the next request, and in the audit trail.

use opendetat_tests::*;

fn create(app: &TestApp, session: &str, body: Value) -> Value {
    app.post("/me/tokens", Some(session), &body).expect(201).json()
}

#[test]
fn a_personal_token_acts_as_its_owner_within_its_scopes() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let created = create(&app, &member.token, json!({"name": "Mon script", "scopes": ["read", "comment", "read"]}));
    let token = created["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("odet_pat_") && token.len() == 9 + 43, "{token}");
    assert_eq!(created["details"]["scopes"], json!(["read", "comment"]), "each scope once");
    assert_eq!(created["details"]["prefix"], token[..13]);
    assert_eq!(created["details"]["owner"]["id"], member.id);
    // Kept hashed: the secret is nowhere in the database.
    assert_eq!(app.count(&format!("api_tokens WHERE secret_hash = sha256('{token}'::bytea)")), 1);
    assert_eq!(app.count(&format!("api_tokens WHERE position('{}' in prefix || name) > 0", &token[13..])), 0);
    // Listed without the secret.
    let list = app.get_as("/me/tokens", &member.token).expect(200);
    assert!(!list.text.contains(&token));
    assert_eq!(list.json()["items"][0]["name"], "Mon script");

    // Reads as its owner (`read`), posts (`comment`).
    assert_eq!(app.get_as("/me", &token).expect(200).json()["id"], member.id);
    let posted = app.post("/commitments/FR0041/comments", Some(&token), &json!({"body": "Par mon script"})).expect(201);
    assert_eq!(posted.json()["author"]["id"], member.id);
    // Beyond its scopes: 403 insufficient_scope, and the challenge names the scope.
    let refused = app.get_as("/me/notifications", &token);
    assert_eq!(refused.header("www-authenticate"), Some("Bearer error=\"insufficient_scope\", scope=\"follow\""));
    refused.expect_problem(403, "insufficient_scope");
    app.post("/forums/2027-01-espace-de-dialogue-en-ligne/registrations", Some(&token), &json!({}))
        .expect_problem(403, "insufficient_scope");
    // Account settings and tokens are for sessions only.
    app.patch("/me", Some(&token), &json!({"display_name": "Pirate"})).expect_problem(403, "insufficient_scope");
    app.post("/me/tokens", Some(&token), &json!({"name": "x", "scopes": ["read"]}))
        .expect_problem(403, "insufficient_scope");

    // Last use: recorded, to the minute, with the address family only.
    let mine = app.get_as("/me/tokens", &member.token).expect(200).json();
    assert!(mine["items"][0]["last_used_at"].is_string(), "{mine}");
    assert_eq!(mine["items"][0]["last_used_family"], "ipv4");
}

#[test]
fn a_token_never_exceeds_its_owners_role() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let refused = app.post("/me/tokens", Some(&member.token), &json!({"name": "x", "scopes": ["read", "moderate"]}));
    let problem = refused.expect_problem(403, "scope_not_allowed");
    assert_eq!(problem["errors"][0]["field"], "scopes");
    app.post("/me/tokens", Some(&member.token), &json!({"name": "x", "scopes": ["account"]}))
        .expect_problem(403, "scope_not_allowed");
    // An unknown scope, none, a past expiry, a blank name: the request's own faults.
    let unknown = app.post("/me/tokens", Some(&member.token), &json!({"name": "x", "scopes": ["write"]}));
    assert_eq!(unknown.status, 422, "{}", unknown.text);
    app.post("/me/tokens", Some(&member.token), &json!({"name": "x", "scopes": []}))
        .expect_problem(422, "validation_failed");
    app.post(
        "/me/tokens",
        Some(&member.token),
        &json!({"name": "x", "scopes": ["read"], "expires_at": "2020-01-01T00:00:00Z"}),
    )
    .expect_problem(422, "validation_failed");
    app.post("/me/tokens", Some(&member.token), &json!({"name": "", "scopes": ["read"]}))
        .expect_problem(422, "validation_failed");

    // An official's token may hold `content`; once the owner is a member again, the role is
    // what limits it.
    let official = app.user("official");
    let token = create(&app, &official.token, json!({"name": "Publication", "scopes": ["content"]}))["token"]
        .as_str()
        .unwrap()
        .to_string();
    let forum = ForumBuilder::new("Forum par jeton").body();
    app.post("/forums", Some(&token), &forum).expect(201);
    app.sql(&format!("UPDATE users SET role = 'member' WHERE id = {}", official.id));
    app.post("/forums", Some(&token), &ForumBuilder::new("Forum refusé").body()).expect_problem(403, "forbidden");
}

#[test]
fn revoked_expired_and_orphaned_tokens_stop_at_once() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let created = create(&app, &member.token, json!({"name": "Éphémère", "scopes": ["read"]}));
    let token = created["token"].as_str().unwrap().to_string();
    let id = created["details"]["id"].as_i64().unwrap();
    app.get_as("/forums", &token).expect(200);

    // Someone else cannot revoke it.
    let other = app.user("member");
    app.delete(&format!("/me/tokens/{id}"), Some(&other.token)).expect_problem(404, "not_found");
    app.delete(&format!("/me/tokens/{id}"), Some(&member.token)).expect(204);
    // The next request is refused, public reads included, and says why.
    let refused = app.get_as("/forums", &token);
    assert_eq!(
        refused.header("www-authenticate"),
        Some("Bearer error=\"invalid_token\", error_description=\"api_token_revoked\"")
    );
    refused.expect_problem(401, "api_token_revoked");
    app.get_as("/me", &token).expect_problem(401, "api_token_revoked");
    // Revoked tokens leave the owner's list; revoking again changes nothing.
    assert_eq!(app.get_as("/me/tokens", &member.token).expect(200).json()["items"], json!([]));
    app.delete(&format!("/me/tokens/{id}"), Some(&member.token)).expect(204);

    let expiring = create(
        &app,
        &member.token,
        json!({"name": "Bientôt", "scopes": ["read"], "expires_at": "2099-01-01T00:00:00Z"}),
    );
    let expiring_token = expiring["token"].as_str().unwrap().to_string();
    app.get_as("/me", &expiring_token).expect(200);
    app.sql(&format!(
        "UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = {}",
        expiring["details"]["id"]
    ));
    app.get_as("/me", &expiring_token).expect_problem(401, "api_token_expired");

    // A suspended owner's token writes nothing and reads as a visitor.
    let writer = create(&app, &member.token, json!({"name": "Écrivain", "scopes": ["read", "comment"]}))["token"]
        .as_str()
        .unwrap()
        .to_string();
    app.sql(&format!("UPDATE users SET suspended_at = now() WHERE id = {}", member.id));
    app.post("/commitments/FR0041/comments", Some(&writer), &json!({"body": "Non"})).expect_problem(403, "forbidden");
    app.get_as("/forums", &writer).expect(200);
    // An erased owner's token is unknown.
    app.sql(&format!("DELETE FROM users WHERE id = {}", member.id));
    app.get_as("/forums", &writer).expect_problem(401, "unauthorized");
    app.get_as("/forums", "odet_pat_nothing-of-the-kind").expect_problem(401, "unauthorized");
}

#[test]
fn a_token_without_read_reads_public_pages_as_a_visitor() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let token = create(&app, &member.token, json!({"name": "Inscriptions", "scopes": ["register"]}))["token"]
        .as_str()
        .unwrap()
        .to_string();
    app.get_as("/commitments/FR0041", &token).expect(200);
    app.get_as("/me", &token).expect_problem(403, "insufficient_scope");
    app.post("/forums/2027-01-espace-de-dialogue-en-ligne/registrations", Some(&token), &json!({})).expect(201);
}

#[test]
fn admins_issue_app_tokens_and_the_audit_trail_keeps_issuing_and_revoking() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let owner = app.user("member");
    let body = |scopes: Value| json!({"name": "Tableau de bord citoyen", "contact": "tech@example.org", "owner_id": owner.id, "scopes": scopes});
    // Only admins, and from a session.
    let member = app.user("member");
    app.post("/admin/app-tokens", Some(&member.token), &body(json!(["read"]))).expect_problem(403, "forbidden");
    // Scopes within the owner's role, not the admin's.
    app.post("/admin/app-tokens", Some(&admin.token), &body(json!(["admin"]))).expect_problem(403, "scope_not_allowed");
    let mut unknown_owner = body(json!(["read"]));
    unknown_owner["owner_id"] = json!(999_999_999);
    app.post("/admin/app-tokens", Some(&admin.token), &unknown_owner).expect_problem(409, "unknown_reference");
    let mut no_contact = body(json!(["read"]));
    no_contact.as_object_mut().unwrap().remove("contact");
    assert_eq!(app.post("/admin/app-tokens", Some(&admin.token), &no_contact).status, 422);

    let created =
        app.post("/admin/app-tokens", Some(&admin.token), &body(json!(["read", "follow"]))).expect(201).json();
    let token = created["token"].as_str().unwrap().to_string();
    assert!(token.starts_with("odet_app_"));
    assert_eq!(created["details"]["kind"], "app");
    assert_eq!(created["details"]["contact"], "tech@example.org");
    let id = created["details"]["id"].as_i64().unwrap();
    // The app acts as its owner.
    assert_eq!(app.get_as("/me", &token).expect(200).json()["id"], owner.id);
    app.put("/me/follows/commitment/FR0041", Some(&token), &json!({})).expect(200);
    let apps = app.get_as("/admin/app-tokens", &admin.token).expect(200).json();
    assert_eq!(apps["items"][0]["id"], id);
    assert!(!apps.to_string().contains(&token));
    // The owner's personal list does not show the app's token, nor can they revoke it there.
    assert_eq!(app.get_as("/me/tokens", &owner.token).expect(200).json()["items"], json!([]));
    app.delete(&format!("/me/tokens/{id}"), Some(&owner.token)).expect_problem(404, "not_found");

    app.delete(&format!("/admin/app-tokens/{id}"), Some(&admin.token)).expect(204);
    app.get_as("/me", &token).expect_problem(401, "api_token_revoked");
    let listed = app.get_as("/admin/app-tokens", &admin.token).expect(200).json();
    assert!(listed["items"][0]["revoked_at"].is_string());

    let trail =
        collect_pages(&app, &format!("/admin/audit?subject_type=api_token&subject_key={id}"), Some(&admin.token));
    let actions: Vec<&str> = trail.iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["api_token.revoked", "api_token.created"]);
    assert_eq!(trail[1]["actor"]["id"], admin.id);
    assert!(!serde_json::to_string(&trail).unwrap().contains(&token[9..]), "no secret in the trail");
    // Private: never in the public change feed.
    let feed = app.get("/changes").expect(200).text;
    assert!(!feed.contains("api_token"), "{feed}");
}
