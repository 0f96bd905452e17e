//! The role matrix (`permissions::table`) called by people who are gone or barred: the session
//! and a full-scope token of an erased member and admin (401 everywhere), of a suspended member
//! and admin (403 everywhere).

use opendetat_tests::*;

use super::permissions::table;

/// A person (signed in) and a personal token holding every scope their role may grant.
fn session_and_token(app: &TestApp, role: &str) -> (TestUser, String) {
    let user = app.user(role);
    let scopes: Vec<&str> = match role {
        "admin" => roles::GRANTABLE_SCOPES.iter().copied().filter(|s| *s != "webhooks").collect(),
        _ => vec!["read", "comment", "register", "follow"],
    };
    let created =
        app.post("/me/tokens", Some(&user.token), &json!({"name": "Tout", "scopes": scopes})).expect(201).json();
    (user, created["token"].as_str().unwrap().to_string())
}

/// The sessions and tokens of people erased or suspended, on every protected route: erased,
/// they are nobody (401); suspended, they are refused (403), whatever the token holds.
#[test]
fn sessions_and_tokens_of_erased_or_suspended_people_are_refused_on_every_route() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let author = app.user("member");
    let comment = builders::comment(&app, &author.token, "/commitments/FR0041", "Le mien");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let milestone = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let target = app.user("member");
    let question = QuestionBuilder::on("/commitments/FR0041").create(&app, &author.token);
    let erased_member = session_and_token(&app, "member");
    let erased_admin = session_and_token(&app, "admin");
    let suspended_member = session_and_token(&app, "member");
    let suspended_admin = session_and_token(&app, "admin");
    app.post("/me/erasure", Some(&erased_member.0.token), &json!({"password": erased_member.0.password})).expect(204);
    app.post(&format!("/admin/users/{}/erasure", erased_admin.0.id), Some(&admin.token), &json!(null)).expect(204);
    for (suspended, _) in [&suspended_member, &suspended_admin] {
        app.patch(&format!("/admin/users/{}", suspended.id), Some(&admin.token), &json!({"suspended": true}))
            .expect(200);
    }
    for (method, _, path, body, _) in table(comment.id(), milestone, target.id, question.id()) {
        let call = |token: &str| match &body {
            Some(body) => app.send(method, &path, Some(token), body),
            None => app.request(method, &path, Some(token), &[], None),
        };
        for (who, (person, token), status) in [
            ("an erased member", &erased_member, 401),
            ("an erased admin", &erased_admin, 401),
            ("a suspended member", &suspended_member, 403),
            ("a suspended admin", &suspended_admin, 403),
        ] {
            for (what, credential) in [("session", &person.token), ("token", token)] {
                let answer = call(credential);
                assert_eq!(answer.status, status, "{method} {path} with {who}'s {what}: {}", answer.text);
            }
        }
    }
}
