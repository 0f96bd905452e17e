//! Registrations as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::RegistrationStatus;
use crate::db::ids::{ForumId, RegistrationId, UserId};
use crate::db::schema::registrations;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = registrations, check_for_backend(diesel::pg::Pg))]
pub struct RegistrationRow {
    pub id: RegistrationId,
    pub forum_id: ForumId,
    pub user_id: UserId,
    pub status: RegistrationStatus,
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub promoted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub checked_in_by: Option<UserId>,
    pub reminded_for: Option<DateTime<Utc>>,
    /// Holds one of the forum's reserved seats.
    pub reserved: bool,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = registrations)]
pub struct NewRegistration {
    pub forum_id: ForumId,
    pub user_id: UserId,
    pub status: RegistrationStatus,
    pub code: String,
    pub reserved: bool,
}
