//! Milestones of a commitment (e.g. FR0041's 12.1–12.4) and their public progress status.

pub mod routes;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::http::problem::{ApiError, ApiResult};
use crate::markdown;
use crate::db::schema::{commitments, milestones};
use crate::types::MilestoneStatus;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = milestones, check_for_backend(diesel::pg::Pg))]
pub struct MilestoneRow {
    pub id: i64,
    pub commitment_id: i64,
    pub code: String,
    pub title: String,
    pub description: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub due_period: Option<String>,
    pub status: MilestoneStatus,
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub description_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Milestone {
    pub id: i64,
    pub commitment_id: i64,
    /// OGP code of the commitment, e.g. `FR0041`.
    pub commitment_code: String,
    /// Code in the action plan, e.g. `12.1`.
    #[schema(example = "12.1")]
    pub code: String,
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// `description` rendered to sanitised HTML.
    pub description_html: Option<String>,
    /// Last day of the due period, when known.
    pub due_date: Option<NaiveDate>,
    /// The due period as published, e.g. "Semester 2 2018".
    #[schema(example = "Semester 2 2018")]
    pub due_period: Option<String>,
    pub status: MilestoneStatus,
    /// Order within the commitment.
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin archived the milestone (deleting it would have destroyed its
    /// discussion): left out of lists and progress, still readable, closed to new comments.
    pub archived_at: Option<DateTime<Utc>>,
}

crate::page_type!(MilestonePage, Milestone, "A page of milestones.");

impl Milestone {
    pub fn from_row(row: MilestoneRow, commitment_code: String) -> Milestone {
        Milestone {
            id: row.id,
            commitment_id: row.commitment_id,
            commitment_code,
            code: row.code,
            title: row.title,
            description_html: markdown::stored_or_render(
                row.description_html,
                row.description.as_deref(),
            ),
            description: row.description,
            due_date: row.due_date,
            due_period: row.due_period,
            status: row.status,
            position: row.position,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
        }
    }
}

/// Rows joined with their commitment's code, as `Milestone`s.
pub fn with_codes(rows: Vec<(MilestoneRow, String)>) -> Vec<Milestone> {
    rows.into_iter()
        .map(|(row, code)| Milestone::from_row(row, code))
        .collect()
}

pub fn for_commitment(conn: &mut PgConnection, commitment_id: i64) -> QueryResult<Vec<Milestone>> {
    let rows = milestones::table
        .inner_join(commitments::table)
        .filter(milestones::commitment_id.eq(commitment_id))
        .filter(milestones::archived_at.is_null())
        .order((milestones::position.asc(), milestones::id.asc()))
        .select((MilestoneRow::as_select(), commitments::code))
        .load(conn)?;
    Ok(with_codes(rows))
}

pub fn find(conn: &mut PgConnection, id: i64) -> ApiResult<Milestone> {
    milestones::table
        .inner_join(commitments::table)
        .filter(milestones::id.eq(id))
        .select((MilestoneRow::as_select(), commitments::code))
        .first(conn)
        .optional()?
        .map(|(row, code)| Milestone::from_row(row, code))
        .ok_or_else(|| ApiError::not_found("Milestone"))
}

/// Milestones of a commitment and their progress.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("milestones", "Milestones of a commitment and their progress")],
    api_v1: Some(|cfg| {
        cfg.service(routes::list_all_milestones)
            .service(routes::list_milestones)
            .service(routes::create_milestone)
            .service(routes::get_milestone)
            .service(routes::update_milestone)
            .service(routes::delete_milestone)
            .service(routes::restore_milestone);
    }),
    at_root: None,
    unique: &[(
        "milestones_commitment_id_code_key",
        "This commitment already has a milestone with this code.",
    )],
    schemas: crate::schemas![],
};
