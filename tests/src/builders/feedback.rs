//! A participant's feedback on a held forum (`POST /forums/{slug}/feedback`), to a format's
//! questionnaire whose keys are `utilite` (a rating) and `idees` (a text), as
//! `format_content` makes it.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct FeedbackBuilder {
    forum: String,
    answers: Vec<Value>,
}

impl FeedbackBuilder {
    /// On the forum `forum` (its slug), rating it `rating` out of 5.
    pub fn on(forum: &str, rating: i64) -> FeedbackBuilder {
        FeedbackBuilder { forum: forum.to_string(), answers: vec![json!({"key": "utilite", "rating": rating})] }
    }

    /// With `text` for the question `idees`.
    pub fn text(mut self, text: &str) -> Self {
        self.answers.push(json!({"key": "idees", "text": text}));
        self
    }

    /// The request body as it would be sent.
    pub fn body(&self) -> Value {
        json!({ "answers": self.answers })
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/forums/{}/feedback", self.forum), Some(token), &self.body())
    }

    /// Given by `token`; the feedback as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
