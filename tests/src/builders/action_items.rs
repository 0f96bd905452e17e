//! What a held forum leaves behind: its minutes (`PUT /forums/{slug}/minutes`) and its action
//! items (`POST /forums/{slug}/action-items`).

use serde_json::{json, Value};

use crate::{Resp, TestApp};

/// An action item of the forum `forum`: Etalab's, due on 1 June 2026, unless told otherwise.
#[derive(Debug, Clone)]
pub struct ActionItemBuilder {
    forum: String,
    body: Value,
}

request_body!(ActionItemBuilder);

impl ActionItemBuilder {
    pub fn on(forum: &str, title: &str) -> ActionItemBuilder {
        ActionItemBuilder {
            forum: forum.to_string(),
            body: json!({"title": title, "owner": {"kind": "institution", "name": "Etalab"}, "due_on": "2026-06-01"}),
        }
    }

    pub fn due_on(self, day: &str) -> Self {
        self.with("due_on", day)
    }

    /// Owned by the person `name`.
    pub fn owner_person(self, name: &str) -> Self {
        self.with("owner", json!({"kind": "person", "name": name}))
    }

    /// Owned by the institution `name` (linked to its record when one has that name).
    pub fn owner_institution(self, name: &str) -> Self {
        self.with("owner", json!({"kind": "institution", "name": name}))
    }

    /// About the commitment `code`.
    pub fn commitment(self, code: &str) -> Self {
        self.with("commitment", code)
    }

    /// About the milestone `id`.
    pub fn milestone(self, id: i64) -> Self {
        self.with("milestone_id", id)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/forums/{}/action-items", self.forum), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// The minutes of the forum `forum`.
#[derive(Debug, Clone)]
pub struct MinutesBuilder {
    forum: String,
    body: Value,
}

request_body!(MinutesBuilder);

impl MinutesBuilder {
    pub fn of(forum: &str) -> MinutesBuilder {
        MinutesBuilder { forum: forum.to_string(), body: json!({"body": "Compte rendu."}) }
    }

    /// Its markdown.
    pub fn text(self, text: &str) -> Self {
        self.with("body", text)
    }

    /// How many came (counted from the check-ins when not given).
    pub fn attendees(self, count: i64) -> Self {
        self.with("attendees_count", count)
    }

    /// `PUT`: published the first time (201), corrected after (200).
    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.put(&format!("/forums/{}/minutes", self.forum), Some(token), &self.body)
    }

    /// Published for the first time by `token`; the minutes as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
