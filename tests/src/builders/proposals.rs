//! Co-creation: `POST /action-plans/{plan}/phases` (a call for proposals open from today, unless
//! told otherwise), the timeline's publication, and `POST /action-plans/{plan}/proposals`.

use serde_json::{json, Value};

use crate::{Resp, TestApp};

/// A date `days` from today in Paris (`YYYY-MM-DD`), as the server counts days.
pub fn paris_day(app: &TestApp, days: i64) -> String {
    use diesel::prelude::*;
    #[derive(QueryableByName)]
    struct Day {
        #[diesel(sql_type = diesel::sql_types::Text)]
        day: String,
    }
    diesel::sql_query(format!(
        "SELECT to_char((now() AT TIME ZONE 'Europe/Paris')::date + {days}, 'YYYY-MM-DD') AS day"
    ))
    .get_result::<Day>(&mut app.db())
    .expect("today in Paris")
    .day
}

#[derive(Debug, Clone)]
pub struct PhaseBuilder {
    plan: String,
    body: Value,
}

request_body!(PhaseBuilder);

impl PhaseBuilder {
    /// A call for proposals of the plan `plan` (slug), accepting them, from `opens_on` for 30 days.
    pub fn call_for_proposals(app: &TestApp, plan: &str, opens_in_days: i64) -> PhaseBuilder {
        PhaseBuilder {
            plan: plan.to_string(),
            body: json!({
                "kind": "call_for_proposals",
                "title": "Appel à propositions",
                "description": "Proposez des engagements pour le prochain plan.",
                "opens_on": paris_day(app, opens_in_days),
                "closes_on": paris_day(app, opens_in_days + 30),
                "accepts_proposals": true,
            }),
        }
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/action-plans/{}/phases", self.plan), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}

/// A plan in preparation coordinated by a new institution, with a call for proposals open
/// today and its timeline published (late, with a reason: the phase opens today). Returns the
/// plan and the institution's slug.
pub fn plan_open_for_proposals(app: &TestApp, admin: &str, slug: &str) -> (Value, String) {
    let institution = crate::builders::InstitutionBuilder::new(&format!("Coordination {slug}")).create(app, admin);
    let institution_slug = institution["slug"].as_str().unwrap().to_string();
    let plan = crate::builders::ActionPlanBuilder::new(slug)
        .with("status", "in_preparation")
        .with("coordinating_institution_id", institution["id"].clone())
        .create(app, admin);
    PhaseBuilder::call_for_proposals(app, slug, 0).create(app, admin);
    app.post(
        &format!("/action-plans/{slug}/timeline/publication"),
        Some(admin),
        &json!({"late_reason": "Le calendrier a été arrêté tardivement."}),
    )
    .expect(200);
    (plan, institution_slug)
}

#[derive(Debug, Clone)]
pub struct ProposalBuilder {
    plan: String,
    body: Value,
}

request_body!(ProposalBuilder);

impl ProposalBuilder {
    pub fn new(plan: &str, title: &str) -> ProposalBuilder {
        ProposalBuilder {
            plan: plan.to_string(),
            body: json!({
                "title": title,
                "problem": "Les avis des instances consultatives ne sont pas publiés.",
                "solution": "Publier chaque avis en données ouvertes sous un mois.",
                "theme": "Transparence",
            }),
        }
    }

    pub fn send(&self, app: &TestApp, token: &str) -> Resp {
        app.post(&format!("/action-plans/{}/proposals", self.plan), Some(token), &self.body)
    }

    #[track_caller]
    pub fn create(&self, app: &TestApp, token: &str) -> Value {
        self.send(app, token).expect(201).json()
    }
}
