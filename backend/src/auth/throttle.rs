//! Throttling of failed sign-ins, per account, stored in PostgreSQL so every server instance
//! sees the same counts. After `FREE_FAILURES` failures within `WINDOW`, the account is
//! blocked for 30 s, doubling with each further failure up to `MAX_BLOCK`; a successful
//! sign-in clears the record. Blocks are short: the real owner is never locked out for long.
//!
//! The decision is taken before the password is hashed, in one statement (`admit`): each
//! attempt is counted as a failure in advance, under the row's lock, unless the account is
//! blocked, in which case it is refused and never hashed. A read-then-write would let
//! simultaneous attempts all pass the read: 24 parallel wrong passwords were all hashed while
//! 20 of them answered 429.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Int4, Nullable, Text, Timestamptz};

use crate::db::schema::login_throttle as lt;
use crate::http::problem::{ApiError, ApiResult};

pub const FREE_FAILURES: i32 = 5;
const WINDOW_SECS: i32 = 15 * 60;
const FIRST_BLOCK_SECS: i32 = 30;
const MAX_BLOCK_SECS: i32 = 15 * 60;

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// An attempt let through: the block that applies if its password turns out wrong.
#[derive(Debug, Clone, Copy)]
pub struct Admitted {
    pub blocked_until_if_wrong: Option<DateTime<Utc>>,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Nullable<Timestamptz>)]
    blocked_until: Option<DateTime<Utc>>,
}

/// Lets one sign-in attempt through, counted in advance as a failure, or refuses it (429)
/// while the account is blocked.
pub fn admit(conn: &mut PgConnection, email: &str) -> ApiResult<Admitted> {
    let key = key(email);
    // `failures` as it will be once this attempt counts, written out in both places it is used
    // (SET expressions read the row as it was).
    // One fixed text whose plan does not depend on the values: prepared once per connection.
    let counted = crate::db::Prepared(
        diesel::sql_query(
            "INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until) \
         VALUES ($1, 1, now(), CASE WHEN 1 >= $2 THEN now() + make_interval(secs => $3) END) \
         ON CONFLICT (key) DO UPDATE SET \
           failures = CASE WHEN now() - t.window_started_at < make_interval(secs => $4) \
                           THEN t.failures + 1 ELSE 1 END, \
           window_started_at = CASE WHEN now() - t.window_started_at < make_interval(secs => $4) \
                                    THEN t.window_started_at ELSE now() END, \
           blocked_until = (SELECT CASE WHEN n >= $2 THEN now() + make_interval(secs => \
                              least($3 * power(2, least(n - $2, 10)), $5)) END \
                            FROM (SELECT CASE WHEN now() - t.window_started_at \
                                                   < make_interval(secs => $4) \
                                              THEN t.failures + 1 ELSE 1 END AS n) AS next) \
         WHERE t.blocked_until IS NULL OR t.blocked_until <= now() \
         RETURNING t.blocked_until",
        )
        .bind::<Text, _>(&key)
        .bind::<Int4, _>(FREE_FAILURES)
        .bind::<Int4, _>(FIRST_BLOCK_SECS)
        .bind::<Int4, _>(WINDOW_SECS)
        .bind::<Int4, _>(MAX_BLOCK_SECS),
    )
    .get_result::<Counted>(conn)
    .optional()?;
    match counted {
        Some(c) => Ok(Admitted { blocked_until_if_wrong: c.blocked_until }),
        None => {
            let until: Option<DateTime<Utc>> = lt::table
                .find(&key)
                .select(lt::blocked_until)
                .first::<Option<DateTime<Utc>>>(conn)
                .optional()?
                .flatten();
            Err(too_many(until.unwrap_or_else(Utc::now)))
        }
    }
}

/// The 429 for an account blocked until `until`.
pub fn too_many(until: DateTime<Utc>) -> ApiError {
    // A lock-out that doubles, not a quota per window: no `RateLimit` policy to state.
    ApiError::TooManyRequests { retry_after_secs: (until - Utc::now()).num_seconds().max(1) as u64, policy: None }
}

/// After a successful sign-in: the account starts afresh.
pub fn clear(conn: &mut PgConnection, email: &str) -> QueryResult<()> {
    diesel::delete(lt::table.find(key(email))).execute(conn).map(|_| ())
}
