//! The multi-stakeholder forum in the contract.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::model::{MemberCategory, MemberRow};
use crate::http::validation::{not_blank, nullable, nullable_date};
use crate::types::ForumStatus;

/// A member of the multi-stakeholder forum, for a term. Members are public in their capacity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Member {
    pub id: i64,
    #[schema(example = "Claire Martin")]
    pub name: String,
    pub category: MemberCategory,
    #[schema(example = "Transparency International France")]
    pub organisation: String,
    /// What they do in the forum (co-chair, rapporteur…), if anything in particular.
    pub position: Option<String>,
    /// First day of the term (Paris).
    #[schema(value_type = String, format = Date)]
    pub term_starts_on: NaiveDate,
    /// Last day of the term (Paris), included; `null` until further notice.
    #[schema(value_type = Option<String>, format = Date)]
    pub term_ends_on: Option<NaiveDate>,
    /// Whether today (Paris) is within the term.
    pub current: bool,
}

impl Member {
    pub fn present(row: MemberRow, today: NaiveDate) -> Member {
        Member {
            current: row.term_starts_on <= today && row.term_ends_on.is_none_or(|end| today <= end),
            id: row.id.get(),
            name: row.name,
            category: row.category,
            organisation: row.organisation,
            position: row.position,
            term_starts_on: row.term_starts_on,
            term_ends_on: row.term_ends_on,
        }
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMember {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    pub category: MemberCategory,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub organisation: String,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub position: Option<String>,
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub term_starts_on: NaiveDate,
    /// Not before `term_starts_on`; left out or `null` until further notice.
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub term_ends_on: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberChanges {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: Option<String>,
    pub category: Option<MemberCategory>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub organisation: Option<String>,
    /// `null` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 200, pattern = r"\S")]
    pub position: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub term_starts_on: Option<NaiveDate>,
    /// Not before `term_starts_on` (the one sent, else the stored one: 409
    /// `conflicts_with_stored`); `null` until further notice.
    #[serde(default, deserialize_with = "nullable_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub term_ends_on: Option<Option<NaiveDate>>,
}

/// How many current members sit on each side.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Balance {
    pub administration: i64,
    pub civil_society: i64,
}

/// Whether the forum meets civil society as OGP asks during a plan's implementation: at least
/// twice in 12 months, never six months apart.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Cadence {
    /// Meetings held in the last 12 months (cancelled and archived forums left out).
    pub met_last_12_months: i64,
    /// `met_last_12_months >= 2`.
    pub met_twice_in_12_months: bool,
    /// When the last meeting held began.
    pub last_met_at: Option<DateTime<Utc>>,
    /// When the next meeting announced begins.
    pub next_meeting_at: Option<DateTime<Utc>>,
    /// The day (Paris) six months after the latest meeting, held or announced: with no meeting
    /// by then, the forum will not have met for six months. `null` when it never met.
    #[schema(value_type = Option<String>, format = Date)]
    pub gap_opens_on: Option<NaiveDate>,
    /// `true` from 30 days before `gap_opens_on` (and when the forum never met): time to
    /// announce a meeting.
    pub warning: bool,
}

/// The forum a meeting is.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingForum {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: ForumStatus,
}

/// A meeting of the multi-stakeholder forum and its public record.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Meeting {
    pub forum: MeetingForum,
    /// Whether it has begun (and was not cancelled).
    pub held: bool,
    /// People checked in (`null` before it is held).
    pub attendance: Option<i64>,
    /// The organisations of the people checked in who agreed to name theirs, alphabetically
    /// (each once).
    pub organisations_present: Vec<String>,
    /// Whether its minutes are published (`GET /forums/{id}/minutes`).
    pub minutes_published: bool,
    pub marked_at: DateTime<Utc>,
}

/// The multi-stakeholder forum: its current members and their balance, its cadence, its
/// meetings (the 50 latest, latest first).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StakeholderForum {
    pub members: Vec<Member>,
    pub balance: Balance,
    pub cadence: Cadence,
    pub meetings: Vec<Meeting>,
}

/// One's consent to have one's organisation named among those present at a meeting.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OrganisationConsent {
    pub forum_id: i64,
    /// `null`: not given (or withdrawn).
    pub given_at: Option<DateTime<Utc>>,
    /// The organisation that will be named, as on one's profile (`null`: none is set, so none
    /// will be named).
    pub organisation: Option<String>,
}
