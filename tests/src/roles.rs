//! The 401/403 role matrix of a protected route, checked in one place: without a token 401,
//! with a role that may not 403 (`forbidden`), with one that may, neither.

use serde_json::Value;

use crate::{TestApp, UserBuilder};

/// Every role, least to most powerful. `official_elsewhere` is an official of an institution
/// that none of the seeded records names: allowed where `official` is, unless the route is
/// about an institution's own records (its forums' attendees, its questions).
pub const ROLES: [&str; 5] = ["member", "official", "official_elsewhere", "moderator", "admin"];

/// An account of `role` (see `ROLES`), signed in.
pub fn account(app: &TestApp, role: &str) -> crate::TestUser {
    if role != "official_elsewhere" {
        return app.user(role);
    }
    // Recorded in SQL: the matrix asks for one per role it checks, and the API takes a name
    // once.
    app.sql("INSERT INTO institutions (slug, name, kind) VALUES ('institution-tierce', 'Institution tierce', 'agency') ON CONFLICT DO NOTHING");
    UserBuilder::official_of("institution-tierce").create(app)
}

/// A protected operation and the roles allowed to call it.
#[derive(Debug, Clone)]
pub struct Guarded<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub body: Option<Value>,
    pub allowed: &'a [&'a str],
}

impl Guarded<'_> {
    /// Checks the matrix. Refused calls change nothing, so they come first; then each allowed
    /// role is called once (the first may do the write: later ones may meet its effect, e.g. a
    /// 404 after a delete, which is neither 401 nor 403).
    #[track_caller]
    pub fn check(&self, app: &TestApp) {
        let call = |token: Option<&str>| match &self.body {
            Some(body) => app.send(self.method, self.path, token, body),
            None => app.request(self.method, self.path, token, &[], None),
        };
        call(None).expect_problem(401, "unauthorized");
        call(Some("not-a-token")).expect_problem(401, "unauthorized");
        let allowed = |role: &str| {
            self.allowed.contains(&role) || (role == "official_elsewhere" && self.allowed.contains(&"official"))
        };
        for role in ROLES.iter().filter(|r| !allowed(r)) {
            let user = account(app, role);
            let answer = call(Some(&user.token));
            assert_eq!(answer.status, 403, "{} {} as {role}: {}", self.method, self.path, answer.text);
            // `not_your_institution`, `not_an_organiser`: the role may, but not for this
            // record's institution or forum.
            let code = answer.json()["code"].as_str().unwrap_or_default().to_string();
            assert!(
                code == "forbidden" || code == "not_your_institution" || code == "not_an_organiser",
                "{} {} as {role}: {}",
                self.method,
                self.path,
                answer.text
            );
        }
        for role in ROLES.iter().filter(|r| allowed(r)) {
            let user = account(app, role);
            let answer = call(Some(&user.token));
            assert!(
                answer.status != 401 && answer.status != 403,
                "{} {} as {role} was refused: {} {}",
                self.method,
                self.path,
                answer.status,
                answer.text
            );
        }
    }
}

/// The scopes a token may hold (`account` is for sessions only; `webhooks` for app tokens).
pub const GRANTABLE_SCOPES: [&str; 9] =
    ["read", "comment", "register", "follow", "content", "respond", "moderate", "admin", "webhooks"];

/// One personal API token per grantable scope: a member's for the scopes members may hold, an
/// admin's for the staff scopes (so that a matching token is refused only for what its owner's
/// role or record forbids, never for its scope).
pub fn scope_tokens(app: &TestApp) -> Vec<(&'static str, String)> {
    let member = app.user("member");
    let admin = app.user("admin");
    GRANTABLE_SCOPES
        .iter()
        .map(|scope| {
            if *scope == "webhooks" {
                // An app's token, which admins issue (a member's organisation here).
                let created = app
                    .post(
                        "/admin/app-tokens",
                        Some(&admin.token),
                        &serde_json::json!({"name": "App", "contact": "tech@example.org", "owner_id": member.id, "scopes": [scope]}),
                    )
                    .expect(201)
                    .json();
                return (*scope, created["token"].as_str().unwrap().to_string());
            }
            let owner = if ["read", "comment", "register", "follow"].contains(scope) { &member } else { &admin };
            let created = app
                .post(
                    "/me/tokens",
                    Some(&owner.token),
                    &serde_json::json!({"name": format!("{scope} only"), "scopes": [scope]}),
                )
                .expect(201)
                .json();
            (*scope, created["token"].as_str().unwrap().to_string())
        })
        .collect()
}

impl Guarded<'_> {
    /// The scope matrix of the route that declares `scope`: a token holding another scope is
    /// refused with 403 `insufficient_scope` (and `WWW-Authenticate` naming the scope); the
    /// token holding it is not refused for its scope (nor as a credential).
    #[track_caller]
    pub fn check_scopes(&self, app: &TestApp, scope: &str, tokens: &[(&str, String)]) {
        let call = |token: &str| match &self.body {
            Some(body) => app.send(self.method, self.path, Some(token), body),
            None => app.request(self.method, self.path, Some(token), &[], None),
        };
        for (held, token) in tokens.iter().filter(|(held, _)| *held != scope) {
            let answer = call(token);
            let what = format!("{} {} with a `{held}` token", self.method, self.path);
            assert_eq!(answer.status, 403, "{what}: {}", answer.text);
            let challenge = answer.header("www-authenticate").unwrap_or_default().to_string();
            assert_eq!(challenge, format!("Bearer error=\"insufficient_scope\", scope=\"{scope}\""), "{what}");
            assert_eq!(answer.json()["code"], "insufficient_scope", "{what}");
        }
        for (held, token) in tokens.iter().filter(|(held, _)| *held == scope) {
            let answer = call(token);
            let code = serde_json::from_str::<Value>(&answer.text).map(|v| v["code"].clone()).unwrap_or(Value::Null);
            assert!(
                answer.status != 401 && code != "insufficient_scope",
                "{} {} with a `{held}` token was refused: {} {}",
                self.method,
                self.path,
                answer.status,
                answer.text
            );
        }
    }
}
