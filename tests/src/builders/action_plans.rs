//! `POST /action-plans`: a French plan whose period the slug names (`fr-2021-2023`), else
//! 2025–2027.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

#[derive(Debug, Clone)]
pub struct ActionPlanBuilder {
    body: Value,
}

request_body!(ActionPlanBuilder);

impl ActionPlanBuilder {
    pub fn new(slug: &str) -> ActionPlanBuilder {
        let years: Vec<i64> = slug.split('-').filter_map(|part| part.parse().ok()).collect();
        let (start, end) = match years[..] {
            [start, end] => (start, end),
            _ => (2025, 2027),
        };
        ActionPlanBuilder {
            body: json!({
                "slug": slug,
                "country": "France",
                "title": format!("Plan {slug}"),
                "period_start": start,
                "period_end": end,
            }),
        }
    }

    pub fn period(self, start: i64, end: i64) -> Self {
        self.with("period_start", start).with("period_end", end)
    }

    pub fn title(self, title: &str) -> Self {
        self.with("title", title)
    }

    pub fn country(self, country: &str) -> Self {
        self.with("country", country)
    }

    pub fn description(self, description: &str) -> Self {
        self.with("description", description)
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post("/action-plans", Some(token), &self.body)
    }

    /// Created by `token` (an admin); the plan as answered.
    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
