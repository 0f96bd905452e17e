//! Comments on a subject's discussion (`POST {subject}/comments`), replies, and reports of a
//! comment to the moderators.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

/// A comment on the subject at `on` (`/forums/{slug}`, `/commitments/FR0041`,
/// `/milestones/{id}`…), top-level unless `reply_to` says otherwise.
#[derive(Debug, Clone)]
pub struct CommentBuilder {
    on: String,
    body: Value,
}

request_body!(CommentBuilder);

impl CommentBuilder {
    pub fn on(subject: &str) -> CommentBuilder {
        CommentBuilder { on: subject.to_string(), body: json!({"body": "Un commentaire de test."}) }
    }

    /// Its markdown.
    pub fn text(self, text: &str) -> Self {
        self.with("body", text)
    }

    /// A reply to the comment `parent`, of the same subject.
    pub fn reply_to(self, parent: i64) -> Self {
        self.with("parent_id", parent)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("{}/comments", self.on), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// A top-level comment saying `text` on the subject at `on`, by `token`.
#[track_caller]
pub fn comment(app: &TestApp, token: &str, on: &str, text: &str) -> Value {
    CommentBuilder::on(on).text(text).create(app, token)
}

/// A reply saying `text` to the comment `parent` (`on`: the path of its subject).
#[track_caller]
pub fn reply(app: &TestApp, token: &str, on: &str, parent: i64, text: &str) -> Value {
    CommentBuilder::on(on).text(text).reply_to(parent).create(app, token)
}

/// `POST /comments/{id}/reports`: abuse, unless told otherwise.
#[derive(Debug, Clone)]
pub struct ReportBuilder {
    comment: i64,
    body: Value,
}

request_body!(ReportBuilder);

impl ReportBuilder {
    pub fn on(comment: i64) -> ReportBuilder {
        ReportBuilder { comment, body: json!({"reason": "abuse"}) }
    }

    pub fn reason(self, reason: &str) -> Self {
        self.with("reason", reason)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/comments/{}/reports", self.comment), Some(token), &self.body)
    }

    /// The report as answered (`hid_comment` says whether it hid the comment).
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
