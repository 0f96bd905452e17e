//! Connection pool, database creation, embedded migrations, and the one way handlers reach
//! PostgreSQL: `db::run`, which runs blocking Diesel code on actix's blocking thread pool.

use std::sync::Arc;
use std::time::{Duration, Instant};

use actix_web::web;
use diesel::pg::{Pg, PgConnection};
use diesel::prelude::*;
use diesel::query_builder::{AstPass, Query, QueryFragment, QueryId};
use diesel::r2d2::{ConnectionManager, CustomizeConnection, ManageConnection, Pool};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::timeout;

use crate::http::problem::ApiError;

pub mod archive;
pub mod fixups;
pub mod ids;
#[rustfmt::skip] // written by `diesel print-schema` (see diesel.toml)
pub mod schema;

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations");

/// The pool's connections: a `PgConnection` plus when it was last handed back, so that only
/// connections that sat idle are pinged before use (see `Manager::is_valid`).
struct PgConn {
    conn: PgConnection,
    returned_at: Instant,
}

impl std::ops::Deref for PgConn {
    type Target = PgConnection;
    fn deref(&self) -> &PgConnection {
        &self.conn
    }
}

impl std::ops::DerefMut for PgConn {
    fn deref_mut(&mut self) -> &mut PgConnection {
        &mut self.conn
    }
}

/// A connection idle for longer than this is pinged before it is handed out again.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// Diesel's connection manager, minus the `SELECT 1` on every checkout.
///
/// r2d2 can test every connection it hands out, which cost a round trip per request (12–23 %
/// of the database's throughput in the benchmark). A connection in steady use does not need
/// it: if the database went away, the query fails, libpq reports the connection bad, Diesel's
/// transaction manager marks it broken and `has_broken` drops it at check-in. The ping is kept
/// where it pays: for connections that sat idle (a restart while the server was quiet), so the
/// first request after it does not fail on a dead connection.
struct Manager(ConnectionManager<PgConnection>);

impl ManageConnection for Manager {
    type Connection = PgConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<PgConn, Self::Error> {
        Ok(PgConn { conn: self.0.connect()?, returned_at: Instant::now() })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), Self::Error> {
        if conn.returned_at.elapsed() < PING_AFTER_IDLE {
            return Ok(());
        }
        self.0.is_valid(&mut conn.conn)
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        // Called when the connection comes back to the pool: the start of its idle time.
        conn.returned_at = Instant::now();
        self.0.has_broken(&mut conn.conn)
    }
}

/// A connection pool and the queue in front of it.
///
/// Requests wait for a connection in a FIFO queue (a semaphore with one permit per
/// connection), in async code, before taking a blocking thread. r2d2's own wait is a condition
/// variable where a newcomer can overtake a woken waiter, which gave some requests p99 tails
/// of 150–230 ms in the benchmark; and every waiter held a blocking thread.
#[derive(Clone)]
pub struct PgPool {
    pool: Pool<Manager>,
    permits: Arc<Semaphore>,
    wait: Duration,
}

impl PgPool {
    /// Waits for a free connection for at most the pool timeout, in arrival order.
    async fn checkout_permit(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        match timeout(self.wait, self.permits.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_closed)) => Err(ApiError::Unavailable("database pool closed".into())),
            Err(_elapsed) => Err(ApiError::Unavailable("database pool: timed out waiting for a connection".into())),
        }
    }
}

/// Bounds every statement, so a stuck query frees its connection instead of holding it.
#[derive(Debug, Clone, Copy)]
struct StatementTimeout(Duration);

impl CustomizeConnection<PgConn, diesel::r2d2::Error> for StatementTimeout {
    fn on_acquire(&self, conn: &mut PgConn) -> Result<(), diesel::r2d2::Error> {
        diesel::sql_query(format!("SET statement_timeout = {}", self.0.as_millis()))
            .execute(&mut conn.conn)
            .map(|_| ())
            .map_err(diesel::r2d2::Error::QueryError)
    }
}

