//! What clients send and read about institutions.

use chrono::{DateTime, NaiveDate, Utc};

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::http::validation::{http_url, not_blank, nullable, valid_slug};
use crate::resources::shared::refs::ActionStatus;
use crate::resources::shared::refs::CommitmentRef;
pub use crate::resources::shared::refs::InstitutionRef;
use crate::types::{InstitutionKind, Locale};

/// An institution in lists.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: InstitutionKind,
    /// Commitments it leads (not archived).
    pub lead_count: i64,
    /// Commitments it supports (not archived).
    pub support_count: i64,
}

crate::page_type!(InstitutionPage, InstitutionSummary, "A page of institutions, in name order.");

/// A commitment the institution leads or supports.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionCommitment {
    #[serde(flatten)]
    pub commitment: CommitmentRef,
    /// `true` when it leads the commitment, `false` when it supports it.
    pub lead: bool,
    /// « Pas de mise à jour depuis 6 mois »: active, and no progress update or document for
    /// six months.
    pub stale: bool,
}

/// An action item the institution owns.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OwnedActionItem {
    pub id: i64,
    pub title: String,
    pub status: ActionStatus,
    pub due_on: NaiveDate,
    /// Open or in progress past its due date (in Paris).
    pub overdue: bool,
}

/// An official who speaks for the institution (public name only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionOfficial {
    pub id: i64,
    pub display_name: String,
}

/// An institution: what it is, the commitments it leads and supports, the action items it
/// owns, its officials and how many progress updates it posted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Institution {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: InstitutionKind,
    /// Nine digits of the French company register (SIREN), when it has one.
    #[schema(example = "130025265")]
    pub siren: Option<String>,
    pub website: Option<String>,
    /// The language its name is written in.
    pub lang: Locale,
    /// Lead ones first, then by code.
    pub commitments: Vec<InstitutionCommitment>,
    /// By due date; at most 200 (the follow-up page lists them all by owner).
    pub action_items: Vec<OwnedActionItem>,
    pub officials: Vec<InstitutionOfficial>,
    /// Progress updates posted in its name.
    pub progress_updates_count: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct InstitutionFilters {
    pub kind: Option<InstitutionKind>,
    /// Case-insensitive text in the name or acronym.
    pub q: Option<String>,
}

fn siren_digits(value: &str) -> Result<(), ValidationError> {
    if value.len() == 9 && value.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        let mut e = ValidationError::new("siren");
        e.message = Some("must be nine digits".into());
        Err(e)
    }
}

/// A new institution (admins).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInstitutionRequest {
    /// Made from the acronym, else the name, when absent.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    /// Unique, whatever the case.
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(example = "Direction interministérielle du numérique", min_length = 1, max_length = 300, pattern = r"\S")]
    pub name: String,
    #[validate(length(min = 1, max = 30), custom(function = "not_blank"))]
    #[schema(example = "DINUM", min_length = 1, max_length = 30, pattern = r"\S")]
    pub acronym: Option<String>,
    pub kind: InstitutionKind,
    #[validate(custom(function = "siren_digits"))]
    #[schema(pattern = "^[0-9]{9}$")]
    pub siren: Option<String>,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub website: Option<String>,
    /// The language its name is written in (`fr` by default).
    pub lang: Option<Locale>,
}

/// Changes to an institution (admins); `null` clears an optional field.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstitutionChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 30), custom(function = "not_blank"))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 30, pattern = r"\S")]
    pub acronym: Option<Option<String>>,
    pub kind: Option<InstitutionKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(custom(function = "siren_digits"))]
    #[schema(value_type = Option<String>, pattern = "^[0-9]{9}$")]
    pub siren: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(value_type = Option<String>, max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub website: Option<Option<String>>,
    pub lang: Option<Locale>,
}
