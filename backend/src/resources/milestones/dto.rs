//! Milestones in the contract.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::MilestoneRow;
use crate::http::validation::{not_blank, nullable};
use crate::markdown;
use crate::types::{Completion, Locale, MilestoneStatus};

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
    /// Its latest progress update's status (see `/milestones/{id}/progress`).
    pub status: MilestoneStatus,
    /// OGP's completion level from its latest progress update (before any: from the status
    /// it was created with).
    pub completion: Completion,
    /// Order within the commitment.
    pub position: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin archived the milestone (deleting it would have destroyed its
    /// discussion): left out of lists and progress, still readable, closed to new comments.
    pub archived_at: Option<DateTime<Utc>>,
    /// The language its texts are written in (`fr`, `en`).
    pub lang: Locale,
}

crate::page_type!(MilestonePage, Milestone, "A page of milestones.");

impl Milestone {
    pub fn from_row(row: MilestoneRow, commitment_code: String) -> Milestone {
        Milestone {
            id: row.id.get(),
            commitment_id: row.commitment_id.get(),
            commitment_code,
            code: row.code,
            title: row.title,
            description_html: markdown::stored_or_render(row.description_html, row.description.as_deref()),
            description: row.description,
            due_date: row.due_date,
            due_period: row.due_period,
            status: row.status,
            completion: row.completion,
            position: row.position,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
            lang: row.lang,
        }
    }
}

/// Rows joined with their commitment's code, as `Milestone`s.
pub fn with_codes(rows: Vec<(MilestoneRow, String)>) -> Vec<Milestone> {
    rows.into_iter().map(|(row, code)| Milestone::from_row(row, code)).collect()
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneFilters {
    pub status: Option<MilestoneStatus>,
    /// `true`: only archived milestones (see `DELETE /milestones/{id}`); by default, only the
    /// others.
    pub archived: Option<bool>,
    /// Only milestones changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestoneRequest {
    #[validate(length(min = 1, max = 20), custom(function = "not_blank"))]
    #[schema(example = "12.5", min_length = 1, max_length = 20, pattern = r"\S")]
    pub code: String,
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub due_period: Option<String>,
    /// Default `not_started`. Afterwards, status and completion change only through the
    /// progress log (`POST /milestones/{id}/progress`).
    pub status: Option<MilestoneStatus>,
    /// Default: after the commitment's last milestone.
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub position: Option<i32>,
    /// The language its texts are written in (`fr` by default).
    pub lang: Option<Locale>,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneChanges {
    #[validate(length(min = 1, max = 20), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20, pattern = r"\S")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 20000))]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::validation::nullable_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 100))]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub due_period: Option<Option<String>>,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub position: Option<i32>,
    /// The language its texts are written in.
    pub lang: Option<Locale>,
}
