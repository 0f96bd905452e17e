//! `POST /stakeholder-forum/members`: a civil-society member of the multi-stakeholder forum whose
//! term began on 1 January 2026 and runs until further notice, unless told otherwise; and a
//! forum made a meeting of it.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct MemberBuilder {
    body: Value,
}

request_body!(MemberBuilder);

impl MemberBuilder {
    pub fn new(name: &str, organisation: &str) -> MemberBuilder {
        MemberBuilder {
            body: json!({
                "name": name,
                "category": "civil_society",
                "organisation": organisation,
                "term_starts_on": "2026-01-01"
            }),
        }
    }

    /// From the administration rather than civil society.
    pub fn administration(self) -> Self {
        self.with("category", "administration")
    }

    /// For the term from `starts_on` to `ends_on` (YYYY-MM-DD).
    pub fn term(self, starts_on: &str, ends_on: &str) -> Self {
        self.with("term_starts_on", starts_on).with("term_ends_on", ends_on)
    }

    /// `POST /stakeholder-forum/members` by `token`, whatever the answer.
    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/stakeholder-forum/members", Some(token), &self.body)
    }

    /// Added by `token` (an admin); the member as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// The forum `slug` marked by `admin` as a meeting of the multi-stakeholder forum; the meeting
/// as answered.
#[track_caller]
pub fn stakeholder_meeting(app: &TestApp, admin: &str, slug: &str) -> Value {
    app.put(&format!("/forums/{slug}/stakeholder-meeting"), Some(admin), &Value::Null).expect(200).json()
}
