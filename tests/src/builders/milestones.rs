//! `POST /commitments/{code}/milestones`: after the commitment's last milestone, unless told
//! otherwise.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct MilestoneBuilder {
    commitment: String,
    body: Value,
}

request_body!(MilestoneBuilder);

impl MilestoneBuilder {
    /// The milestone `code` (`12.5`) of the commitment `commitment` (its code or id).
    pub fn on(commitment: &str, code: &str) -> MilestoneBuilder {
        MilestoneBuilder {
            commitment: commitment.to_string(),
            body: json!({"code": code, "title": format!("Jalon {code}")}),
        }
    }

    pub fn title(self, title: &str) -> Self {
        self.with("title", title)
    }

    /// Its place among the commitment's milestones.
    pub fn position(self, position: i64) -> Self {
        self.with("position", position)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/commitments/{}/milestones", self.commitment), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// The id of the milestone `code` (`12.1`) of the commitment `commitment` (`FR0041`).
#[track_caller]
pub fn milestone_id(app: &TestApp, commitment: &str, code: &str) -> i64 {
    let c = app.get(&format!("/commitments/{commitment}")).expect(200).json();
    c["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == code)
        .unwrap_or_else(|| panic!("no milestone {code} in {c}"))["id"]
        .as_i64()
        .unwrap()
}
