//! A progress update on a milestone (`POST /milestones/{id}/progress`): in progress, limited
//! completion, as of 1 January 2020, unless told otherwise.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct ProgressBuilder {
    milestone: i64,
    body: Value,
}

request_body!(ProgressBuilder);

impl ProgressBuilder {
    pub fn on(milestone: i64) -> ProgressBuilder {
        ProgressBuilder {
            milestone,
            body: json!({"as_of": "2020-01-01", "status": "in_progress", "completion": "limited", "note": "Point."}),
        }
    }

    pub fn as_of(self, day: &str) -> Self {
        self.with("as_of", day)
    }

    /// `not_started`, `in_progress`, `completed`, `delayed`, `withdrawn`.
    pub fn status(self, status: &str) -> Self {
        self.with("status", status)
    }

    /// On OGP's scale: `not_started`, `limited`, `substantial`, `complete`.
    pub fn completion(self, completion: &str) -> Self {
        self.with("completion", completion)
    }

    /// Completed, in full.
    pub fn completed(self) -> Self {
        self.status("completed").completion("complete")
    }

    pub fn note(self, note: &str) -> Self {
        self.with("note", note)
    }

    /// A correction of the update `id`.
    pub fn corrects(self, id: i64) -> Self {
        self.with("corrects", id)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/milestones/{}/progress", self.milestone), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
