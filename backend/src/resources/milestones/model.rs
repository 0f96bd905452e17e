//! Milestones as stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{CommitmentId, MilestoneId, SubjectId};
use crate::db::schema::milestones;
use crate::types::{Completion, Locale, MilestoneStatus};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = milestones, check_for_backend(diesel::pg::Pg))]
pub struct MilestoneRow {
    pub id: MilestoneId,
    pub commitment_id: CommitmentId,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub due_period: Option<String>,
    pub status: MilestoneStatus,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub description_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub subject_id: SubjectId,
    pub lang: Locale,
    /// The completion it was created with, before any progress update.
    pub baseline_completion: Completion,
    /// Its latest progress update's completion (else the baseline).
    pub completion: Completion,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = milestones)]
pub struct NewMilestone {
    pub commitment_id: CommitmentId,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub due_period: Option<String>,
    pub status: MilestoneStatus,
    pub position: i32,
    pub description_html: Option<String>,
    pub lang: Locale,
    pub baseline_completion: Completion,
    pub completion: Completion,
}

/// What a PATCH changes; `None` leaves a column as it is.
#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = milestones)]
pub struct MilestoneChangeset {
    pub code: Option<String>,
    pub title: Option<String>,
    pub description: Option<Option<String>>,
    pub due_date: Option<Option<NaiveDate>>,
    pub due_period: Option<Option<String>>,
    pub position: Option<i32>,
    pub description_html: Option<Option<String>>,
    pub lang: Option<Locale>,
}