pub fn build_pool(url: &str, size: u32, timeout: Duration, statement_timeout: Duration) -> Result<PgPool, String> {
    let pool = Pool::builder()
        .connection_customizer(Box::new(StatementTimeout(statement_timeout)))
        .max_size(size)
        .min_idle(Some(1.min(size)))
        .connection_timeout(timeout)
        // `Manager::is_valid` decides whether a checkout pings (only after idle time), so a
        // restarted database is picked up again without restarting the server.
        .test_on_check_out(true)
        .build(Manager(ConnectionManager::<PgConnection>::new(url)))
        .map_err(|e| format!("cannot connect to the database: {e}"))?;
    Ok(PgPool { pool, permits: Arc::new(Semaphore::new(size as usize)), wait: timeout })
}

/// A read that the first `run` of a request does before its own statements, on the same
/// connection and in the same trip to the blocking pool (see `with_first_read`).
pub type FirstRead = Box<dyn FnOnce(&mut PgConnection) + Send>;

tokio::task_local! {
    static FIRST_READ: std::cell::RefCell<Option<FirstRead>>;
}

/// Runs `fut` so that the first `run` inside it (on whichever pool) does `read` first, on its
/// connection, before `f`; answers `fut`'s output and whether a `run` took the read (if none
/// did, `fut` never reached the database).
///
/// Why: every hand-off to the blocking pool costs two thread switches, and a public GET made
/// two (the caching middleware's read of the record's version, then the handler's); a
/// quarter of the server's time on cheap reads went to switching threads. A read taken by a
/// `run` that then fails to get a connection is lost: that `run` fails too.
pub async fn with_first_read<F: std::future::Future>(read: FirstRead, fut: F) -> (F::Output, bool) {
    let slot = std::cell::RefCell::new(Some(read));
    FIRST_READ
        .scope(slot, async {
            let out = fut.await;
            let taken = FIRST_READ.with(|slot| slot.borrow().is_none());
            (out, taken)
        })
        .await
}

/// Runs `f` with a pooled connection off the async executor.
pub async fn run<T, F>(pool: &PgPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    let asked = Instant::now();
    let first = FIRST_READ.try_with(|slot| slot.borrow_mut().take()).ok().flatten();
    let permit = pool.checkout_permit().await?;
    let inner = pool.pool.clone();
    // One time limit for the whole wait (queue, then connecting if the pool must), so a
    // request never waits twice the pool timeout.
    let left = pool.wait.saturating_sub(asked.elapsed()).max(Duration::from_millis(10));
    web::block(move || {
        let _permit = permit;
        let mut conn = inner.get_timeout(left)?;
        if let Some(first) = first {
            first(&mut conn);
        }
        f(&mut conn)
    })
    .await
    .map_err(ApiError::internal)?
}

diesel::define_sql_function! {
    /// Today in Paris, as PostgreSQL's clock says (`paris_today()`, a function of the
    /// migrations): the date deadlines, due dates and "overdue" are compared with.
    fn paris_today() -> diesel::sql_types::Date;
}

/// Today in Paris, read once (for a check before a write).
pub fn today_in_paris(conn: &mut PgConnection) -> QueryResult<chrono::NaiveDate> {
    diesel::select(paris_today()).get_result(conn)
}

/// An UPDATE built from a changeset with nothing in it (a PATCH that sent no field) changes
/// nothing: Diesel refuses to build a `SET` without columns, and that is not an error here.
/// Every PATCH goes through this:
/// `changed(diesel::update(row).set(&changes).returning(Row::as_returning()).get_result(conn))`
/// — the row as stored after the change (no second read), or `None` when the request changed
/// nothing (Diesel refuses an empty changeset; a PATCH with no field is a no-op, not an error).
pub fn changed<R>(result: QueryResult<R>) -> QueryResult<Option<R>> {
    match result {
        Err(diesel::result::Error::QueryBuilderError(e)) if e.is::<diesel::result::EmptyChangeset>() => Ok(None),
        other => other.map(Some),
    }
}

/// Like `run`, inside one transaction: every write of a request commits or none does.
pub async fn transaction<T, F>(pool: &PgPool, f: F) -> Result<T, ApiError>
where
    F: FnOnce(&mut PgConnection) -> Result<T, ApiError> + Send + 'static,
    T: Send + 'static,
{
    run(pool, move |conn| conn.transaction(f)).await
}

