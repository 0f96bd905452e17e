//! Commitments as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{ActionPlanId, CommitmentId, SubjectId};
use crate::db::schema::commitments;
use crate::types::{CommitmentStatus, Locale};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable, Serialize)]
#[diesel(table_name = commitments, check_for_backend(diesel::pg::Pg))]
pub struct CommitmentRow {
    pub id: CommitmentId,
    pub action_plan_id: ActionPlanId,
    pub code: String,
    pub number: i32,
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub policy_areas: Vec<String>,
    pub lead_institution: Option<String>,
    pub support_institutions: Vec<String>,
    pub ogp_principles: Vec<String>,
    pub ambitions: Vec<String>,
    pub status: CommitmentStatus,
    pub starred: bool,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub irm_report: Option<String>,
    pub irm_starred: Option<String>,
    pub irm_early_results: Option<String>,
    pub irm_verifiable: Option<bool>,
    pub irm_relevance: Vec<String>,
    pub irm_potential_impact: Option<String>,
    pub irm_completion: Option<String>,
    pub irm_analysis: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub description_html: Option<String>,
    #[serde(skip)]
    pub irm_analysis_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub subject_id: SubjectId,
    pub lang: Locale,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = commitments)]
pub struct NewCommitment {
    pub action_plan_id: ActionPlanId,
    pub code: String,
    pub number: i32,
    pub title: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub policy_areas: Vec<String>,
    pub ogp_principles: Vec<String>,
    pub ambitions: Vec<String>,
    pub status: CommitmentStatus,
    pub starred: bool,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub irm_report: Option<String>,
    pub irm_starred: Option<String>,
    pub irm_early_results: Option<String>,
    pub irm_verifiable: Option<bool>,
    pub irm_relevance: Vec<String>,
    pub irm_potential_impact: Option<String>,
    pub irm_completion: Option<String>,
    pub irm_analysis: Option<String>,
    pub description_html: Option<String>,
    pub irm_analysis_html: Option<String>,
    pub lang: Locale,
}

/// What a PATCH changes; `None` leaves a column as it is.
#[derive(Debug, AsChangeset, Default)]
#[diesel(table_name = commitments)]
pub struct CommitmentChangeset {
    pub action_plan_id: Option<ActionPlanId>,
    pub code: Option<String>,
    pub number: Option<i32>,
    pub title: Option<String>,
    pub summary: Option<Option<String>>,
    pub description: Option<Option<String>>,
    pub policy_areas: Option<Vec<String>>,
    pub ogp_principles: Option<Vec<String>>,
    pub ambitions: Option<Vec<String>>,
    pub status: Option<CommitmentStatus>,
    pub starred: Option<bool>,
    pub start_year: Option<Option<i32>>,
    pub end_year: Option<Option<i32>>,
    pub irm_report: Option<Option<String>>,
    pub irm_starred: Option<Option<String>>,
    pub irm_early_results: Option<Option<String>>,
    pub irm_verifiable: Option<Option<bool>>,
    pub irm_relevance: Option<Vec<String>>,
    pub irm_potential_impact: Option<Option<String>>,
    pub irm_completion: Option<Option<String>>,
    pub irm_analysis: Option<Option<String>>,
    pub description_html: Option<Option<String>>,
    pub irm_analysis_html: Option<Option<String>>,
    pub lang: Option<Locale>,
}
