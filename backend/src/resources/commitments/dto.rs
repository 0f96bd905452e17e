//! Commitments in the contract: what clients read (with the IRM review and milestone
//! progress) and what they send.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use super::model::CommitmentRow;
use crate::db::schema::action_plans;
use crate::http::validation::{not_blank, nullable};
use crate::markdown;
use crate::resources::milestones::Milestone;
use crate::resources::shared::refs::InstitutionRef;
pub use crate::resources::shared::refs::MilestoneProgress;
use crate::types::{CommitmentStatus, Locale, MilestoneStatus};

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

/// A commitment's institutions.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct CommitmentInstitutions {
    /// Its officials report progress on the milestones.
    pub lead: Option<InstitutionRef>,
    /// In order.
    pub support: Vec<InstitutionRef>,
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
    /// The lead institution's name, kept for older clients (the record: `institutions.lead`).
    pub lead_institution: Option<String>,
    /// The support institutions' names, in order (the records: `institutions.support`).
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
    /// Lead and support institutions (as `lead_institution_id`, `support_institution_ids` name them).
    pub institutions: CommitmentInstitutions,
    /// Its latest news: a progress update on a milestone, or a document on it or a milestone.
    pub last_update_at: Option<DateTime<Utc>>,
    /// « Pas de mise à jour depuis 6 mois »: active, and no news for six months (or since made).
    pub stale: bool,
    /// The proposals of a co-creation it came from (« issu de N propositions »), in id order.
    pub from_proposals: Vec<crate::resources::shared::refs::ProposalRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when archived (not deleted, for its discussions): out of lists, readable, closed.
    pub archived_at: Option<DateTime<Utc>>,
    /// The language its texts are written in (`fr`, `en`).
    pub lang: Locale,
}

crate::page_type!(CommitmentPage, Commitment, "A page of commitments.");

impl Commitment {
    pub fn from_row(row: CommitmentRow, plan: ActionPlanRef, progress: MilestoneProgress) -> Commitment {
        Commitment {
            id: row.id.get(),
            code: row.code,
            lang: row.lang,
            number: row.number,
            title: row.title,
            summary: row.summary,
            description_html: markdown::stored_or_render(row.description_html, row.description.as_deref()),
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
                analysis_html: markdown::stored_or_render(row.irm_analysis_html, row.irm_analysis.as_deref()),
                analysis: row.irm_analysis,
            },
            milestone_progress: progress,
            milestones: None,
            institutions: CommitmentInstitutions::default(),
            from_proposals: Vec::new(),
            stale: false,
            last_update_at: None,
            created_at: row.created_at,
            updated_at: row.updated_at,
            archived_at: row.archived_at,
        }
    }
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
        self.percent_complete = if counted > 0 { self.completed * 100 / counted } else { 0 };
        self
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentFilters {
    /// Action plan id or slug, e.g. `fr-2018-2020`.
    pub action_plan: Option<String>,
    /// Exact policy area, e.g. `E-Government`.
    pub policy_area: Option<String>,
    pub status: Option<CommitmentStatus>,
    pub starred: Option<bool>,
    /// `true`: only the `stale` (« pas de mise à jour depuis 6 mois »); `false`: the others.
    pub stale: Option<bool>,
    /// Case-insensitive text in the code, title, summary or lead institution.
    pub q: Option<String>,
    /// `true`: only archived commitments (see `DELETE /commitments/{id}`); by default, the others.
    pub archived: Option<bool>,
    /// Only commitments changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// IRM review fields as sent by clients (`analysis_html` is computed, not accepted).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IrmInput {
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub report: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub starred: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub early_results: Option<String>,
    pub verifiable: Option<bool>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub relevance: Option<Vec<String>>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub potential_impact: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub completion: Option<String>,
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    pub analysis: Option<String>,
}

fn short_items(items: &[String]) -> Result<(), ValidationError> {
    if items.len() > 50 || items.iter().any(|i| i.trim().is_empty() || i.chars().count() > 500) {
        let mut e = ValidationError::new("items");
        e.message = Some("must hold at most 50 non-blank items of at most 500 characters".into());
        return Err(e);
    }
    Ok(())
}

fn ogp_code(code: &str) -> Result<(), ValidationError> {
    let b = code.as_bytes();
    if b.len() == 6 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(u8::is_ascii_digit) {
        Ok(())
    } else {
        let mut e = ValidationError::new("ogp_code");
        e.message = Some("must be two capital letters and four digits, e.g. FR0041".into());
        Err(e)
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommitmentRequest {
    /// Action plan id or slug.
    #[validate(length(min = 1, max = 80))]
    #[schema(example = "fr-2018-2020", min_length = 1, max_length = 80)]
    pub action_plan: String,
    #[validate(custom(function = "ogp_code"))]
    #[schema(example = "FR0051", pattern = "^[A-Z]{2}[0-9]{4}$")]
    pub code: String,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000)]
    pub number: i32,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub summary: Option<String>,
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    pub description: Option<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub policy_areas: Vec<String>,
    /// The lead institution (409 `unknown_reference` when it names none).
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub lead_institution_id: Option<i64>,
    /// The support institutions, in order.
    #[serde(default)]
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema)]
    pub support_institution_ids: Vec<i64>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub ogp_principles: Vec<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub ambitions: Vec<String>,
    /// Default `active`.
    pub status: Option<CommitmentStatus>,
    #[serde(default)]
    pub starred: bool,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub start_year: Option<i32>,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub end_year: Option<i32>,
    #[validate(nested)]
    pub irm: Option<IrmInput>,
    /// The language its texts are written in (`fr` by default).
    pub lang: Option<Locale>,
}

/// Changes to a commitment; absent fields are left as they are, `null` clears a nullable one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentChanges {
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub action_plan: Option<String>,
    #[validate(custom(function = "ogp_code"))]
    #[schema(pattern = "^[A-Z]{2}[0-9]{4}$")]
    pub code: Option<String>,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000)]
    pub number: Option<i32>,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 1000))]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub summary: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 50000))]
    #[schema(value_type = Option<String>, max_length = 50000)]
    pub description: Option<Option<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub policy_areas: Option<Vec<String>>,
    /// `null` removes the lead institution.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1))]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub lead_institution_id: Option<Option<i64>>,
    /// Replaces the list.
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema_nullable)]
    pub support_institution_ids: Option<Vec<i64>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub ogp_principles: Option<Vec<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub ambitions: Option<Vec<String>>,
    pub status: Option<CommitmentStatus>,
    pub starred: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1990, max = 2100))]
    #[schema(value_type = Option<i32>, minimum = 1990, maximum = 2100)]
    pub start_year: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1990, max = 2100))]
    #[schema(value_type = Option<i32>, minimum = 1990, maximum = 2100)]
    pub end_year: Option<Option<i32>>,
    /// Replaces the IRM review fields that it names.
    #[validate(nested)]
    pub irm: Option<IrmChanges>,
    /// The language its texts are written in.
    pub lang: Option<Locale>,
}

/// Changes to IRM review fields: absent fields are kept, `null` clears.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IrmChanges {
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub report: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub starred: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub early_results: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<bool>)]
    pub verifiable: Option<Option<bool>>,
    /// Replaces the list; `null` or `[]` empties it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub relevance: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub potential_impact: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub completion: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 50000))]
    #[schema(value_type = Option<String>, max_length = 50000)]
    pub analysis: Option<Option<String>>,
}
