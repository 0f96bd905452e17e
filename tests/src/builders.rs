//! Builders for the records tests need: a valid request body with defaults, changed where a
//! test cares, created through the API. One per resource, so a test says only what matters to
//! it (`ForumBuilder::new("Mon forum").online().create(&app, &token)`).

use serde_json::{json, Value};

use crate::TestApp;

/// `POST /forums`: in person, in May 2027, unless told otherwise.
#[derive(Debug, Clone)]
pub struct ForumBuilder {
    body: Value,
}

impl ForumBuilder {
    pub fn new(title: &str) -> ForumBuilder {
        ForumBuilder {
            body: json!({
                "title": title,
                "theme": "Thème de test",
                "description": "Une **description** de test.",
                "starts_at": "2027-05-10T18:30:00+02:00",
                "ends_at": "2027-05-10T21:00:00+02:00",
                "location": "20 avenue de Ségur, 75007 Paris"
            }),
        }
    }

    /// Sets (or, with `null`, clears) a field.
    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    pub fn commitments(self, ids: &[i64]) -> Self {
        self.with("commitment_ids", json!(ids))
    }

    pub fn body(&self) -> Value {
        self.body.clone()
    }

    /// Created by `token` (an official or an admin); the forum as answered.
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        app.post("/forums", Some(token), &self.body).expect(201).json()
    }
}

/// `POST /commitments` in the plan `fr-2018-2020`.
#[derive(Debug, Clone)]
pub struct CommitmentBuilder {
    body: Value,
}

impl CommitmentBuilder {
    /// `code`: two capitals and four digits, e.g. `FR0099`.
    pub fn new(code: &str) -> CommitmentBuilder {
        CommitmentBuilder {
            body: json!({
                "action_plan": "fr-2018-2020",
                "code": code,
                "number": 99,
                "title": format!("Commitment {code}"),
            }),
        }
    }

    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    pub fn body(&self) -> Value {
        self.body.clone()
    }

    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        app.post("/commitments", Some(token), &self.body).expect(201).json()
    }
}

/// `POST /commitments/{code}/milestones`.
#[derive(Debug, Clone)]
pub struct MilestoneBuilder {
    body: Value,
}

impl MilestoneBuilder {
    pub fn new(code: &str) -> MilestoneBuilder {
        MilestoneBuilder { body: json!({"code": code, "title": format!("Jalon {code}")}) }
    }

    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    pub fn create(&self, app: &TestApp, token: &str, commitment: &str) -> Value {
        app.post(&format!("/commitments/{commitment}/milestones"), Some(token), &self.body).expect(201).json()
    }
}

/// `POST /action-plans`.
#[derive(Debug, Clone)]
pub struct ActionPlanBuilder {
    body: Value,
}

impl ActionPlanBuilder {
    pub fn new(slug: &str) -> ActionPlanBuilder {
        ActionPlanBuilder {
            body: json!({
                "slug": slug,
                "country": "France",
                "title": format!("Plan {slug}"),
                "period_start": 2025,
                "period_end": 2027,
            }),
        }
    }

    pub fn with(mut self, field: &str, value: Value) -> Self {
        self.body[field] = value;
        self
    }

    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        app.post("/action-plans", Some(token), &self.body).expect(201).json()
    }
}

/// A comment on a subject's discussion: `on` is its path, e.g. `/forums/{slug}` or
/// `/commitments/FR0041`.
pub fn comment(app: &TestApp, token: &str, on: &str, body: &str) -> Value {
    app.post(&format!("{on}/comments"), Some(token), &json!({ "body": body })).expect(201).json()
}

/// A reply to the comment `parent` (`on`: the path of its subject).
pub fn reply(app: &TestApp, token: &str, on: &str, parent: i64, body: &str) -> Value {
    app.post(&format!("{on}/comments"), Some(token), &json!({ "body": body, "parent_id": parent })).expect(201).json()
}
