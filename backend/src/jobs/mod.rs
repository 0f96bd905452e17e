//! Background jobs: a queue in PostgreSQL, so that work caused by a write (a mail, later
//! notifications and webhooks) is recorded in the write's own transaction: enqueued with it,
//! or not at all when it rolls back, and kept until done.
//!
//! - `enqueue` inserts a row in the caller's transaction (one INSERT).
//! - Workers (`Worker::run`, inside `opendetat serve` and alone as `opendetat worker`) claim
//!   one ready job at a time with `FOR UPDATE SKIP LOCKED`: two workers never take the same job.
//!   A claim is a lease: the job is marked running, with the worker's name and the time. A
//!   worker that dies leaves its job running; once the lease has expired, any worker puts it
//!   back in the queue (the lost run counts as an attempt).
//! - A job runs outside any transaction (a mail job waits on a mail server; an open
//!   transaction would hold back the readers of the event log). It is marked done only if the
//!   worker still holds the lease. Delivery is therefore at least once: a worker that dies after
//!   sending and before marking the job done sends again once the lease expires. Mails carry
//!   the job's Message-ID, so such a rare second copy is the same message to mail clients.
//! - Failures are retried with exponential backoff and jitter, up to `max_attempts`; then the
//!   job is kept as `failed`, with its last error, for admins to see (`GET /admin/jobs`).
//!   A job can also be scheduled for later (`enqueue_at`: not before an instant).
//!
//! Why not a crate: `fang` (the maintained queue on Diesel) marks a claimed task in progress
//! for good, so a worker killed mid-task leaves it stuck; it adds no jitter, brings its own
//! pool, uuid and typetag, and its task table. This module is the part of it we need.

pub mod worker;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Integer, Jsonb, Text};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::ids::JobId;
use crate::db::schema::jobs;

/// Attempts before a job is given up (kept as `failed`).
pub const DEFAULT_MAX_ATTEMPTS: i32 = 8;

/// Adds a job to run as soon as a worker is free, in the caller's transaction.
/// Whether this is the first run of `job` to reach this point, recorded in the caller's
/// transaction: a job whose effects must happen once (mails that follow an event) calls it in
/// the transaction of its effects and does nothing when it answers `false` — a rerun after its
/// worker died between the commit and marking it done.
pub fn first_run(conn: &mut PgConnection, job: JobId) -> QueryResult<bool> {
    use crate::db::schema::job_effects;
    let marked = diesel::insert_into(job_effects::table)
        .values(job_effects::job_id.eq(job))
        .on_conflict_do_nothing()
        .execute(conn)?;
    Ok(marked == 1)
}

pub fn enqueue(conn: &mut PgConnection, kind: &str, payload: serde_json::Value) -> QueryResult<JobId> {
    enqueue_at(conn, kind, payload, None)
}

/// Adds many jobs of one kind to run as soon as a worker is free, in the caller's transaction.
pub fn enqueue_many(conn: &mut PgConnection, kind: &str, payloads: Vec<serde_json::Value>) -> QueryResult<()> {
    // Three parameters a row, under PostgreSQL's 65,535 a statement.
    for chunk in payloads.chunks(5000) {
        let rows: Vec<_> = chunk
            .iter()
            .map(|p| (jobs::kind.eq(kind), jobs::payload.eq(p), jobs::max_attempts.eq(DEFAULT_MAX_ATTEMPTS)))
            .collect();
        diesel::insert_into(jobs::table).values(rows).execute(conn)?;
    }
    Ok(())
}

/// Adds a job that no worker starts before `run_at` (now when `None`).
pub fn enqueue_at(
    conn: &mut PgConnection,
    kind: &str,
    payload: serde_json::Value,
    run_at: Option<DateTime<Utc>>,
) -> QueryResult<JobId> {
    diesel::insert_into(jobs::table)
        .values((
            jobs::kind.eq(kind),
            jobs::payload.eq(payload),
            jobs::run_at.eq(run_at.unwrap_or_else(Utc::now)),
            jobs::max_attempts.eq(DEFAULT_MAX_ATTEMPTS),
        ))
        .returning(jobs::id)
        .get_result(conn)
}

/// A job as a worker runs it.
#[derive(Debug, Clone, QueryableByName)]
pub struct Claimed {
    #[diesel(sql_type = BigInt)]
    pub id: JobId,
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Jsonb)]
    pub payload: serde_json::Value,
    /// This run included.
    #[diesel(sql_type = Integer)]
    pub attempts: i32,
    #[diesel(sql_type = Integer)]
    pub max_attempts: i32,
}

/// Takes the oldest ready job, if any, for `worker` (committed at once: the claim is a lease).
pub fn claim(conn: &mut PgConnection, worker: &str) -> QueryResult<Option<Claimed>> {
    crate::db::Prepared(
        diesel::sql_query(
            "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_at = now(), \
                    locked_by = $1 \
             WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_at <= now() \
                         ORDER BY run_at, id FOR UPDATE SKIP LOCKED LIMIT 1) \
             RETURNING id, kind, payload, attempts, max_attempts",
        )
        .bind::<Text, _>(worker),
    )
    .get_result(conn)
    .optional()
}

