//! Throttling of failed sign-ins, per account, stored in PostgreSQL so every server instance
//! sees the same counts. After `FREE_FAILURES` failures within `WINDOW`, the account is
//! blocked for 30 s, doubling with each further failure up to `MAX_BLOCK`; a successful
//! sign-in clears the record. Blocks are short: the real owner is never locked out for long.

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use crate::error::{ApiError, ApiResult};
use crate::schema::login_throttle as lt;

pub const FREE_FAILURES: i32 = 5;
const WINDOW: Duration = Duration::minutes(15);
const FIRST_BLOCK_SECS: i64 = 30;
const MAX_BLOCK: Duration = Duration::minutes(15);

fn key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// 429 while the account is blocked.
pub fn check(conn: &mut PgConnection, email: &str) -> ApiResult<()> {
    let blocked: Option<Option<DateTime<Utc>>> = lt::table
        .find(key(email))
        .select(lt::blocked_until)
        .first(conn)
        .optional()?;
    match blocked.flatten() {
        Some(until) if until > Utc::now() => Err(ApiError::TooManyRequests {
            retry_after_secs: (until - Utc::now()).num_seconds().max(1) as u64,
        }),
        _ => Ok(()),
    }
}

/// Records a failure; returns the block now in force, if any.
pub fn record_failure(conn: &mut PgConnection, email: &str) -> QueryResult<Option<DateTime<Utc>>> {
    let key = key(email);
    conn.transaction(|conn| {
        let now = Utc::now();
        let current: Option<(i32, DateTime<Utc>)> = lt::table
            .find(&key)
            .select((lt::failures, lt::window_started_at))
            .for_update()
            .first(conn)
            .optional()?;
        let (failures, started) = match current {
            Some((n, started)) if now - started < WINDOW => (n + 1, started),
            _ => (1, now),
        };
        let blocked_until = (failures >= FREE_FAILURES).then(|| {
            let doublings = (failures - FREE_FAILURES).min(10) as u32;
            let block = Duration::seconds(FIRST_BLOCK_SECS * 2i64.pow(doublings)).min(MAX_BLOCK);
            now + block
        });
        diesel::insert_into(lt::table)
            .values((
                lt::key.eq(&key),
                lt::failures.eq(failures),
                lt::window_started_at.eq(started),
                lt::blocked_until.eq(blocked_until),
            ))
            .on_conflict(lt::key)
            .do_update()
            .set((
                lt::failures.eq(failures),
                lt::window_started_at.eq(started),
                lt::blocked_until.eq(blocked_until),
            ))
            .execute(conn)?;
        Ok(blocked_until)
    })
}

pub fn clear(conn: &mut PgConnection, email: &str) -> QueryResult<()> {
    diesel::delete(lt::table.find(key(email)))
        .execute(conn)
        .map(|_| ())
}
