//! Questions to the institution in charge of a record (`POST {subject}/questions`) and its
//! answers (`POST /questions/{id}/answers`).

use serde_json::{json, Value};

use crate::{Resp, TestApp};

/// A question about the record at `on` (`/commitments/FR0041`, `/milestones/{id}`,
/// `/action-items/{id}`).
#[derive(Debug, Clone)]
pub struct QuestionBuilder {
    on: String,
    body: Value,
}

request_body!(QuestionBuilder);

impl QuestionBuilder {
    pub fn on(subject: &str) -> QuestionBuilder {
        QuestionBuilder {
            on: subject.to_string(), body: json!({"title": "Quand ?", "body": "Pouvez-vous préciser ?"})
        }
    }

    pub fn title(self, title: &str) -> Self {
        self.with("title", title)
    }

    /// Its markdown.
    pub fn text(self, text: &str) -> Self {
        self.with("body", text)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("{}/questions", self.on), Some(token), &self.body)
    }

    /// Asked by `token`; the question as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// An answer to the question `question`, by an official of the institution asked.
#[derive(Debug, Clone)]
pub struct AnswerBuilder {
    question: i64,
    body: Value,
}

request_body!(AnswerBuilder);

impl AnswerBuilder {
    pub fn to(question: i64) -> AnswerBuilder {
        AnswerBuilder { question, body: json!({"body": "Réponse."}) }
    }

    /// Its markdown.
    pub fn text(self, text: &str) -> Self {
        self.with("body", text)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/questions/{}/answers", self.question), Some(token), &self.body)
    }

    /// Answered by `token`; the question, with its answers, as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
