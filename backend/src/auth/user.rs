//! Accounts as stored, and the reads that authentication needs (everything else about
//! accounts is in `resources::users` and `resources::accounts`).

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::ids::UserId;
use crate::db::schema::users;
use crate::types::{Locale, Role};

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub suspended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Bumped when the password changes: tokens issued under an older version are refused.
    pub session_version: i32,
    /// The language of the account's mail.
    pub locale: Locale,
    /// When the owner confirmed the address (by the link of the mail sent at sign-up).
    pub email_verified_at: Option<DateTime<Utc>>,
    /// The institution the account speaks for (set by an admin; officials answer for it).
    pub institution_id: Option<crate::db::ids::InstitutionId>,
    /// When a suspension for a period ends (none: until lifted).
    pub suspended_until: Option<DateTime<Utc>>,
    /// What the moderator told the owner.
    pub suspension_message: Option<String>,
    /// When the account was erased (`resources::erasure`): the row is a tombstone from then on,
    /// kept so that threads keep their shape; nothing signs in as it.
    pub erased_at: Option<DateTime<Utc>>,
    /// Unique, lower case (`users_handle_format`): what mentions name (`@handle`).
    pub handle: String,
    /// When the owner last chose a handle (a change waits 30 days after the previous one).
    pub handle_changed_at: Option<DateTime<Utc>>,
    /// When the owner turned on a second factor (`auth::two_factor`); none: the password alone.
    pub two_factor_at: Option<DateTime<Utc>>,
}

impl User {
    /// Whether the account has a password of its own (accounts made at an identity provider have
    /// none until one is chosen with a reset link; tombstones and demo accounts have none either).
    pub fn has_password(&self) -> bool {
        !self.password_hash.starts_with('!')
    }

    /// Suspended now: since `suspended_at`, until `suspended_until` if it has one.
    pub fn is_suspended(&self) -> bool {
        self.suspended_at.is_some() && self.suspended_until.is_none_or(|until| until > Utc::now())
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub organisation: Option<&'a str>,
    pub locale: Locale,
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// What an admin changes of an account: both columns are written (`None` lifts a suspension).
#[derive(Debug, Clone, Copy, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct AdminChanges {
    pub role: Role,
    pub suspended_at: Option<DateTime<Utc>>,
    /// An admin's suspension is until lifted (a moderator's may end by itself).
    pub suspended_until: Option<DateTime<Utc>>,
}

pub fn find(conn: &mut PgConnection, id: UserId) -> QueryResult<Option<User>> {
    users::table.find(id).select(User::as_select()).first(conn).optional()
}

/// `find_live`, the row locked until the transaction ends.
pub fn find_live_for_update(conn: &mut PgConnection, id: UserId) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .filter(users::erased_at.is_null())
        .select(User::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// `find`, leaving out an erased account (a tombstone is nobody to act on).
pub fn find_live(conn: &mut PgConnection, id: UserId) -> QueryResult<Option<User>> {
    users::table.find(id).filter(users::erased_at.is_null()).select(User::as_select()).first(conn).optional()
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    // Matches the unique index on lower(email).
    users::table
        .filter(sql::<Bool>("lower(email) = lower(").bind::<Text, _>(email).sql(")"))
        .filter(users::erased_at.is_null())
        .select(User::as_select())
        .first(conn)
        .optional()
}

/// `find_by_email`, the row locked until the caller's transaction ends: what a job that mails
/// the account reads, so that an erasure running at the same time either waits for the mail to
/// be queued (and then takes it back) or comes first (and the account is no longer found).
pub fn find_by_email_for_update(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    users::table
        .filter(sql::<Bool>("lower(email) = lower(").bind::<Text, _>(email).sql(")"))
        .filter(users::erased_at.is_null())
        .select(User::as_select())
        .for_update()
        .first(conn)
        .optional()
}
