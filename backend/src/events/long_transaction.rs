//! A transaction of this database open for long holds every reader of the log back (they read
//! only what is older than every running transaction): found, and reported once each.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz};

/// The oldest transaction of this database that holds the readers of the log back (it has a
/// transaction id and has run for longer than `bound`), if any.
#[derive(Debug, Clone, PartialEq, QueryableByName)]
pub struct LongTransaction {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    pub pid: i32,
    #[diesel(sql_type = diesel::sql_types::Double)]
    pub seconds: f64,
    #[diesel(sql_type = Timestamptz)]
    pub started: DateTime<Utc>,
    /// What the session called itself (`application_name`), for an operator to find it.
    #[diesel(sql_type = Text)]
    pub application: String,
}

impl std::fmt::Display for LongTransaction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a transaction of this database has been open for {:.0} s (backend pid {}, application {:?}): \
             the change feed shows nothing committed after it began until it ends",
            self.seconds, self.pid, self.application
        )
    }
}

/// See `LongTransaction`. Only transactions with an id hold readers back: a read-only one has
/// none. Transactions of other databases never do (`events_horizon()`).
pub fn long_transaction(conn: &mut PgConnection, bound: std::time::Duration) -> QueryResult<Option<LongTransaction>> {
    diesel::sql_query(
        "SELECT pid, extract(epoch FROM now() - xact_start)::float8 AS seconds, xact_start AS started, \
                coalesce(application_name, '') AS application \
           FROM pg_stat_activity \
          WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid() \
            AND xact_start < now() - make_interval(secs => $1) \
          ORDER BY xact_start LIMIT 1",
    )
    .bind::<diesel::sql_types::Double, _>(bound.as_secs_f64())
    .get_result(conn)
    .optional()
}

/// Logs `found` at `warn`, once per transaction however often it is looked at (by `/readyz`
/// and every job worker's beat).
pub fn report_long_transaction(found: &LongTransaction) {
    static REPORTED: std::sync::Mutex<Option<(i32, DateTime<Utc>)>> = std::sync::Mutex::new(None);
    let mut last = REPORTED.lock().unwrap_or_else(|e| e.into_inner());
    if *last != Some((found.pid, found.started)) {
        *last = Some((found.pid, found.started));
        log::warn!("{found}");
    }
}
