//! What clients send and read about cycles.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::http::validation::{not_blank, valid_slug};
use crate::resources::shared::refs::CommitmentRef;
use crate::types::{ForumStatus, Locale};

/// A cycle in short, as forums show it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleRef {
    pub slug: String,
    pub title: String,
}

/// A forum of a cycle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleForum {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub status: ForumStatus,
}

/// A commitment the cycle names, and the forums of the cycle that worked on it (none yet:
/// empty).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Coverage {
    pub commitment: CommitmentRef,
    pub forums: Vec<CycleForum>,
}

/// The cycle's action items, counted by status.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ActionCounts {
    pub open: i64,
    pub in_progress: i64,
    pub done: i64,
    pub dropped: i64,
    /// Open or in progress past their due date (in Paris).
    pub overdue: i64,
}

/// A cycle: its forums, the commitments it covers, its action items.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Cycle {
    pub id: i64,
    #[schema(example = "premier-cycle-2018")]
    pub slug: String,
    pub title: String,
    /// Markdown, and below its sanitised HTML.
    pub description: String,
    pub description_html: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub lang: Locale,
    /// Its forums, in date order.
    pub forums: Vec<CycleForum>,
    /// Each commitment it names, with the forums that worked on it.
    pub coverage: Vec<Coverage>,
    pub actions: ActionCounts,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A cycle in lists.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub lang: Locale,
    pub forums_count: i64,
    pub commitments_count: i64,
    /// How many of its commitments a forum of the cycle worked on.
    pub covered_count: i64,
}

crate::page_type!(CyclePage, CycleSummary, "A page of cycles.");

/// A new cycle (officials and admins).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCycleRequest {
    /// Made from the title when absent.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Premier cycle — second semestre 2018", min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: String,
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub starts_on: NaiveDate,
    /// Not before `starts_on`.
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub ends_on: NaiveDate,
    /// The commitments it sets out to cover.
    #[serde(default)]
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema)]
    pub commitment_ids: Vec<i64>,
    pub lang: Option<Locale>,
}

/// Changes to a cycle (officials and admins).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub starts_on: Option<NaiveDate>,
    /// Not before `starts_on` (the new one, or the cycle's).
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub ends_on: Option<NaiveDate>,
    /// Replaces the list.
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema_nullable)]
    pub commitment_ids: Option<Vec<i64>>,
    pub lang: Option<Locale>,
}
