//! What clients send and read about registrations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::types::ForumStatus;

crate::text_enum! {
    /// Where a registration stands. `registered`: has a seat; `waitlisted`: waits for one, in
    /// arrival order; `cancelled`: given up (kept for the organisers' record).
    RegistrationStatus {
        Registered => "registered",
        Waitlisted => "waitlisted",
        Cancelled => "cancelled",
    }
}

/// The forum a registration is for, in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegisteredForum {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub status: ForumStatus,
}

/// One's own registration for a forum.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Registration {
    pub id: i64,
    pub forum: RegisteredForum,
    pub status: RegistrationStatus,
    /// For a waitlisted registration, its place on the waitlist (1: the next seat freed is
    /// its); otherwise `null`.
    pub position: Option<i64>,
    /// The code to give at the door (ten letters and digits).
    #[schema(pattern = "^[A-Z0-9]{10}$", example = "K7M2QX9RTA")]
    pub code: String,
    pub created_at: DateTime<Utc>,
    /// When a seat freed by someone else became this registration's.
    pub promoted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// When the person was checked in at the door (the attendance record).
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Holds one of the seats the forum reserves for a category of people.
    pub reserved_seat: bool,
}

/// Who registered, as organisers see them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Registrant {
    pub user_id: i64,
    pub display_name: String,
    pub organisation: Option<String>,
}

/// A registration in a forum's list (organisers only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForumRegistration {
    pub id: i64,
    pub person: Registrant,
    pub status: RegistrationStatus,
    /// For a waitlisted registration, its place on the waitlist (1: next); otherwise `null`.
    pub position: Option<i64>,
    #[schema(pattern = "^[A-Z0-9]{10}$", example = "K7M2QX9RTA")]
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub promoted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    /// When the person was checked in at the door (the attendance record).
    pub checked_in_at: Option<DateTime<Utc>>,
    /// Holds one of the seats the forum reserves for a category of people.
    pub reserved_seat: bool,
}

/// A forum's reserved seats, counted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReservedSeats {
    pub category: crate::types::SeatCategory,
    /// Seats kept for the category (part of `capacity`).
    pub seats: i32,
    /// Of them, taken.
    pub taken: i64,
    /// Kept until then; after it, the seats nobody of the category took are anyone's (and go to
    /// the people waiting first).
    pub until: DateTime<Utc>,
}

/// A forum's seats, for everyone: counts only, never who.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RegistrationSummary {
    /// Whether the forum takes registrations now (status `open`, not archived, not begun, not
    /// past its closing time).
    pub open: bool,
    /// When registrations close: the forum's closing time, or its start.
    pub closes_at: DateTime<Utc>,
    /// Seats, or `null` when the forum has no limit.
    pub capacity: Option<i32>,
    /// People with a seat.
    pub registered: i64,
    /// People waiting for a seat.
    pub waitlisted: i64,
    /// The seats kept for a category of people, while the forum keeps some (`null` once given
    /// back to the general pool).
    pub reserved: Option<ReservedSeats>,
}

/// A check-in at the door, by the registration's code.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckInRequest {
    /// The registration's code, as the person shows it (letter case and spaces do not matter).
    #[validate(length(min = 1, max = 40), custom(function = "code_chars"))]
    #[schema(
        min_length = 1,
        max_length = 40,
        pattern = r"^[ A-Za-z0-9]*[A-Za-z0-9][ A-Za-z0-9]*$",
        example = "K7M2QX9RTA"
    )]
    pub code: String,
}

/// Letters, digits and spaces, at least one letter or digit (as the schema's pattern says).
fn code_chars(code: &str) -> Result<(), validator::ValidationError> {
    let allowed = code.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
    if allowed && code.chars().any(|c| c.is_ascii_alphanumeric()) {
        Ok(())
    } else {
        Err(validator::ValidationError::new("pattern")
            .with_message("letters, digits and spaces only, at least one letter or digit".into()))
    }
}

crate::page_type!(RegistrationPage, Registration, "A page of one's own registrations, newest first.");
crate::page_type!(ForumRegistrationPage, ForumRegistration, "A page of a forum's registrations, in arrival order.");
