//! Co-creation phases as stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::ActionPlanId;
use crate::db::schema::co_creation_phases;

crate::typed_id! { PhaseId }

crate::text_enum! {
    /// What a phase of the co-creation is for.
    PhaseKind {
        /// Anyone may propose (the phase usually accepts proposals).
        CallForProposals => "call_for_proposals",
        /// Thematic forums discuss the proposals.
        ThematicForums => "thematic_forums",
        /// The administration and civil society write the draft plan.
        Drafting => "drafting",
        /// The draft is open to public comment.
        PublicComment => "public_comment",
        /// The plan is adopted and published.
        Adoption => "adoption",
        Other => "other",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = co_creation_phases, check_for_backend(diesel::pg::Pg))]
pub struct PhaseRow {
    pub id: PhaseId,
    pub action_plan_id: ActionPlanId,
    pub kind: PhaseKind,
    pub title: String,
    pub description: String,
    #[serde(skip)]
    pub description_html: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub accepts_proposals: bool,
    pub opening_announced_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = co_creation_phases)]
pub struct NewPhaseRow {
    pub action_plan_id: ActionPlanId,
    pub kind: PhaseKind,
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub accepts_proposals: bool,
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = co_creation_phases)]
pub struct PhaseChangeset {
    pub kind: Option<PhaseKind>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub description_html: Option<String>,
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
    pub accepts_proposals: Option<bool>,
}
