//! The API's budget per client: every `/api` request counts against one, per account (a
//! session's, or a personal token's owner's) or per app token when the request is
//! authenticated, per address bucket otherwise (`RATE_LIMIT_API_*`), and
//! every answer says where the client stands (draft-ietf-httpapi-ratelimit-headers:
//! `RateLimit-Policy` and `RateLimit`).
//!
//! Fixed windows of the policy's length, counted in memory and shared through PostgreSQL without
//! a write per request: each instance adds its local count to the window's row (`api_rate_windows`)
//! in batches — at once when a client has used a twentieth of its budget since the last batch,
//! otherwise every second — and learns the total the other instances have counted from what the
//! upsert returns. An instance therefore lets through at most a twentieth of a budget that others
//! have already spent, so N instances stay within N × 5 % of it. A read costs a mutex and a hash
//! lookup; the database sees one statement per twentieth of a budget per busy client, plus one
//! batch a second. See docs/ARCHITECTURE.md.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Integer, Text};
use sha2::{Digest, Sha256};

use super::ip_limit::Limit;

/// Which budget a request counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    Anonymous,
    Authenticated,
}

impl Policy {
    pub fn name(self) -> &'static str {
        match self {
            Policy::Anonymous => "anonymous",
            Policy::Authenticated => "authenticated",
        }
    }
}

/// Where a client stands after a request: what the headers say.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub policy: Policy,
    pub quota: u32,
    pub window_secs: u64,
    pub remaining: u32,
    /// Seconds until the window ends and the budget is whole again.
    pub reset_secs: u64,
    pub allowed: bool,
    /// When the client's count should be added to the shared total now (`flush_one`).
    pub flush_now: bool,
}

impl Standing {
    /// `RateLimit-Policy`, e.g. `"anonymous";q=300;w=60`.
    pub fn policy_header(&self) -> String {
        format!("\"{}\";q={};w={}", self.policy.name(), self.quota, self.window_secs)
    }

    /// `RateLimit`, e.g. `"anonymous";r=12;t=41`.
    pub fn header(&self) -> String {
        format!("\"{}\";r={};t={}", self.policy.name(), self.remaining, self.reset_secs)
    }
}

#[derive(Debug, Default)]
struct Counter {
    window: i64,
    /// What every instance had counted in the window when this one last heard (its own included).
    shared: u32,
    /// What this instance counted since.
    local: u32,
}

/// The configured budgets and this instance's counters.
#[derive(Debug, Default)]
pub struct ApiLimiter {
    anonymous: Option<Limit>,
    authenticated: Option<Limit>,
    counters: Mutex<HashMap<String, Counter>>,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs()
}