/// Puts back in the queue the jobs whose worker stopped answering (lease older than `lease`);
/// those out of attempts are failed. Returns how many were recovered.
pub fn recover_expired(conn: &mut PgConnection, lease: std::time::Duration) -> QueryResult<usize> {
    diesel::sql_query(
        "UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, \
                run_at = now(), locked_at = NULL, locked_by = NULL, \
                finished_at = CASE WHEN attempts >= max_attempts THEN now() END, \
                last_error = 'the worker running it stopped (lease expired)' \
         WHERE state = 'running' AND locked_at < now() - make_interval(secs => $1)",
    )
    .bind::<diesel::sql_types::Double, _>(lease.as_secs_f64())
    .execute(conn)
}

/// How long a job that succeeded stays listed (`GET /admin/jobs`) before it is deleted; failed
/// ones stay until an admin deals with them.
pub const KEEP_DONE_DAYS: i32 = 14;

/// Jobs `prune_done` deletes at once.
pub const PRUNE_BATCH: usize = 1_000;

/// Deletes up to `PRUNE_BATCH` jobs done more than `KEEP_DONE_DAYS` ago.
pub fn prune_done(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'done' \
                                       AND finished_at < now() - make_interval(days => $1) LIMIT $2)",
    )
    .bind::<Integer, _>(KEEP_DONE_DAYS)
    .bind::<BigInt, _>(PRUNE_BATCH as i64)
    .execute(conn)
}

/// Marks the job done if `worker` still holds it; false when the lease was lost (the caller's
/// transaction must then be rolled back: another worker runs the job). `payload` replaces the
/// one `claimed` only if nothing changed it while the job ran (an erasure scrubs a running
/// mail's recipient: that scrub stays).
pub fn complete(
    conn: &mut PgConnection,
    id: JobId,
    worker: &str,
    claimed: &serde_json::Value,
    payload: Option<serde_json::Value>,
) -> QueryResult<bool> {
    let done =
        diesel::update(jobs::table.find(id).filter(jobs::state.eq("running")).filter(jobs::locked_by.eq(worker)))
            .set((
                jobs::state.eq("done"),
                jobs::finished_at.eq(Some(Utc::now())),
                jobs::locked_at.eq(None::<DateTime<Utc>>),
                jobs::last_error.eq(None::<String>),
            ))
            .execute(conn)?;
    if done == 1 {
        if let Some(payload) = payload {
            diesel::update(jobs::table.find(id).filter(jobs::payload.eq(claimed)))
                .set(jobs::payload.eq(payload))
                .execute(conn)?;
        }
    }
    Ok(done == 1)
}

/// Records a failed run: back in the queue after a backoff, or `failed` for good (out of
/// attempts, or `permanent`).
pub fn fail(
    conn: &mut PgConnection,
    job: &Claimed,
    worker: &str,
    error: &str,
    permanent: bool,
    payload: Option<serde_json::Value>,
) -> QueryResult<()> {
    let give_up = permanent || job.attempts >= job.max_attempts;
    let error: String = error.chars().take(2000).collect();
    let retry_at = Utc::now() + backoff(job.attempts);
    diesel::update(jobs::table.find(job.id).filter(jobs::state.eq("running")).filter(jobs::locked_by.eq(worker)))
        .set((
            jobs::state.eq(if give_up { "failed" } else { "queued" }),
            jobs::run_at.eq(retry_at),
            jobs::locked_at.eq(None::<DateTime<Utc>>),
            jobs::locked_by.eq(None::<String>),
            jobs::last_error.eq(Some(error)),
            jobs::finished_at.eq(give_up.then(Utc::now)),
        ))
        .execute(conn)?;
    if let (true, Some(payload)) = (give_up, payload) {
        diesel::update(jobs::table.find(job.id).filter(jobs::payload.eq(&job.payload)))
            .set(jobs::payload.eq(payload))
            .execute(conn)?;
    }
    Ok(())
}

/// Wait before attempt `attempts + 1`: 2^attempts seconds (at most an hour), times a random
/// factor between 0.5 and 1.5, so that jobs failing together do not retry together.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let base = 2f64.powi(attempts.clamp(0, 12)).min(3600.0);
    let jitter = 0.5 + rand::random::<f64>();
    chrono::Duration::milliseconds((base * jitter * 1000.0) as i64)
}

crate::text_enum! {
    /// States of a job.
    JobState {
        /// Waiting for a worker (or for its `run_at`).
        Queued => "queued",
        /// A worker holds it.
        Running => "running",
        Done => "done",
        /// Given up: out of attempts, or an error retrying cannot mend.
        Failed => "failed",
    }
}

/// A job, as admins see it.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = jobs, check_for_backend(diesel::pg::Pg))]
pub struct JobRow {
    #[diesel(deserialize_as = i64)]
    pub id: i64,
    pub kind: String,
    pub state: JobState,
    pub attempts: i32,
    pub max_attempts: i32,
    /// Not started before this instant.
    pub run_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
}

/// A page of jobs, newest first, after the id `after`.
pub fn list(
    conn: &mut PgConnection,
    state: Option<JobState>,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<JobRow>> {
    let mut q = jobs::table.select(JobRow::as_select()).order(jobs::id.desc()).into_boxed();
    if let Some(state) = state {
        q = q.filter(jobs::state.eq(state));
    }
    if let Some(after) = after {
        q = q.filter(jobs::id.lt(after));
    }
    q.limit(limit).load(conn)
}
