//! Commitments of an action plan (e.g. FR0041 "Open Etat Forum"): stored rows, their public
//! representation with IRM review fields and milestone progress, and their queries.

pub mod routes;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::problem::{ApiError, ApiResult};
use crate::markdown;
use crate::resources::milestones::Milestone;
use crate::db::schema::{action_plans, commitments, milestones};
use crate::types::{CommitmentStatus, MilestoneStatus};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = commitments, check_for_backend(diesel::pg::Pg))]
pub struct CommitmentRow {
    pub id: i64,
    pub action_plan_id: i64,
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
    pub description_html: Option<String>,
    pub irm_analysis_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
}

/// The action plan a commitment belongs to, in short.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = action_plans, check_for_backend(diesel::pg::Pg))]
pub struct ActionPlanRef {
    pub id: i64,
    pub slug: String,
    pub title: String,
}

/// Review by the OGP Independent Reporting Mechanism (IRM). Fields are null where the IRM
/// has not published them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct IrmReview {
    /// IRM report the review comes from.
    #[schema(example = "France Design Report 2018-2020")]
    pub report: Option<String>,
    /// IRM's starred assessment, as published (e.g. "Pending IRM Review").
    pub starred: Option<String>,
    pub early_results: Option<String>,
    /// Whether the commitment is verifiable.
    pub verifiable: Option<bool>,
    /// Relevance to OGP values, e.g. "Civic Participation".
    pub relevance: Vec<String>,
    /// Potential impact: None, Minor, Moderate, Transformative.
    pub potential_impact: Option<String>,
    pub completion: Option<String>,
    /// The IRM's analysis, markdown.
    pub analysis: Option<String>,
    /// `analysis` rendered to sanitised HTML.
    pub analysis_html: Option<String>,
}

/// How many milestones of a commitment are at each status.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MilestoneProgress {
    pub total: i64,
    pub not_started: i64,
    pub in_progress: i64,
    pub completed: i64,
    pub delayed: i64,
    pub withdrawn: i64,
    /// Completed share of the milestones that are not withdrawn, 0–100 (0 when none).
    pub percent_complete: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Commitment {
    pub id: i64,
    /// OGP code, unique, e.g. `FR0041`.
    #[schema(example = "FR0041")]
    pub code: String,
    /// Number in its action plan.
    #[schema(example = 12)]
    pub number: i32,
    #[schema(example = "Open Etat Forum")]
    pub title: String,
    pub summary: Option<String>,
    /// Markdown.
    pub description: Option<String>,
    /// `description` rendered to sanitised HTML.
    pub description_html: Option<String>,
    pub action_plan: ActionPlanRef,
    pub policy_areas: Vec<String>,
    pub lead_institution: Option<String>,
    pub support_institutions: Vec<String>,
    pub ogp_principles: Vec<String>,
    pub ambitions: Vec<String>,
    pub status: CommitmentStatus,
    /// Starred by the IRM.
    pub starred: bool,
    pub start_year: Option<i32>,
    pub end_year: Option<i32>,
    pub irm: IrmReview,
    pub milestone_progress: MilestoneProgress,
    /// The milestones in order (on single-commitment responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<Milestone>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin archived the commitment (deleting it would have destroyed its
    /// discussions): left out of lists, still readable, closed to new comments.
    pub archived_at: Option<DateTime<Utc>>,
}

crate::page_type!(CommitmentPage, Commitment, "A page of commitments.");

impl Commitment {
    fn from_row(
        row: CommitmentRow,
        plan: ActionPlanRef,
        progress: MilestoneProgress,
    ) -> Commitment {
        Commitment {
            id: row.id,
            code: row.code,
            number: row.number,
            title: row.title,
            summary: row.summary,
            description_html: markdown::stored_or_render(
                row.description_html,
                row.description.as_deref(),
            ),
            description: row.description,
            action_plan: plan,
            policy_areas: row.policy_areas,
            lead_institution: row.lead_institution,
            support_institutions: row.support_institutions,
            ogp_principles: row.ogp_principles,
            ambitions: row.ambitions,
            status: row.status,
            starred: row.starred,
            start_year: row.start_year,
            end_year: row.end_year,
            irm: IrmReview {
                report: row.irm_report,
                starred: row.irm_starred,
                early_results: row.irm_early_results,
                verifiable: row.irm_verifiable,
                relevance: row.irm_relevance,
                potential_impact: row.irm_potential_impact,
                completion: row.irm_completion,
                analysis_html: markdown::stored_or_render(
                    row.irm_analysis_html,
                    row.irm_analysis.as_deref(),
                ),
                analysis: row.irm_analysis,
            },
            milestone_progress: progress,
            milestones: None,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
        }
    }
}