/// The key a client is counted under: a digest, so that the table keeps no address or id.
pub fn client_key(kind: &str, id: &str) -> String {
    let digest = Sha256::digest(format!("{kind}:{id}").as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

impl ApiLimiter {
    pub fn new(anonymous: Option<Limit>, authenticated: Option<Limit>) -> ApiLimiter {
        ApiLimiter { anonymous, authenticated, counters: Mutex::new(HashMap::new()) }
    }

    fn limit(&self, policy: Policy) -> Option<Limit> {
        match policy {
            Policy::Anonymous => self.anonymous,
            Policy::Authenticated => self.authenticated,
        }
    }

    /// Counts one request of the client `key` under `policy` (refused requests are not counted):
    /// `None` when that policy is off.
    pub fn take(&self, policy: Policy, key: &str) -> Option<Standing> {
        let limit = self.limit(policy)?;
        let window_secs = limit.period.as_secs().max(1);
        let now = now_secs();
        let window = (now / window_secs) as i64;
        let reset_secs = window_secs - now % window_secs;
        let quota = limit.burst;
        let batch = (quota / 20).max(1);
        let mut counters = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        let counter = counters.entry(key.to_string()).or_default();
        if counter.window != window {
            *counter = Counter { window, shared: 0, local: 0 };
        }
        let used = counter.shared + counter.local;
        let allowed = used < quota;
        if allowed {
            counter.local += 1;
        }
        Some(Standing {
            policy,
            quota,
            window_secs,
            remaining: quota.saturating_sub(counter.shared + counter.local),
            reset_secs,
            allowed,
            flush_now: allowed && counter.local >= batch,
        })
    }

    /// What this instance counted and has not yet added to the shared totals, taken out of the
    /// counters (`key`'s only, or every client's); windows long past are forgotten.
    fn drain(&self, only: Option<&str>) -> Vec<(String, i64, i32)> {
        let mut counters = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        let current = |c: &Counter| {
            let longest = [self.anonymous, self.authenticated]
                .iter()
                .flatten()
                .map(|l| l.period.as_secs().max(1))
                .max()
                .unwrap_or(60);
            (c.window + 2) as u64 * longest >= now_secs() || c.local > 0
        };
        counters.retain(|_, c| current(c));
        let mut out = Vec::new();
        for (key, c) in counters.iter_mut() {
            if c.local > 0 && only.is_none_or(|k| k == key) {
                out.push((key.clone(), c.window, c.local as i32));
                c.shared += c.local;
                c.local = 0;
            }
        }
        out
    }

    /// Adds what this instance counted to the shared totals and learns theirs, in one statement.
    pub fn flush(&self, conn: &mut PgConnection, only: Option<&str>) -> QueryResult<()> {
        let batch = self.drain(only);
        if batch.is_empty() {
            return Ok(());
        }
        #[derive(QueryableByName)]
        struct Total {
            #[diesel(sql_type = Text)]
            key: String,
            #[diesel(sql_type = BigInt)]
            window_start: i64,
            #[diesel(sql_type = Integer)]
            count: i32,
        }
        let (keys, rest): (Vec<String>, Vec<(i64, i32)>) = batch.into_iter().map(|(k, w, n)| (k, (w, n))).unzip();
        let (windows, counts): (Vec<i64>, Vec<i32>) = rest.into_iter().unzip();
        let totals: Vec<Total> = diesel::sql_query(
            "INSERT INTO api_rate_windows AS w (key, window_start, count) \
             SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[]) \
             ON CONFLICT (key, window_start) DO UPDATE SET count = w.count + EXCLUDED.count \
             RETURNING w.key, w.window_start, w.count",
        )
        .bind::<Array<Text>, _>(&keys)
        .bind::<Array<BigInt>, _>(&windows)
        .bind::<Array<Integer>, _>(&counts)
        .load(conn)?;
        let mut counters = self.counters.lock().unwrap_or_else(|e| e.into_inner());
        for total in totals {
            if let Some(c) = counters.get_mut(&total.key) {
                if c.window == total.window_start {
                    // The shared total includes what was just added; what came in meanwhile
                    // stays local.
                    c.shared = c.shared.max(total.count.max(0) as u32);
                }
            }
        }
        Ok(())
    }

    /// Forgets windows that ended more than an hour ago (every instance does it now and then).
    pub fn forget_old(&self, conn: &mut PgConnection) -> QueryResult<usize> {
        let longest = [self.anonymous, self.authenticated].iter().flatten().map(|l| l.period).max();
        let Some(longest) = longest else { return Ok(0) };
        let secs = longest.as_secs().max(1);
        let horizon = ((now_secs().saturating_sub(3600)) / secs) as i64;
        diesel::sql_query("DELETE FROM api_rate_windows WHERE window_start < $1")
            .bind::<BigInt, _>(horizon)
            .execute(conn)
    }

    /// Whether any budget is on (else nothing is counted or sent).
    pub fn is_on(&self) -> bool {
        self.anonymous.is_some() || self.authenticated.is_some()
    }
}

/// How often the counts of quiet clients are added to the shared totals.
pub const FLUSH_EVERY: Duration = Duration::from_secs(1);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_within_the_window_and_refuses_past_the_quota() {
        let limiter = ApiLimiter::new(Some("3/1m".parse().unwrap()), None);
        let key = client_key("a", "127.0.0.1");
        let first = limiter.take(Policy::Anonymous, &key).unwrap();
        assert!(first.allowed);
        assert_eq!(first.remaining, 2);
        assert_eq!(first.policy_header(), "\"anonymous\";q=3;w=60");
        assert!(limiter.take(Policy::Anonymous, &key).unwrap().allowed);
        assert!(limiter.take(Policy::Anonymous, &key).unwrap().allowed);
        let refused = limiter.take(Policy::Anonymous, &key).unwrap();
        assert!(!refused.allowed);
        assert_eq!(refused.remaining, 0);
        assert!(refused.header().starts_with("\"anonymous\";r=0;t="));
        assert!(limiter.take(Policy::Authenticated, &key).is_none(), "that policy is off");
        assert_eq!(limiter.drain(None), vec![(key, (now_secs() / 60) as i64, 3)]);
    }
}
