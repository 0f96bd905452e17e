//! `POST /forums`: in person in Paris, on 10 May 2027 from 18:30 to 21:00 (Paris time), planned,
//! without a seat limit, unless told otherwise.

use serde_json::{json, Value};

use super::RecordExt;
use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct ForumBuilder {
    body: Value,
    /// `feedback_closes_at`, an SQL expression: the server sets it (30 days after the end).
    feedback_closes: Option<String>,
}

request_body!(ForumBuilder);

impl ForumBuilder {
    pub fn new(title: &str) -> ForumBuilder {
        ForumBuilder {
            body: json!({
                "title": title,
                "theme": "Thème de test",
                "description": "Une **description** de test.",
                "starts_at": "2027-05-10T18:30:00+02:00",
                "ends_at": "2027-05-10T21:00:00+02:00",
                "location": "20 avenue de Ségur, 75007 Paris"
            }),
            feedback_closes: None,
        }
    }

    /// From `starts_at` to `ends_at` (RFC 3339).
    pub fn at(self, starts_at: &str, ends_at: &str) -> Self {
        self.with("starts_at", starts_at).with("ends_at", ends_at)
    }

    /// Starting `days` days from now, on the hour, for half an hour.
    pub fn starting_in_days(self, days: i64) -> Self {
        let start = (chrono::Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%dT%H:00:00Z").to_string();
        let end = start.replace(":00:00Z", ":30:00Z");
        self.at(&start, &end)
    }

    pub fn status(self, status: &str) -> Self {
        self.with("status", status)
    }

    /// Open for registration.
    pub fn open(self) -> Self {
        self.status("open")
    }

    /// Held, on 1 October 2026 (over, so its minutes, action items and feedback are open); an
    /// `at` after it moves the date.
    pub fn held(self) -> Self {
        self.status("held").at("2026-10-01T16:00:00Z", "2026-10-01T18:00:00Z")
    }

    pub fn capacity(self, seats: i64) -> Self {
        self.with("capacity", seats)
    }

    /// `seats` of the capacity kept for `category` (`officials`, `civil_society`).
    pub fn reserved_seats(self, seats: i64, category: &str) -> Self {
        self.with("reserved_seats", json!({"seats": seats, "category": category}))
    }

    pub fn slug(self, slug: &str) -> Self {
        self.with("slug", slug)
    }

    pub fn theme(self, theme: &str) -> Self {
        self.with("theme", theme)
    }

    pub fn description(self, description: &str) -> Self {
        self.with("description", description)
    }

    pub fn location(self, location: &str) -> Self {
        self.with("location", location)
    }

    /// Online at `url` (and still in person unless `without("location")`).
    pub fn online(self, url: &str) -> Self {
        self.with("online_url", url)
    }

    /// Following the latest version of the format `slug`.
    pub fn format(self, slug: &str) -> Self {
        self.with("format", json!({ "slug": slug }))
    }

    pub fn commitments(self, ids: &[i64]) -> Self {
        self.with("commitment_ids", json!(ids))
    }

    /// Feedback answers close at `instant`, an SQL expression (`now() + interval '1 day'`),
    /// set in SQL after creation: the API derives it from the end.
    pub fn feedback_closes(mut self, instant: &str) -> Self {
        self.feedback_closes = Some(instant.to_string());
        self
    }

    /// `POST /forums` by `token`, whatever the answer.
    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/forums", Some(token), &self.body)
    }

    /// Created by `token` (an official or an admin); the forum as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        let forum = self.send(app, token).expect(201).json();
        if let Some(instant) = &self.feedback_closes {
            app.sql(&format!("UPDATE forums SET feedback_closes_at = {instant} WHERE id = {}", forum.id()));
        }
        forum
    }
}
