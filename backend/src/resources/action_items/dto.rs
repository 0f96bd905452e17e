//! What clients send and read about minutes and action items.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::http::validation::{http_url, not_blank, nullable};
pub use crate::resources::shared::refs::ActionStatus;

crate::text_enum! {
    /// Who carries an action item: an institution (a ministry, an agency…) or a person.
    OwnerKind {
        Institution => "institution",
        Person => "person",
    }
}

crate::text_enum! {
    /// What a link of the minutes leads to.
    LinkKind {
        Document => "document",
        Slides => "slides",
        Recording => "recording",
        Other => "other",
    }
}

/// Who carries an action item.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    pub kind: OwnerKind,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Direction interministérielle du numérique", min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
}

/// A document, slides or a recording of the forum.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesLink {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub url: String,
    pub kind: LinkKind,
}

fn organisation_names(names: &[String]) -> Result<(), validator::ValidationError> {
    if names.len() > 200 || names.iter().any(|n| n.trim().is_empty() || n.chars().count() > 200) {
        let mut e = validator::ValidationError::new("items");
        e.message = Some("at most 200 names of 1 to 200 characters".into());
        return Err(e);
    }
    Ok(())
}

fn organisations_schema() -> utoipa::openapi::schema::Array {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(
            utoipa::openapi::schema::ObjectBuilder::new()
                .schema_type(utoipa::openapi::schema::Type::String)
                .min_length(Some(1))
                .max_length(Some(200))
                .pattern(Some(crate::http::validation::NOT_BLANK_PATTERN)),
        )
        .max_items(Some(200))
        .build()
}

/// The minutes of a held forum, as organisers write them (a PUT replaces them).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinutesRequest {
    /// Markdown.
    #[validate(length(min = 1, max = 50000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 50000, pattern = r"\S")]
    pub body: String,
    /// How many people came; by default, how many were checked in at the door.
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub attendees_count: Option<i32>,
    /// The organisations present.
    #[serde(default)]
    #[validate(custom(function = "organisation_names"))]
    #[schema(schema_with = organisations_schema)]
    pub organisations: Vec<String>,
    #[serde(default)]
    #[validate(length(max = 50), nested)]
    #[schema(max_items = 50)]
    pub links: Vec<MinutesLink>,
}

/// The minutes of a held forum.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Minutes {
    pub forum_id: i64,
    /// Markdown, and below its sanitised HTML.
    pub body: String,
    pub body_html: String,
    pub attendees_count: i32,
    /// How many were checked in at the door (the attendance record).
    pub checked_in_count: i64,
    pub organisations: Vec<String>,
    pub links: Vec<MinutesLink>,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Who published them (display name), when the account still exists.
    pub published_by: Option<String>,
    /// What they said before each correction, oldest first: minutes are part of the public
    /// record, so a correction never erases what was published.
    pub earlier_versions: Vec<MinutesVersion>,
}

/// The minutes as they were before a correction replaced them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MinutesVersion {
    /// Sanitised HTML.
    pub body_html: String,
    pub attendees_count: i32,
    pub organisations: Vec<String>,
    pub links: Vec<MinutesLink>,
    /// When this version was published (first, or by the correction that made it).
    pub written_at: DateTime<Utc>,
    /// When a correction replaced it.
    pub replaced_at: DateTime<Utc>,
}

/// The forum an action item comes from, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionForum {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
}

/// A commitment or milestone an action item serves, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ServedRef {
    pub id: i64,
    /// `FR0041`, or a milestone's `12.1`.
    pub code: String,
    pub title: String,
}

/// One change of status, as kept (never edited).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusEntry {
    pub status: ActionStatus,
    pub note: Option<String>,
    pub outcome: Option<String>,
    pub at: DateTime<Utc>,
    /// Who made it (display name), when the account still exists.
    pub by: Option<String>,
}

/// A decision or next step of a forum, followed to closure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionItem {
    pub id: i64,
    pub forum: ActionForum,
    pub title: String,
    /// Markdown, and below its sanitised HTML.
    pub description: String,
    pub description_html: String,
    pub owner: Owner,
    /// The institution record the owner names (an owner of kind `institution` whose name is an
    /// institution's, any case): the action item then counts in that institution's record and
    /// questions about it go to it.
    pub owner_institution: Option<crate::resources::shared::refs::InstitutionRef>,
    pub due_on: NaiveDate,
    pub commitment: Option<ServedRef>,
    pub milestone: Option<ServedRef>,
    pub status: ActionStatus,
    /// What came of it, once closed.
    pub outcome: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Due date passed (in Paris) and not closed.
    pub overdue: bool,
    /// Every status it was given, oldest first.
    pub history: Vec<StatusEntry>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

crate::page_type!(ActionItemPage, ActionItem, "A page of action items.");

/// A new action item of a held forum (organisers).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewActionItemRequest {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Publier le calendrier des ateliers", min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// Markdown.
    #[serde(default)]
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: String,
    #[validate(nested)]
    pub owner: Owner,
    /// Not before the forum's day (409 `conflicts_with_stored` otherwise).
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub due_on: NaiveDate,
    /// The commitment it serves (id or OGP code); taken from `milestone_id` when absent.
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub commitment: Option<String>,
    /// The milestone it serves, of that commitment.
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub milestone_id: Option<i64>,
}

/// Changes to an action item (organisers). Its status changes through
/// `POST /action-items/{id}/status`, which keeps the history.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionItemChanges {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[validate(nested)]
    pub owner: Option<Owner>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_on: Option<NaiveDate>,
    /// `null` to unlink (and the milestone with it).
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 80))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 80)]
    pub commitment: Option<Option<String>>,
    /// `null` to unlink.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1))]
    #[schema(value_type = Option<i64>, minimum = 1)]
    pub milestone_id: Option<Option<i64>>,
}

/// A new status for an action item (organisers): kept in its history, never edited.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChangeRequest {
    /// Must differ from the current one (409 `conflicts_with_stored` otherwise).
    pub status: ActionStatus,
    /// Why, or what happened (optional).
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub note: Option<String>,
    /// What came of it: required to close (`done`, `dropped`), refused otherwise.
    #[validate(length(min = 1, max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub outcome: Option<String>,
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct ActionItemFilters {
    pub status: Option<ActionStatus>,
    /// The owner's name, exactly (case-insensitive).
    #[param(max_length = 200)]
    #[validate(length(max = 200))]
    pub owner: Option<String>,
    /// Only those of this forum (id or slug).
    #[param(max_length = 80)]
    #[validate(length(max = 80))]
    pub forum: Option<String>,
    /// Only those serving this commitment (id or OGP code).
    #[param(max_length = 80)]
    #[validate(length(max = 80))]
    pub commitment: Option<String>,
    /// Only those of this cycle's forums (id or slug).
    #[param(max_length = 80)]
    #[validate(length(max = 80))]
    pub cycle: Option<String>,
    /// Only those serving this milestone.
    #[param(minimum = 1)]
    #[validate(range(min = 1))]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub milestone: Option<i64>,
    /// `true`: only overdue ones (due date passed in Paris, not closed); `false`: only the others.
    pub overdue: Option<bool>,
}
