//! The 401/403 role matrix of a protected route, checked in one place: without a token 401,
//! with a role that may not 403 (`forbidden`), with one that may, neither.

use serde_json::Value;

use crate::TestApp;

/// Every role, least to most powerful.
pub const ROLES: [&str; 4] = ["member", "official", "moderator", "admin"];

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
        for role in ROLES.iter().filter(|r| !self.allowed.contains(r)) {
            let user = app.user(role);
            let answer = call(Some(&user.token));
            assert_eq!(
                answer.status, 403,
                "{} {} as {role}: {}",
                self.method, self.path, answer.text
            );
            // `not_your_institution`: the role may, but not for this record's institution.
            let code = answer.json()["code"].as_str().unwrap_or_default().to_string();
            assert!(
                code == "forbidden" || code == "not_your_institution",
                "{} {} as {role}: {}",
                self.method, self.path, answer.text
            );
        }
        for role in self.allowed {
            let user = app.user(role);
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
