//! Sessions the server knows: each sign-in is a row of `sessions`, and its token names it
//! (`sid`). A token is good while its session is (not ended), so ending one, all of a person's,
//! or an admin ending someone's, takes effect on the next request. The check rides on the read
//! of the account every request already makes (`user_and_session`); "last used" is written at
//! most once a minute per session and instance.
//!
//! What is kept of the device is a summary of the user agent ("Firefox · Linux", by `woothee`),
//! never the string itself, and the address family, never the address.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable};

use super::user::User;
use crate::db::ids::{SessionId, UserId};
use crate::db::schema::{sessions, users};

/// A session as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions, check_for_backend(diesel::pg::Pg))]
pub struct SessionRow {
    pub id: SessionId,
    pub user_id: UserId,
    pub device: String,
    pub address_family: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// The identity provider it began at (`oidc::ProviderId`), none for a password.
    pub provider: Option<String>,
}

/// How long a session over (ended or expired) is kept before housekeeping forgets it.
pub const KEEP_OVER_DAYS: i32 = 30;

/// "Firefox · Linux", "Safari · iOS", or "Navigateur inconnu": what a person recognises of their
/// device, and no more.
pub fn device(user_agent: Option<&str>) -> String {
    let parsed = user_agent.and_then(|ua| woothee::parser::Parser::new().parse(ua));
    let Some(ua) = parsed else { return "Navigateur inconnu".into() };
    let name = if ua.name == woothee::woothee::VALUE_UNKNOWN { "Navigateur inconnu" } else { ua.name };
    let os = if ua.os == woothee::woothee::VALUE_UNKNOWN { None } else { Some(ua.os) };
    let mut summary = match os {
        Some(os) => format!("{name} · {os}"),
        None => name.to_string(),
    };
    summary.truncate(summary.char_indices().nth(100).map_or(summary.len(), |(i, _)| i));
    summary
}

/// Records a new session of `user`, valid until `expires_at`.
pub fn start(
    conn: &mut PgConnection,
    user: UserId,
    device: &str,
    family: &str,
    expires_at: DateTime<Utc>,
) -> QueryResult<SessionId> {
    start_at(conn, user, device, family, expires_at, None)
}

/// How a session begun at an identity provider began (`auth::oidc`).
pub struct AtProvider<'a> {
    pub provider: &'a str,
    /// Kept to end the provider's session at sign-out (`id_token_hint`), then forgotten.
    pub id_token: &'a str,
    /// The provider asserted a strong authentication: it stands for the second factor.
    pub second_factor: bool,
}

/// `start`, for a sign-in at a provider when `at` says so.
pub fn start_at(
    conn: &mut PgConnection,
    user: UserId,
    device: &str,
    family: &str,
    expires_at: DateTime<Utc>,
    at: Option<AtProvider<'_>>,
) -> QueryResult<SessionId> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::user_id.eq(user),
            sessions::device.eq(device),
            sessions::address_family.eq(family),
            sessions::expires_at.eq(expires_at),
            sessions::provider.eq(at.as_ref().map(|a| a.provider)),
            sessions::id_token.eq(at.as_ref().map(|a| a.id_token)),
            sessions::provider_second_factor.eq(at.as_ref().is_some_and(|a| a.second_factor)),
        ))
        .returning(sessions::id)
        .get_result(conn)
        .inspect(|sid| mark_touched(*sid))
}

/// `sid` was used now (its row says so): no write for it in the next minute.
fn mark_touched(sid: SessionId) {
    let mut guard = TOUCHED.lock().unwrap_or_else(|e| e.into_inner());
    let touched = guard.get_or_insert_with(HashMap::new);
    if touched.len() >= TOUCHED_KEPT {
        touched.clear();
    }
    touched.insert(sid, Instant::now());
}

/// What a request's session is, read with its account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionState {
    /// Its own, and not ended.
    pub on: bool,
    /// Begun at a provider that asserted a strong authentication (`AtProvider::second_factor`).
    pub provider_second_factor: bool,
}

/// The account and the state of its session `sid` (not on when it is not the account's), in
/// one read. `None` for the session's state when the token names none (issued before sessions
/// existed).
pub fn user_and_session(
    conn: &mut PgConnection,
    user: UserId,
    sid: Option<SessionId>,
) -> QueryResult<Option<(User, Option<SessionState>)>> {
    let Some(sid) = sid else {
        return Ok(super::user::find(conn, user)?.map(|u| (u, None)));
    };
    // 0: ended or not the account's; 1: on; 2: on, with the provider's strong authentication.
    // Prepared although it holds a `sql()` fragment (which Diesel never caches): its text is
    // fixed and it is read by primary keys. Every request signed in with a session runs it;
    // unprepared, PostgreSQL parsed and planned it each time.
    crate::db::Prepared(
        users::table
            .find(user)
            .select((
                User::as_select(),
                sql::<Nullable<diesel::sql_types::SmallInt>>(
                    "(SELECT CASE WHEN s.ended_at IS NOT NULL THEN 0 WHEN s.provider_second_factor THEN 2 ELSE 1 END::int2 \
                      FROM sessions s WHERE s.id = ",
                )
                .bind::<BigInt, _>(sid.get())
                .sql(" AND s.user_id = users.id)"),
            ))
            .limit(1),
    )
    .get_result::<(User, Option<i16>)>(conn)
    .optional()
        .map(|found| {
            found.map(|(u, state)| {
                let state = state.unwrap_or(0);
                (u, Some(SessionState { on: state > 0, provider_second_factor: state == 2 }))
            })
        })
}