/// Finds a commitment row by numeric id or OGP code (case-insensitive).
pub fn find_row(conn: &mut PgConnection, key: &str) -> ApiResult<CommitmentRow> {
    let query = commitments::table
        .select(CommitmentRow::as_select())
        .into_boxed();
    let query = match key.parse::<i64>() {
        Ok(id) => query.filter(commitments::id.eq(id)),
        Err(_) => query.filter(commitments::code.eq(key.to_ascii_uppercase())),
    };
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Commitment"))
}

/// Whether anyone contributed to the commitment: a comment on it or on one of its milestones,
/// even deleted (its row keeps a thread's shape).
pub fn has_contributions(conn: &mut PgConnection, commitment_id: i64) -> QueryResult<bool> {
    use crate::db::schema::comments;
    let on_milestones = milestones::table
        .filter(milestones::commitment_id.eq(commitment_id))
        .select(milestones::id.nullable());
    diesel::select(diesel::dsl::exists(comments::table.filter(
        comments::commitment_id.eq(commitment_id).or(comments::milestone_id.eq_any(on_milestones)),
    )))
    .get_result(conn)
}

/// The id of the commitment named by id or OGP code, if any.
pub fn resolve_id(conn: &mut PgConnection, key: &str) -> QueryResult<Option<i64>> {
    let query = commitments::table.select(commitments::id).into_boxed();
    let query = match key.parse::<i64>() {
        Ok(id) => query.filter(commitments::id.eq(id)),
        Err(_) => query.filter(commitments::code.eq(key.to_ascii_uppercase())),
    };
    query.first(conn).optional()
}

/// Builds the public representation of rows with two batched queries (plans, progress):
/// no query per row.
pub fn present(conn: &mut PgConnection, rows: Vec<CommitmentRow>) -> QueryResult<Vec<Commitment>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut plan_ids: Vec<i64> = rows.iter().map(|r| r.action_plan_id).collect();
    plan_ids.sort_unstable();
    plan_ids.dedup();
    let plans: HashMap<i64, ActionPlanRef> = action_plans::table
        .filter(action_plans::id.eq_any(&plan_ids))
        .select(ActionPlanRef::as_select())
        .load(conn)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut progress = progress_for(conn, &ids)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let plan = plans
                .get(&row.action_plan_id)
                .cloned()
                .unwrap_or(ActionPlanRef {
                    id: row.action_plan_id,
                    slug: String::new(),
                    title: String::new(),
                });
            let p = progress.remove(&row.id).unwrap_or_default();
            Commitment::from_row(row, plan, p)
        })
        .collect())
}

impl MilestoneProgress {
    pub fn add(&mut self, status: MilestoneStatus, n: i64) {
        self.total += n;
        match status {
            MilestoneStatus::NotStarted => self.not_started += n,
            MilestoneStatus::InProgress => self.in_progress += n,
            MilestoneStatus::Completed => self.completed += n,
            MilestoneStatus::Delayed => self.delayed += n,
            MilestoneStatus::Withdrawn => self.withdrawn += n,
        }
    }

    /// Computes `percent_complete` once the counts are in.
    pub fn finish(mut self) -> Self {
        let counted = self.total - self.withdrawn;
        self.percent_complete = if counted > 0 {
            self.completed * 100 / counted
        } else {
            0
        };
        self
    }
}

fn progress_for(
    conn: &mut PgConnection,
    ids: &[i64],
) -> QueryResult<HashMap<i64, MilestoneProgress>> {
    let counts: Vec<(i64, MilestoneStatus, i64)> = milestones::table
        .filter(milestones::commitment_id.eq_any(ids))
        .filter(milestones::archived_at.is_null())
        .group_by((milestones::commitment_id, milestones::status))
        .select((milestones::commitment_id, milestones::status, count_star()))
        .load(conn)?;
    let mut out: HashMap<i64, MilestoneProgress> = HashMap::new();
    for (id, status, n) in counts {
        out.entry(id).or_default().add(status, n);
    }
    Ok(out.into_iter().map(|(id, p)| (id, p.finish())).collect())
}

/// Commitments of an action plan.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("commitments", "Commitments of an action plan")],
    api_v1: Some(|cfg| {
        cfg.service(routes::list_commitments)
            .service(routes::create_commitment)
            .service(routes::get_commitment)
            .service(routes::update_commitment)
            .service(routes::delete_commitment)
            .service(routes::restore_commitment);
    }),
    at_root: None,
    unique: &[("commitments_code_key", "A commitment already has this code.")],
    schemas: crate::schemas![],
};
