//! `POST /institutions`: an agency, unless told otherwise.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct InstitutionBuilder {
    body: Value,
}

request_body!(InstitutionBuilder);

impl InstitutionBuilder {
    pub fn new(name: &str) -> InstitutionBuilder {
        InstitutionBuilder { body: json!({"name": name, "kind": "agency"}) }
    }

    /// `ministry`, `agency`, `civil_society`…
    pub fn kind(self, kind: &str) -> Self {
        self.with("kind", kind)
    }

    pub fn acronym(self, acronym: &str) -> Self {
        self.with("acronym", acronym)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/institutions", Some(token), &self.body)
    }

    /// Recorded by `token` (an admin); the institution as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