static TOUCHED: Mutex<Option<HashMap<SessionId, Instant>>> = Mutex::new(None);
const TOUCHED_KEPT: usize = 100_000;

/// Records a use of `sid`, at most once a minute per session on this instance (a sign-in counts:
/// a burst of requests right after one writes nothing).
pub fn touch(conn: &mut PgConnection, sid: SessionId) -> QueryResult<()> {
    {
        let guard = TOUCHED.lock().unwrap_or_else(|e| e.into_inner());
        if guard.as_ref().and_then(|t| t.get(&sid)).is_some_and(|at| at.elapsed() < Duration::from_secs(60)) {
            return Ok(());
        }
    }
    mark_touched(sid);
    diesel::update(sessions::table.find(sid)).set(sessions::last_used_at.eq(Utc::now())).execute(conn).map(|_| ())
}

/// A new expiry for `sid` (the session was extended).
pub fn extend(conn: &mut PgConnection, sid: SessionId, expires_at: DateTime<Utc>) -> QueryResult<()> {
    diesel::update(sessions::table.find(sid)).set(sessions::expires_at.eq(expires_at)).execute(conn).map(|_| ())
}

/// Ends `user`'s session `sid`; false when they have no such session on.
pub fn end(conn: &mut PgConnection, user: UserId, sid: SessionId) -> QueryResult<bool> {
    diesel::update(sessions::table.find(sid).filter(sessions::user_id.eq(user)).filter(sessions::ended_at.is_null()))
        .set(sessions::ended_at.eq(Utc::now()))
        .execute(conn)
        .map(|n| n > 0)
}

/// Ends `user`'s session `sid` and hands back, when it began at a provider, which one and the ID
/// token to end the provider's session with (forgotten here: it served its purpose).
pub fn end_at_provider(conn: &mut PgConnection, user: UserId, sid: SessionId) -> QueryResult<Option<(String, String)>> {
    let found: Option<(Option<String>, Option<String>)> = diesel::sql_query(
        "WITH before AS (SELECT provider, id_token FROM sessions WHERE id = $1 AND user_id = $2 \
           AND ended_at IS NULL FOR UPDATE) \
         UPDATE sessions s SET ended_at = now(), id_token = NULL FROM before \
          WHERE s.id = $1 RETURNING before.provider, before.id_token",
    )
    .bind::<BigInt, _>(sid.get())
    .bind::<BigInt, _>(user.get())
    .get_result::<EndedAt>(conn)
    .optional()
    .map(|row| row.map(|r| (r.provider, r.id_token)))?;
    Ok(match found {
        Some((Some(provider), Some(id_token))) => Some((provider, id_token)),
        _ => None,
    })
}

#[derive(QueryableByName)]
struct EndedAt {
    #[diesel(sql_type = Nullable<diesel::sql_types::Text>)]
    provider: Option<String>,
    #[diesel(sql_type = Nullable<diesel::sql_types::Text>)]
    id_token: Option<String>,
}

/// Ends every session of `user` (signed out everywhere, a new password, an admin's decision);
/// how many were on.
pub fn end_all(conn: &mut PgConnection, user: UserId) -> QueryResult<usize> {
    diesel::update(sessions::table.filter(sessions::user_id.eq(user)).filter(sessions::ended_at.is_null()))
        .set(sessions::ended_at.eq(Utc::now()))
        .execute(conn)
}

/// `user`'s sessions still on (not ended, not expired), newest first.
pub fn on(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<SessionRow>> {
    sessions::table
        .filter(sessions::user_id.eq(user))
        .filter(sessions::ended_at.is_null())
        .filter(sessions::expires_at.gt(Utc::now()))
        .order(sessions::id.desc())
        .limit(200)
        .select(SessionRow::as_select())
        .load(conn)
}

/// Housekeeping: sessions over for `KEEP_OVER_DAYS` are forgotten.
pub fn forget_old(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions \
          WHERE coalesce(ended_at, expires_at) < now() - make_interval(days => $1) LIMIT 1000)",
    )
    .bind::<diesel::sql_types::Integer, _>(KEEP_OVER_DAYS)
    .execute(conn)
}

#[cfg(test)]
mod tests {
    use super::device;

    #[test]
    fn a_device_is_a_browser_and_a_system_never_the_whole_user_agent() {
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(device(Some(firefox)), "Firefox · Linux");
        assert_eq!(device(None), "Navigateur inconnu");
        assert_eq!(device(Some("curl/8.5.0")), "HTTP Library");
        assert_eq!(device(Some("")), "Navigateur inconnu");
    }
}
