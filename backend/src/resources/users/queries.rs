//! Every query on accounts.

use chrono::Utc;
use diesel::prelude::*;

use super::dto::PublicUser;
use crate::auth::user::{AdminChanges, NewUser, User};
use crate::db::ids::UserId;
use crate::db::schema::users;
use crate::events::{self, EventSubject, NewEvent};
use crate::http::filters;
use crate::types::Role;

pub fn find_public(conn: &mut PgConnection, id: UserId) -> QueryResult<Option<PublicUser>> {
    users::table.find(id).filter(users::erased_at.is_null()).select(PublicUser::as_select()).first(conn).optional()
}

/// Creates an account and records `user.created`.
pub fn insert(conn: &mut PgConnection, new: &NewUser<'_>) -> QueryResult<User> {
    let user: User = diesel::insert_into(users::table).values(new).returning(User::as_returning()).get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::users::events::USER_CREATED)
            .subject(EventSubject::new("user", user.id.get(), user.id.to_string()))
            .by(user.id),
    )?;
    Ok(user)
}

/// A page of accounts in id order, after `after` (erased ones are gone from the list).
pub fn list(
    conn: &mut PgConnection,
    role: Option<Role>,
    text: Option<&str>,
    after: Option<UserId>,
    limit: i64,
) -> QueryResult<Vec<User>> {
    let mut query =
        users::table.filter(users::erased_at.is_null()).select(User::as_select()).order(users::id.asc()).into_boxed();
    if let Some(after) = after {
        query = query.filter(users::id.gt(after));
    }
    if let Some(role) = role {
        query = query.filter(users::role.eq(role));
    }
    if let Some(pattern) = filters::contains(text) {
        query = query.filter(users::email.ilike(pattern.clone()).or(users::display_name.ilike(pattern)));
    }
    query.limit(limit).load(conn)
}

/// An admin's change of role or suspension, recorded in the audit trail with the account as
/// it was and as it is.
pub fn admin_update(
    conn: &mut PgConnection,
    current: &User,
    role: Option<Role>,
    suspended: Option<bool>,
    institution: Option<Option<crate::db::ids::InstitutionId>>,
    admin: UserId,
) -> QueryResult<User> {
    let changes = AdminChanges {
        role: role.unwrap_or(current.role),
        suspended_at: match suspended {
            None => current.suspended_at,
            Some(false) => None,
            Some(true) => current.suspended_at.or_else(|| Some(Utc::now())),
        },
        suspended_until: match suspended {
            None => current.suspended_until,
            Some(_) => None,
        },
    };
    let mut user: User =
        diesel::update(users::table.find(current.id)).set(&changes).returning(User::as_returning()).get_result(conn)?;
    if let Some(institution) = institution {
        user = diesel::update(users::table.find(current.id))
            .set(users::institution_id.eq(institution))
            .returning(User::as_returning())
            .get_result(conn)?;
    }
    let snapshot = |u: &User| serde_json::json!({"role": u.role, "suspended": u.suspended_at.is_some(), "institution_id": u.institution_id});
    events::record(
        conn,
        NewEvent::new(crate::resources::users::events::USER_UPDATED)
            .subject(EventSubject::new("user", user.id.get(), user.id.to_string()))
            .by(admin)
            .audit(Some(&snapshot(current)), Some(&snapshot(&user))),
    )?;
    Ok(user)
}
