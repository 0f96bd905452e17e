//! Action plans as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{ActionPlanId, InstitutionId, SubjectId};
use crate::db::schema::action_plans;
use crate::types::Locale;

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = action_plans, check_for_backend(diesel::pg::Pg))]
pub struct ActionPlanRow {
    pub id: ActionPlanId,
    pub slug: String,
    pub country: String,
    pub title: String,
    pub period_start: i32,
    pub period_end: i32,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub subject_id: SubjectId,
    /// The language its texts are written in.
    pub lang: Locale,
    pub status: PlanStatus,
    pub coordinating_institution_id: Option<InstitutionId>,
    pub timeline_published_at: Option<DateTime<Utc>>,
    pub timeline_late_reason: Option<String>,
}

crate::text_enum! {
    /// Where a plan stands: co-created (`in_preparation`), carried out, or over.
    PlanStatus {
        /// Being co-created: its timeline and proposals are open.
        InPreparation => "in_preparation",
        /// Adopted: its commitments are being carried out.
        InImplementation => "in_implementation",
        /// Its period is over.
        Completed => "completed",
    }
}
