//! `POST /cycles`: the first half of 2027, covering no commitment, unless told otherwise.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct CycleBuilder {
    body: Value,
}

request_body!(CycleBuilder);

impl CycleBuilder {
    pub fn new(title: &str) -> CycleBuilder {
        CycleBuilder { body: json!({"title": title, "starts_on": "2027-01-01", "ends_on": "2027-06-30"}) }
    }

    /// From `starts_on` to `ends_on` (dates).
    pub fn between(self, starts_on: &str, ends_on: &str) -> Self {
        self.with("starts_on", starts_on).with("ends_on", ends_on)
    }

    /// The commitments it sets out to cover.
    pub fn commitments(self, ids: &[i64]) -> Self {
        self.with("commitment_ids", json!(ids))
    }

    pub fn slug(self, slug: &str) -> Self {
        self.with("slug", slug)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/cycles", Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
