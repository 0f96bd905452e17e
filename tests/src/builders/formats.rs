//! Forum formats (`POST /formats`) and their new versions (`POST /formats/{slug}/versions`).

use serde_json::{json, Value};

use crate::{Resp, TestApp};

/// A format's content: `purpose`, one agenda step of each of `minutes`, and a questionnaire
/// asking for a rating (`utilite`) and ideas (`idees`).
pub fn format_content(purpose: &str, minutes: &[i64]) -> Value {
    json!({
        "purpose": purpose,
        "audience": "Citoyens et agents publics.",
        "agenda": minutes.iter().enumerate()
            .map(|(i, m)| json!({"title": format!("Étape {}", i + 1), "minutes": m}))
            .collect::<Vec<_>>(),
        "roles": "- **Animation** : tient le temps.",
        "accessibility": "Salle accessible.",
        "materials": "Post-it.",
        "questionnaire": [
            {"key": "utilite", "kind": "rating", "label": "Utile ?"},
            {"key": "idees", "kind": "text", "label": "Vos idées ?"}
        ]
    })
}

/// A format whose version 1 is `format_content("Discuter.", &[15, 45])`.
#[derive(Debug, Clone)]
pub struct FormatBuilder {
    body: Value,
}

request_body!(FormatBuilder);

impl FormatBuilder {
    pub fn new(name: &str) -> FormatBuilder {
        FormatBuilder { body: json!({"name": name, "content": format_content("Discuter.", &[15, 45])}) }
    }

    pub fn content(self, content: Value) -> Self {
        self.with("content", content)
    }

    /// Its questionnaire asks for the rating (`utilite`) only.
    pub fn rating_only(mut self) -> Self {
        self.body["content"]["questionnaire"] = json!([{"key": "utilite", "kind": "rating", "label": "Utile ?"}]);
        self
    }

    pub fn slug(self, slug: &str) -> Self {
        self.with("slug", slug)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/formats", Some(token), &self.body)
    }

    /// Published by `token` (an official or an admin); the format as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// A new version of the format `format`, written from its version `based_on`.
#[derive(Debug, Clone)]
pub struct VersionBuilder {
    format: String,
    body: Value,
}

request_body!(VersionBuilder);

impl VersionBuilder {
    pub fn of(format: &str, based_on: i64) -> VersionBuilder {
        VersionBuilder {
            format: format.to_string(),
            body: json!({"based_on": based_on, "change_note": "Plus court.", "content": format_content("Discuter.", &[30])}),
        }
    }

    pub fn note(self, change_note: &str) -> Self {
        self.with("change_note", change_note)
    }

    pub fn content(self, content: Value) -> Self {
        self.with("content", content)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/formats/{}/versions", self.format), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
