//! Action plans in the contract.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::PlanStatus;
use crate::db::schema::action_plans;
use crate::http::validation::{not_blank, nullable, valid_slug};
use crate::resources::shared::refs::{InstitutionRef, MilestoneProgress};
use crate::types::Locale;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionPlan {
    pub id: i64,
    #[schema(example = "fr-2018-2020")]
    pub slug: String,
    #[schema(example = "France")]
    pub country: String,
    #[schema(example = "France National Action Plan 2018-2020")]
    pub title: String,
    #[schema(example = 2018)]
    pub period_start: i32,
    #[schema(example = 2020)]
    pub period_end: i32,
    pub description: Option<String>,
    /// The language its texts are written in (`fr`, `en`).
    pub lang: Locale,
    /// How many commitments the plan holds.
    pub commitment_count: i64,
    /// Progress of all the plan's milestones together.
    pub milestone_progress: MilestoneProgress,
    pub status: PlanStatus,
    /// Whose officials answer the proposals made while it is co-created.
    pub coordinating_institution: Option<InstitutionRef>,
    /// When its co-creation timeline was published (`null`: not yet; phases are then shown only
    /// to admins).
    pub timeline_published_at: Option<DateTime<Utc>>,
    /// Why the timeline was published less than 14 days before its first phase opened, as an
    /// admin recorded it.
    pub timeline_late_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

crate::page_type!(ActionPlanPage, ActionPlan, "A page of action plans.");

#[derive(Debug, Deserialize, Validate, ToSchema, Insertable)]
#[diesel(table_name = action_plans)]
#[serde(deny_unknown_fields)]
pub struct NewActionPlan {
    /// Lowercase letters and digits in hyphen-separated words, at least one letter.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(
        example = "fr-2021-2023",
        min_length = 1,
        max_length = 80,
        pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$"
    )]
    pub slug: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub country: String,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_start: i32,
    /// Not before `period_start`.
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_end: i32,
    /// Markdown.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    /// The language its texts are written in (`fr` by default).
    pub lang: Option<Locale>,
    /// `in_implementation` by default; `in_preparation` while it is co-created.
    pub status: Option<PlanStatus>,
    /// The institution whose officials answer its proposals (409 `unknown_reference` if none
    /// has this id).
    pub coordinating_institution_id: Option<i64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema, AsChangeset)]
#[diesel(table_name = action_plans)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub country: Option<String>,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: Option<String>,
    /// Not after `period_end` (the one sent, else the plan's: 409 `conflicts_with_stored`).
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_start: Option<i32>,
    /// Not before `period_start` (the one sent, else the plan's: 409 `conflicts_with_stored`).
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_end: Option<i32>,
    /// Markdown; `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 20000))]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub description: Option<Option<String>>,
    /// The language its texts are written in.
    pub lang: Option<Locale>,
    pub status: Option<PlanStatus>,
    /// The institution whose officials answer its proposals (409 `unknown_reference` if none
    /// has this id); `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub coordinating_institution_id: Option<Option<i64>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionPlanFilters {
    /// Only plans changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}
