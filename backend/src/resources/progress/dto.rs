//! The progress log in the contract.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::http::validation::{http_url, not_blank};
use crate::resources::shared::refs::InstitutionRef;
use crate::types::{Completion, MilestoneStatus};

/// A document, page or dataset that shows the progress reported.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceLink {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Compte rendu du forum du 12 mars 2018", min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub url: String,
}

/// A progress update (officials of the commitment's lead institution, admins).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProgressUpdate {
    /// The day the update reports on: not after today in Paris (422 `not_in_future`).
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    /// The milestone's status from this update on.
    pub status: MilestoneStatus,
    /// OGP's completion level from this update on.
    pub completion: Completion,
    /// What was done, markdown.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub note: String,
    #[serde(default)]
    #[validate(length(max = 20), nested)]
    #[schema(max_items = 20)]
    pub evidence: Vec<EvidenceLink>,
    /// Documents of the platform (`POST …/documents`) cited as evidence, by id (at most 50).
    #[serde(default)]
    #[validate(custom(function = "crate::http::validation::positive_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema)]
    pub evidence_documents: Vec<i64>,
    /// The update of the same milestone that this one corrects (409 `unknown_reference` when it
    /// names none). Both stay in the log.
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub corrects: Option<i64>,
}

/// Who posted an update, as it was then.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressAuthor {
    /// Null once the account is erased, and the name is then "Compte supprimé"; the
    /// institution stays.
    pub id: Option<i64>,
    pub display_name: String,
    /// The institution it spoke for.
    pub institution: Option<InstitutionRef>,
}

/// One entry of the progress log. Never changed nor deleted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgressUpdate {
    pub id: i64,
    pub milestone_id: i64,
    pub as_of: NaiveDate,
    pub status: MilestoneStatus,
    pub completion: Completion,
    /// Markdown, and below its sanitised HTML.
    pub note: String,
    pub note_html: String,
    pub evidence: Vec<EvidenceLink>,
    /// Documents of the platform cited as evidence.
    pub evidence_documents: Vec<crate::resources::documents::dto::DocumentRef>,
    /// The update this one corrects.
    pub corrects: Option<i64>,
    /// Later updates that correct this one.
    pub corrected_by: Vec<i64>,
    pub author: ProgressAuthor,
    pub created_at: DateTime<Utc>,
}

crate::page_type!(ProgressUpdatePage, ProgressUpdate, "A page of the progress log, latest first.");

/// A commitment's completion at one moment.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompletionSummary {
    /// Milestones counted: not archived, not withdrawn.
    pub total: i64,
    /// Of which at OGP's `complete` level.
    pub complete: i64,
    /// `complete` as a share of `total`, 0–100 (0 when there is none).
    pub percent: i64,
    /// OGP's level for the commitment: `complete` when every milestone is; `substantial` when
    /// at least half are substantial or complete; `limited` when any has started; `not_started`
    /// when evidence says none has; `no_evidence` when nothing is known of any.
    pub level: Completion,
}

/// The completion at the end of a day of the log (the chart's points).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CompletionPoint {
    pub on: NaiveDate,
    #[serde(flatten)]
    pub completion: CompletionSummary,
}

/// Where a milestone stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MilestoneStanding {
    pub id: i64,
    #[schema(example = "12.1")]
    pub code: String,
    pub title: String,
    pub due_date: Option<NaiveDate>,
    pub due_period: Option<String>,
    pub status: MilestoneStatus,
    pub completion: Completion,
    /// Its due date has passed (in Paris) and it is neither complete nor withdrawn.
    pub overdue: bool,
    /// The date of its latest update, if any.
    pub last_update_on: Option<NaiveDate>,
}

/// A commitment's completion computed from its milestones, now and over time.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommitmentProgress {
    pub commitment_id: i64,
    #[schema(example = "FR0041")]
    pub commitment_code: String,
    /// The institution whose officials report progress on it.
    pub lead_institution: Option<InstitutionRef>,
    pub completion: CompletionSummary,
    /// In order.
    pub milestones: Vec<MilestoneStanding>,
    /// One point per day with updates, oldest first; empty before the first update.
    pub history: Vec<CompletionPoint>,
    /// The latest updates of all its milestones (at most 20), latest first.
    pub recent: Vec<ProgressUpdate>,
}
