//! Forums in the contract.

use chrono::{DateTime, Utc};

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::http::validation::{http_url, not_blank, nullable, valid_slug};
pub use crate::resources::shared::refs::CommitmentRef;
use crate::types::{ForumStatus, Locale};

/// Forums are held in France: clients display times in this zone.
pub const FORUM_TIMEZONE: &str = "Europe/Paris";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Forum {
    pub id: i64,
    #[schema(example = "forum-espace-de-dialogue-en-ligne")]
    pub slug: String,
    pub title: String,
    pub theme: String,
    /// Markdown.
    pub description: String,
    /// `description` rendered to sanitised HTML.
    pub description_html: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Time zone to display the times in (always `Europe/Paris`).
    #[schema(example = "Europe/Paris")]
    pub timezone: String,
    /// Address of an in-person forum.
    pub location: Option<String>,
    /// Link to join an online forum.
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub status: ForumStatus,
    /// The commitments the forum works on.
    pub commitments: Vec<CommitmentRef>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when an admin archived the forum (deleting it would have destroyed its discussion):
    /// left out of lists, still readable, closed to new comments.
    pub archived_at: Option<DateTime<Utc>>,
    /// The language its texts are written in (`fr`, `en`).
    pub lang: Locale,
    /// The format version it follows, if one was chosen.
    pub format: Option<crate::resources::formats::FormatRef>,
    /// The cycle it belongs to, if any.
    pub cycle: Option<crate::resources::cycles::CycleRef>,
    /// Registrations close then (they also close when the forum begins).
    pub registration_closes_at: Option<DateTime<Utc>>,
    /// Seats of `capacity` kept for a category of people, if any.
    pub reserved_seats: Option<SeatReservation>,
    /// When the reserved seats nobody of the category took go back to the general pool (and to
    /// the people waiting, in arrival order): `reserved_seats.until`, else
    /// `registration_closes_at`, else 48 hours before `starts_at`. `null` without reserved seats.
    pub reserved_seats_until: Option<DateTime<Utc>>,
}

/// Seats of a forum kept for a category of people: one of them takes a reserved seat while one
/// is free, then a general one; others take general seats only. A freed reserved seat goes to
/// the first person waiting who belongs to the category. Seats nobody of the category took go
/// back to the general pool at `until` (by default when registration closes, or 48 hours before
/// the start), and from it to the people waiting.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatReservation {
    /// How many (at most the forum's `capacity`, which a reservation needs).
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub seats: i32,
    pub category: crate::types::SeatCategory,
    /// Until when they are kept (at most `starts_at`); when left out, until registration closes,
    /// or 48 hours before the start (see the forum's `reserved_seats_until`).
    #[serde(default)]
    pub until: Option<DateTime<Utc>>,
}

impl SeatReservation {
    pub fn from_row(row: &super::model::ForumRow) -> Option<SeatReservation> {
        Some(SeatReservation { seats: row.reserved_seats?, category: row.reserved_for?, until: row.reserved_until })
    }
}

crate::page_type!(ForumPage, Forum, "A page of forums.");

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, most recent first.
    Past,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForumFilters {
    /// `upcoming` (soonest first) or `past` (latest first); all forums by start date when absent.
    pub when: Option<When>,
    pub status: Option<ForumStatus>,
    /// Only forums working on this commitment (id or OGP code).
    pub commitment: Option<String>,
    /// Exact theme, case-insensitive.
    pub theme: Option<String>,
    /// Case-insensitive text in the title, theme or description.
    pub q: Option<String>,
    /// `true`: only archived forums (see `DELETE /forums/{id}`); by default, only the others.
    pub archived: Option<bool>,
    /// Only forums changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewForumRequest {
    /// Made from the title when absent.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(
        example = "Forum Open d'État : l'espace de dialogue en ligne",
        min_length = 1,
        max_length = 200,
        pattern = r"\S"
    )]
    pub title: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(example = "Participation citoyenne", min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: String,
    /// Markdown.
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    #[serde(deserialize_with = "crate::http::validation::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: DateTime<Utc>,
    /// After `starts_at`.
    #[serde(deserialize_with = "crate::http::validation::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub ends_at: DateTime<Utc>,
    /// Address, for an in-person forum. At least one of `location` and `online_url` is required.
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub location: Option<String>,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub online_url: Option<String>,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub capacity: Option<i32>,
    /// Default `planned`.
    pub status: Option<ForumStatus>,
    /// Ids of the commitments the forum works on.
    #[serde(default)]
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema)]
    pub commitment_ids: Vec<i64>,
    /// The language its texts are written in (`fr` by default).
    pub lang: Option<Locale>,
    /// The format it follows: the forum records the version chosen, by default the latest.
    #[validate(nested)]
    pub format: Option<crate::resources::formats::FormatChoice>,
    /// The cycle it belongs to (id or slug).
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub cycle: Option<String>,
    /// When registrations close, if before the forum begins (not after `starts_at`).
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub registration_closes_at: Option<DateTime<Utc>>,
    /// Seats kept for a category of people (needs a `capacity` at least as large).
    #[validate(nested)]
    pub reserved_seats: Option<SeatReservation>,
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<DateTime<Utc>>,
    /// After `starts_at` (the new one, or the forum's).
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 300))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 300)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(value_type = Option<String>, max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub online_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1, max = 100000))]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 100000)]
    pub capacity: Option<Option<i32>>,
    pub status: Option<ForumStatus>,
    /// Replaces the list of commitments.
    #[validate(custom(function = "crate::http::validation::commitment_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema_nullable)]
    pub commitment_ids: Option<Vec<i64>>,
    /// The language its texts are written in.
    pub lang: Option<Locale>,
    /// The format it follows (`null`: none): the forum records the version chosen, by
    /// default the latest.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(nested)]
    #[schema(value_type = Option<crate::resources::formats::FormatChoice>)]
    pub format: Option<Option<crate::resources::formats::FormatChoice>>,
    /// The cycle it belongs to (id or slug), `null` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 80))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 80)]
    pub cycle: Option<Option<String>>,
    /// When registrations close (not after the forum's start), `null` for "when it begins".
    #[serde(default, deserialize_with = "crate::http::validation::nullable_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub registration_closes_at: Option<Option<DateTime<Utc>>>,
    /// Seats kept for a category of people, `null` for none (needs a `capacity` at least as
    /// large). Registrations already made keep their seats.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(nested)]
    #[schema(value_type = Option<SeatReservation>)]
    pub reserved_seats: Option<Option<SeatReservation>>,
}