/// A raw SQL query (`diesel::sql_query`) that Diesel may prepare once per connection and
/// reuse, as it does for DSL queries, instead of having PostgreSQL parse and plan it on every
/// request.
///
/// Diesel never caches `sql_query` statements because their text could be built from
/// anything, and an unbounded set of texts would grow the per-connection cache without end.
/// Use this only where (1) the text comes from a small fixed set of shapes (placeholders for
/// every value) and (2) the best plan does not depend on the bound values: after five
/// executions PostgreSQL may switch a prepared statement to a generic plan. The search query,
/// whose plan depends on how common the searched word is, must stay unprepared.
///
/// Overrides `QueryFragment::is_safe_to_cache_prepared`, which Diesel documents as part of its
/// backend-implementer API (semver-exempt): the pinned Diesel version is what this was checked
/// against, and the comments tests exercise every statement that goes through it.
pub struct Prepared<Q>(pub Q);

impl<Q: QueryFragment<Pg>> QueryFragment<Pg> for Prepared<Q> {
    fn walk_ast<'b>(&'b self, pass: AstPass<'_, 'b, Pg>) -> QueryResult<()> {
        self.0.walk_ast(pass)
    }

    fn is_safe_to_cache_prepared(&self, _backend: &Pg) -> QueryResult<bool> {
        Ok(true)
    }
}

impl<Q> QueryId for Prepared<Q> {
    type QueryId = ();
    // No static id: the statement cache keys it by its SQL text.
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl<Q: Query> Query for Prepared<Q> {
    type SqlType = Q::SqlType;
}

impl<Q, C> RunQueryDsl<C> for Prepared<Q> {}

/// Splits `postgres://…/name?params` into the database name and the same URL pointing at
/// the `postgres` maintenance database.
fn maintenance_url(url: &str) -> Option<(String, String)> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://")? + 3;
    let slash = base[scheme_end..].find('/')? + scheme_end;
    let name = &base[slash + 1..];
    if name.is_empty() {
        return None;
    }
    let mut admin = format!("{}/postgres", &base[..slash]);
    if let Some(q) = query {
        admin.push('?');
        admin.push_str(q);
    }
    Some((name.to_string(), admin))
}

/// Creates the database named in `url` if it does not exist yet.
pub fn create_database_if_missing(url: &str) -> Result<(), String> {
    if PgConnection::establish(url).is_ok() {
        return Ok(());
    }
    let (name, admin_url) =
        maintenance_url(url).ok_or_else(|| format!("DATABASE_URL has no database name: {}", redact(url)))?;
    let mut admin = PgConnection::establish(&admin_url)
        .map_err(|e| format!("cannot reach PostgreSQL at {}: {e}", redact(&admin_url)))?;
    #[derive(QueryableByName)]
    struct Exists {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        exists: bool,
    }
    let exists = diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<diesel::sql_types::Text, _>(&name)
        .get_result::<Exists>(&mut admin)
        .map_err(|e| e.to_string())?
        .exists;
    if !exists {
        let quoted = name.replace('"', "\"\"");
        diesel::sql_query(format!("CREATE DATABASE \"{quoted}\""))
            .execute(&mut admin)
            .map_err(|e| format!("cannot create database {name}: {e}"))?;
        log::info!("created database {name}");
    }
    Ok(())
}

/// Applies pending migrations under an advisory lock, so several instances starting at once
/// don't race each other.
pub fn migrate(conn: &mut PgConnection) -> Result<usize, String> {
    const LOCK_KEY: i64 = 0x6f70_656e_6465_7461; // "opendeta"
    diesel::sql_query(format!("SELECT pg_advisory_lock({LOCK_KEY})")).execute(conn).map_err(|e| e.to_string())?;
    let result = conn
        .run_pending_migrations(MIGRATIONS)
        .map(|applied| applied.len())
        .map_err(|e| format!("migration failed: {e}"));
    let _ = diesel::sql_query(format!("SELECT pg_advisory_unlock({LOCK_KEY})")).execute(conn);
    result
}

pub fn has_pending_migrations(conn: &mut PgConnection) -> Result<bool, String> {
    conn.has_pending_migration(MIGRATIONS).map_err(|e| e.to_string())
}

/// The URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maintenance_url_keeps_params() {
        assert_eq!(
            maintenance_url("postgres://u:p@h:5/db?sslmode=disable"),
            Some(("db".into(), "postgres://u:p@h:5/postgres?sslmode=disable".into()))
        );
        assert_eq!(maintenance_url("postgres://h:5"), None);
    }

    #[test]
    fn redacts_passwords() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
