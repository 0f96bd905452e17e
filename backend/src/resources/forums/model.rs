//! Forums as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{FormatVersionId, ForumId, SubjectId, UserId};
use crate::db::schema::forums;
use crate::types::{ForumStatus, Locale};

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = forums, check_for_backend(diesel::pg::Pg))]
pub struct ForumRow {
    pub id: ForumId,
    pub slug: String,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub status: ForumStatus,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    #[serde(skip)]
    pub description_html: Option<String>,
    pub archived_at: Option<DateTime<Utc>>,
    pub subject_id: SubjectId,
    pub lang: Locale,
    pub format_version_id: Option<FormatVersionId>,
    /// iCalendar's SEQUENCE, raised by the database when what a calendar shows changes.
    #[serde(skip)]
    pub ical_sequence: i32,
    pub cycle_id: Option<crate::db::ids::CycleId>,
    pub feedback_closes_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub filling_notified_at: Option<DateTime<Utc>>,
    #[serde(skip)]
    pub full_notified_at: Option<DateTime<Utc>>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    /// Seats of `capacity` kept for `reserved_for`.
    pub reserved_seats: Option<i32>,
    pub reserved_for: Option<crate::types::SeatCategory>,
    /// Until when the reserved seats are kept, if the forum names a time of its own.
    pub reserved_until: Option<DateTime<Utc>>,
}

impl ForumRow {
    /// When unclaimed reserved seats go back to the general pool: the forum's own time, else
    /// when registration closes, else 48 hours before the start. `None` without reserved seats.
    pub fn reserved_seats_until(&self) -> Option<DateTime<Utc>> {
        self.reserved_seats?;
        // Checked: a start at the very edge of what a date holds keeps its seats until it.
        let before_start = self.starts_at.checked_sub_signed(chrono::Duration::hours(48)).unwrap_or(self.starts_at);
        Some(self.reserved_until.or(self.registration_closes_at).unwrap_or(before_start))
    }

    /// Whether some seats are still kept for a category of people at `now`.
    pub fn reserves_seats(&self, now: DateTime<Utc>) -> bool {
        self.reserved_seats_until().is_some_and(|until| now < until)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = forums)]
pub struct NewForum {
    pub slug: String,
    pub title: String,
    pub theme: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub capacity: Option<i32>,
    pub status: ForumStatus,
    pub created_by: Option<UserId>,
    pub description_html: Option<String>,
    pub lang: Locale,
    pub format_version_id: Option<FormatVersionId>,
    pub cycle_id: Option<crate::db::ids::CycleId>,
    pub registration_closes_at: Option<DateTime<Utc>>,
    pub reserved_seats: Option<i32>,
    pub reserved_for: Option<crate::types::SeatCategory>,
    pub reserved_until: Option<DateTime<Utc>>,
}

/// What a PATCH changes; `None` leaves a column as it is.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = forums)]
pub struct ForumChangeset {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub theme: Option<String>,
    pub description: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub location: Option<Option<String>>,
    pub online_url: Option<Option<String>>,
    pub capacity: Option<Option<i32>>,
    pub status: Option<ForumStatus>,
    pub description_html: Option<Option<String>>,
    pub lang: Option<Locale>,
    pub format_version_id: Option<Option<FormatVersionId>>,
    pub cycle_id: Option<Option<crate::db::ids::CycleId>>,
    pub registration_closes_at: Option<Option<DateTime<Utc>>>,
    pub reserved_seats: Option<Option<i32>>,
    pub reserved_for: Option<Option<crate::types::SeatCategory>>,
    pub reserved_until: Option<Option<DateTime<Utc>>>,
}
