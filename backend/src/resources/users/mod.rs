//! User accounts: the stored model and its queries, public profiles, and the admin's
//! user management (roles, suspension).

pub mod routes;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::schema::users;
use crate::types::Role;

#[derive(Debug, Clone, Queryable, Selectable, Identifiable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct User {
    pub id: i64,
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
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub organisation: Option<&'a str>,
}

/// What anyone may see of a user.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = users, check_for_backend(diesel::pg::Pg))]
pub struct PublicUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
    pub organisation: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The signed-in user's own account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub organisation: Option<String>,
    /// Set when an admin has suspended the account; a suspended account cannot write.
    pub suspended_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<User> for Account {
    fn from(u: User) -> Self {
        Account {
            id: u.id,
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            organisation: u.organisation,
            suspended_at: u.suspended_at,
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Option<User>> {
    users::table
        .find(id)
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_email(conn: &mut PgConnection, email: &str) -> QueryResult<Option<User>> {
    use diesel::dsl::sql;
    use diesel::sql_types::{Bool, Text};
    // Matches the unique index on lower(email).
    users::table
        .filter(
            sql::<Bool>("lower(email) = lower(")
                .bind::<Text, _>(email)
                .sql(")"),
        )
        .select(User::as_select())
        .first(conn)
        .optional()
}

pub fn insert(conn: &mut PgConnection, new: &NewUser<'_>) -> QueryResult<User> {
    diesel::insert_into(users::table)
        .values(new)
        .returning(User::as_returning())
        .get_result(conn)
}

/// Public profiles, and accounts as admins manage them.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[
        ("users", "Public profiles"),
        ("admin", "Administration (admins only)"),
    ],
    api_v1: Some(|cfg| {
        cfg.service(routes::get_user)
            .service(routes::list_users)
            .service(routes::update_user);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
};
