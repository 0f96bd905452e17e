//! Throttling of failed sign-ins, stored in PostgreSQL so every server instance sees the same
//! counts, on two levels:
//!
//! - **the pair (account, client address)**: after `PAIR.free` failures within its window, that
//!   address is blocked for that account for 30 s, doubling with each further failure up to
//!   15 min. A stranger guessing from one address blocks only themselves: the owner signing in
//!   from another address gets in (before, five wrong passwords from anywhere locked the owner
//!   out, and ten requests a quarter of an hour kept an admin out);
//! - **the account**, against guessing spread over many addresses: a much higher ceiling
//!   (`ACCOUNT.free` failures in an hour) that blocks every address, and whose first reaching
//!   mails the owner (`Admitted::ceiling_reached_if_wrong`).
//!
//! A successful sign-in clears both. The decision is taken before the password is hashed, in
//! one statement per level (`admit_key`): each attempt is counted as a failure in advance, under
//! the row's lock, unless blocked, in which case it is refused and never hashed. A
//! read-then-write would let simultaneous attempts all pass the read: 24 parallel wrong
//! passwords were all hashed while 20 of them answered 429.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Int4, Nullable, Text, Timestamptz};

use crate::db::schema::login_throttle as lt;
use crate::http::problem::{ApiError, ApiResult};

/// How many failures a level lets through in its window, and how long it then blocks.
#[derive(Debug, Clone, Copy)]
pub struct Level {
    pub free: i32,
    window_secs: i32,
    first_block_secs: i32,
    max_block_secs: i32,
}

/// One account from one client address.
pub const PAIR: Level = Level { free: 5, window_secs: 15 * 60, first_block_secs: 30, max_block_secs: 15 * 60 };
/// One account from anywhere: twenty addresses' worth of the pair's budget in an hour.
pub const ACCOUNT: Level = Level { free: 100, window_secs: 60 * 60, first_block_secs: 60, max_block_secs: 15 * 60 };

/// The account's row: a digest of the address (`ip_limit::address_bucket`), never the address,
/// so that the table names nobody (and an erased account's rows are found by the same digest).
pub fn account_key(email: &str) -> String {
    format!("account:{}", crate::auth::ip_limit::address_bucket(email))
}

/// The pair's row: the account's key and the client's bucket (`IpLimits::client_bucket`: the
/// IPv4 address, or the IPv6 /64), like the per-address limits' rows.
fn pair_key(email: &str, client: &str) -> String {
    format!("{}|{client}", account_key(email))
}

/// An attempt let through: the block that applies if its password turns out wrong.
#[derive(Debug, Clone, Copy)]
pub struct Admitted {
    pub blocked_until_if_wrong: Option<DateTime<Utc>>,
    /// This attempt, if wrong, is the one that reaches the account's ceiling (the owner is told).
    pub ceiling_reached_if_wrong: bool,
}

#[derive(QueryableByName)]
struct Counted {
    #[diesel(sql_type = Nullable<Timestamptz>)]
    blocked_until: Option<DateTime<Utc>>,
    #[diesel(sql_type = Int4)]
    failures: i32,
}

/// Lets one sign-in attempt through, counted in advance as a failure of the pair and then of
/// the account, or refuses it (429) while either is blocked. A refused pair counts nothing
/// against the account: one address cannot spend the account's ceiling by being refused.
pub fn admit(conn: &mut PgConnection, email: &str, client: &str) -> ApiResult<Admitted> {
    let pair = admit_key(conn, &pair_key(email, client), PAIR)?;
    let account = admit_key(conn, &account_key(email), ACCOUNT)?;
    Ok(Admitted {
        blocked_until_if_wrong: pair.blocked_until.max(account.blocked_until),
        ceiling_reached_if_wrong: account.failures == ACCOUNT.free,
    })
}

/// Counts an attempt on one level's row, or refuses it while the row is blocked.
fn admit_key(conn: &mut PgConnection, key: &str, level: Level) -> ApiResult<Counted> {
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
         RETURNING t.blocked_until, t.failures",
        )
        .bind::<Text, _>(key)
        .bind::<Int4, _>(level.free)
        .bind::<Int4, _>(level.first_block_secs)
        .bind::<Int4, _>(level.window_secs)
        .bind::<Int4, _>(level.max_block_secs),
    )
    .get_result::<Counted>(conn)
    .optional()?;
    match counted {
        Some(c) => Ok(c),
        None => {
            let until: Option<DateTime<Utc>> = lt::table
                .find(key)
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

/// After a successful sign-in: the account, and the pair it was made from, start afresh.
pub fn clear(conn: &mut PgConnection, email: &str, client: &str) -> QueryResult<()> {
    diesel::delete(lt::table.filter(lt::key.eq_any([account_key(email), pair_key(email, client)])))
        .execute(conn)
        .map(|_| ())
}
