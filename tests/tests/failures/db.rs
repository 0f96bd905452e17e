//! Straight to the cluster's database: what was stored, and who waits on a lock.

use std::collections::BTreeMap;
use std::thread;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};

pub(crate) fn connect(database_url: &str) -> PgConnection {
    PgConnection::establish(database_url).unwrap_or_else(|e| panic!("connect to {database_url}: {e}"))
}

pub(crate) fn sql(database_url: &str, statement: &str) {
    diesel::sql_query(statement).execute(&mut connect(database_url)).unwrap_or_else(|e| panic!("{statement}: {e}"));
}

#[derive(QueryableByName)]
struct IdBody {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    body: String,
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

pub(crate) fn comments_with_ids(conn: &mut PgConnection, ids: &[i64]) -> BTreeMap<i64, String> {
    diesel::sql_query("SELECT id, body FROM comments WHERE id = ANY($1)")
        .bind::<Array<BigInt>, _>(ids)
        .load::<IdBody>(conn)
        .expect("load comments")
        .into_iter()
        .map(|r| (r.id, r.body))
        .collect()
}

pub(crate) fn comments_of_forum(conn: &mut PgConnection, forum: i64) -> BTreeMap<i64, String> {
    diesel::sql_query("SELECT id, body FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = $1)")
        .bind::<BigInt, _>(forum)
        .load::<IdBody>(conn)
        .expect("load comments")
        .into_iter()
        .map(|r| (r.id, r.body))
        .collect()
}

/// Sessions of this database waiting on a heavyweight lock.
pub(crate) fn lock_waiters(conn: &mut PgConnection) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
    .get_result::<Count>(conn)
    .expect("query pg_stat_activity")
    .n
}

/// Polls until `want` sessions wait on a lock, for at most `within`; returns the last count.
pub(crate) fn wait_for_lock_waiters(conn: &mut PgConnection, want: i64, within: Duration) -> i64 {
    let deadline = Instant::now() + within;
    loop {
        let n = lock_waiters(conn);
        if n >= want || Instant::now() > deadline {
            return n;
        }
        thread::sleep(Duration::from_millis(50));
    }
}
