//! What clients send and read about formats.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use crate::http::validation::{not_blank, valid_slug};
use crate::types::Locale;

/// One timed step of a format's agenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaStep {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Tour de table", min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// Its length, in minutes.
    #[validate(range(min = 1, max = 600))]
    #[schema(example = 20, minimum = 1, maximum = 600)]
    pub minutes: i32,
}

crate::text_enum! {
    /// A question of a feedback questionnaire: `rating`, answered from 1 to 5; `text`, answered
    /// in words.
    QuestionKind {
        Rating => "rating",
        Text => "text",
    }
}

/// A question of a format's feedback questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Names the question in answers; unique within the questionnaire. Keep a question's key
    /// from one version to the next when it asks the same thing, so its results compare.
    #[validate(length(min = 1, max = 40), custom(function = "question_key"))]
    #[schema(example = "utilite", min_length = 1, max_length = 40, pattern = "^[a-z][a-z0-9_]*$")]
    pub key: String,
    pub kind: QuestionKind,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(example = "Ce forum vous a-t-il été utile ?", min_length = 1, max_length = 300, pattern = r"\S")]
    pub label: String,
}

fn question_key(key: &str) -> Result<(), ValidationError> {
    let mut bytes = key.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_lowercase());
    if first_ok && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Ok(());
    }
    let mut e = ValidationError::new("pattern");
    e.message = Some("a lower-case letter, then lower-case letters, digits or _".into());
    Err(e)
}

impl FormatContent {
    /// What field rules cannot say: each question has a key of its own. (A field-level rule
    /// on the list would hide the errors of its items.)
    pub fn check_distinct_keys(&self) -> crate::http::problem::ApiResult<()> {
        let mut keys: Vec<&str> = self.questionnaire.iter().map(|q| q.key.as_str()).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|w| w[0] == w[1]) {
            return Err(crate::http::problem::ApiError::field(
                "content.questionnaire",
                "unique",
                "each question needs a key of its own",
            ));
        }
        Ok(())
    }
}

/// The text of a format version: what a forum of this kind is and how it runs.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatContent {
    /// Why such a forum is held (plain text).
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub purpose: String,
    /// Who it is for (plain text).
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub audience: String,
    /// The agenda template, in order; its total is the format's duration.
    #[validate(length(min = 1, max = 30), nested)]
    #[schema(min_items = 1, max_items = 30)]
    pub agenda: Vec<AgendaStep>,
    /// Roles and facilitation rules (markdown).
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub roles: String,
    /// Accessibility arrangements (markdown).
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub accessibility: String,
    /// Materials (markdown).
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub materials: String,
    /// The feedback questionnaire participants answer after a forum of this version.
    /// Each question's `key` is its own (checked: 422 otherwise).
    #[validate(length(max = 30), nested)]
    #[serde(default)]
    #[schema(max_items = 30)]
    pub questionnaire: Vec<Question>,
}

/// A new format and its first version (officials and admins).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewFormatRequest {
    /// Made from the name when absent.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Forum Open d'État", min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// The language it is written in (`fr` by default).
    pub lang: Option<Locale>,
    /// Version 1.
    #[validate(nested)]
    pub content: FormatContent,
}

/// A new version of a format (officials and admins). Published versions never change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVersionRequest {
    /// The version this one was written from: must be the latest, so that two people editing
    /// at once do not silently undo each other's changes (409 `stale_version` otherwise).
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub based_on: i32,
    /// What changed, and why.
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub change_note: String,
    #[validate(nested)]
    pub content: FormatContent,
}

/// Renaming a format (its versions are not touched).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatChanges {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: Option<String>,
}

/// A published version of a format. Never changes once published.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatVersion {
    /// The format's slug.
    pub format: String,
    /// 1, 2, …
    pub version: i32,
    pub purpose: String,
    pub audience: String,
    pub agenda: Vec<AgendaStep>,
    /// The agenda's total, in minutes.
    pub duration_minutes: i32,
    /// Markdown, and below its sanitised HTML.
    pub roles: String,
    pub roles_html: String,
    pub accessibility: String,
    pub accessibility_html: String,
    pub materials: String,
    pub materials_html: String,
    pub questionnaire: Vec<Question>,
    /// The whole version as one markdown document (what comparisons compare).
    pub document: String,
    /// What changed since the version before; `null` for version 1.
    pub change_note: Option<String>,
    pub published_at: DateTime<Utc>,
    /// Who published it (display name), when the account still exists.
    pub published_by: Option<String>,
    /// Forums that followed this version.
    pub forums_count: i64,
}

/// A version in a format's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionSummary {
    pub version: i32,
    pub change_note: Option<String>,
    pub published_at: DateTime<Utc>,
    pub duration_minutes: i32,
}

/// A format: its name, its history, and its latest version in full.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Format {
    pub id: i64,
    #[schema(example = "forum-open-detat")]
    pub slug: String,
    pub name: String,
    pub lang: Locale,
    pub latest_version: i32,
    /// Every version, newest first.
    pub versions: Vec<VersionSummary>,
    /// The latest version.
    pub current: FormatVersion,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A format in lists.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatSummary {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub lang: Locale,
    pub latest_version: i32,
    /// The latest version's purpose.
    pub purpose: String,
    pub duration_minutes: i32,
    pub updated_at: DateTime<Utc>,
}

crate::page_type!(FormatPage, FormatSummary, "A page of formats.");

/// The format a forum is to follow.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FormatChoice {
    /// The format's slug (or id).
    #[validate(length(min = 1, max = 80))]
    #[schema(example = "forum-open-detat", min_length = 1, max_length = 80)]
    pub slug: String,
    /// One of its versions; its latest when absent.
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub version: Option<i32>,
}

/// The version of a format a forum follows, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatRef {
    pub slug: String,
    pub name: String,
    pub version: i32,
    /// Whether a newer version has been published since.
    pub superseded: bool,
}

/// Which two versions to compare.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompareParams {
    /// The older version.
    #[param(minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "crate::http::validation::required_int")]
    pub from: i64,
    /// The newer version.
    #[param(minimum = 1, maximum = 100000)]
    #[serde(deserialize_with = "crate::http::validation::required_int")]
    pub to: i64,
}

crate::text_enum! {
    /// A piece of a comparison: kept, added in `to`, or removed from `from`.
    DiffOp {
        Equal => "equal",
        Insert => "insert",
        Delete => "delete",
    }
}

/// A run of words with the same fate.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct DiffSegment {
    pub op: DiffOp,
    pub text: String,
}

/// What changed between two versions, word by word, over their whole documents.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatComparison {
    pub format: String,
    pub from: VersionSummary,
    pub to: VersionSummary,
    /// Concatenating the `equal` and `delete` texts gives `from`'s document; the `equal` and
    /// `insert` texts give `to`'s.
    pub segments: Vec<DiffSegment>,
    pub words_inserted: i64,
    pub words_deleted: i64,
}
