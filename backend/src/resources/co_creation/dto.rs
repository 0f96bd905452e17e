//! The co-creation timeline in the contract.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::model::{PhaseKind, PhaseRow};
use crate::http::validation::not_blank;

/// One phase of a plan's co-creation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Phase {
    pub id: i64,
    pub action_plan_id: i64,
    pub kind: PhaseKind,
    #[schema(example = "Appel à propositions")]
    pub title: String,
    /// What people can do in it (markdown as written).
    pub description: String,
    /// `description` rendered and sanitised.
    pub description_html: String,
    /// First day (Paris).
    #[schema(value_type = String, format = Date)]
    pub opens_on: NaiveDate,
    /// Last day (Paris), included.
    #[schema(value_type = String, format = Date)]
    pub closes_on: NaiveDate,
    /// Whether members may submit proposals while it is open.
    pub accepts_proposals: bool,
    /// Whether it is open today (Paris) on a published timeline.
    pub open: bool,
}

impl Phase {
    pub fn present(row: PhaseRow, today: NaiveDate, published: bool) -> Phase {
        Phase {
            open: published && row.opens_on <= today && today <= row.closes_on,
            id: row.id.get(),
            action_plan_id: row.action_plan_id.get(),
            kind: row.kind,
            title: row.title,
            description: row.description,
            description_html: row.description_html,
            opens_on: row.opens_on,
            closes_on: row.closes_on,
            accepts_proposals: row.accepts_proposals,
        }
    }
}

/// A plan's co-creation timeline. Before it is published, its phases are shown only to those
/// who manage plans; to anyone else it is empty.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Timeline {
    pub action_plan_id: i64,
    pub action_plan_slug: String,
    /// When it was published (`null`: not yet).
    pub published_at: Option<DateTime<Utc>>,
    /// Why it was published less than 14 days before its first phase, as an admin recorded it.
    pub late_reason: Option<String>,
    /// The phases, in the order they open.
    pub phases: Vec<Phase>,
    /// The phase open today that accepts proposals, if any.
    pub open_for_proposals: Option<i64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPhase {
    pub kind: PhaseKind,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// Markdown: what people can do in it.
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub opens_on: NaiveDate,
    /// Not before `opens_on`.
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub closes_on: NaiveDate,
    /// `true` when members may submit proposals during it (`false` by default).
    pub accepts_proposals: Option<bool>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PhaseChanges {
    pub kind: Option<PhaseKind>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub opens_on: Option<NaiveDate>,
    /// Not before `opens_on` (the one sent, else the phase's: 409 `conflicts_with_stored`).
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub closes_on: Option<NaiveDate>,
    pub accepts_proposals: Option<bool>,
}

/// Publishing a timeline.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TimelinePublication {
    /// Required (admins only) when the first phase opens less than 14 days after today: why,
    /// shown publicly with the timeline.
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub late_reason: Option<String>,
}
