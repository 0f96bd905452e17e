//! `POST /commitments`: number 99 of the plan `fr-2018-2020`, unless told otherwise.

use serde_json::{json, Value};

use super::RecordExt;
use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct CommitmentBuilder {
    body: Value,
}

request_body!(CommitmentBuilder);

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

    /// In the plan `plan` (its slug or its id).
    pub fn plan(self, plan: &str) -> Self {
        self.with("action_plan", plan)
    }

    pub fn number(self, number: i64) -> Self {
        self.with("number", number)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/commitments", Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// The id of the commitment `code`.
#[track_caller]
pub fn commitment_id(app: &TestApp, code: &str) -> i64 {
    app.get(&format!("/commitments/{code}")).expect(200).json().id()
}
