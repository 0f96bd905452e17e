//! `POST /{forums|formats|commitments|milestones|proposals}/{id}/documents`: a document for
//! discovery, in French, to be uploaded as a file, unless told otherwise.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct DocumentBuilder {
    /// The record's path, e.g. `/forums/mon-forum`.
    on: String,
    body: Value,
}

request_body!(DocumentBuilder);

impl DocumentBuilder {
    /// A document for the record at `on` (`/forums/{slug}`, `/commitments/FR0041`…).
    pub fn on(on: &str, title: &str) -> DocumentBuilder {
        DocumentBuilder { on: on.to_string(), body: json!({"title": title, "level": "discovery"}) }
    }

    /// `discovery`, `intermediate` or `expert`.
    pub fn level(self, level: &str) -> Self {
        self.with("level", level)
    }

    /// A link rather than a file.
    pub fn link(self, url: &str) -> Self {
        self.with("link", url)
    }

    /// `POST {on}/documents` by `token`, whatever the answer.
    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("{}/documents", self.on), Some(token), &self.body)
    }

    /// Attached by `token` (an official or an admin); the document as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// A small PDF (its magic number is what the server judges by), `size` bytes long.
pub fn pdf_bytes(size: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    bytes.resize(size.max(bytes.len()), b' ');
    bytes
}
