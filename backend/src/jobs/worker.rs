//! The workers that run jobs: plain threads with connections of their own (never the async
//! executor), started by `opendetat serve` (`JOB_WORKERS`, default 1) or alone by
//! `opendetat worker`.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::r2d2::{ConnectionManager, Pool};

use super::Claimed;

/// Why a job did not finish.
#[derive(Debug)]
pub enum JobError {
    /// Try again later (a mail server that does not answer, a database hiccup).
    Retry(String),
    /// Retrying cannot help (an address the mail server refuses, a payload that makes no
    /// sense): kept as `failed` at once.
    Permanent(String),
}

impl From<diesel::result::Error> for JobError {
    fn from(e: diesel::result::Error) -> Self {
        JobError::Retry(format!("database: {e}"))
    }
}

/// What a job's code may use. `conn` is in no transaction: a job that writes opens one.
pub struct JobContext<'a> {
    pub conn: &'a mut PgConnection,
    pub mailer: &'a crate::mail::Mailer,
    pub attempt: i32,
    pub job_id: crate::db::ids::JobId,
}

/// Runs one job. `Ok(Some(payload))` replaces the stored payload when done (to drop what should
/// not stay at rest, e.g. a link that signs someone in).
pub type Handler = fn(&mut JobContext<'_>, &serde_json::Value) -> Result<Option<serde_json::Value>, JobError>;

/// A kind of background job and its code, as a resource declares it (`Resource::jobs`).
pub struct JobKind {
    pub kind: &'static str,
    pub run: Handler,
    /// A job that runs every second or so (a poller): its successful runs are logged at
    /// `debug`, not `info`, so that they do not bury the rest.
    pub routine: bool,
}

/// What a worker does on each beat besides running jobs (keep a daily job scheduled…).
pub type Housekeeping = fn(&mut PgConnection) -> QueryResult<()>;

/// Every kind of job there is, and its code: mail (the kernel's own) and the resources'.
pub fn handlers() -> HashMap<&'static str, Handler> {
    let mut h: HashMap<&'static str, Handler> = HashMap::new();
    h.insert(crate::mail::JOB_KIND, crate::mail::run_job);
    for job in crate::registry::get().jobs() {
        h.insert(job.kind, job.run);
    }
    h
}

/// Whether runs of `kind` are routine (`JobKind::routine`).
fn is_routine(kind: &str) -> bool {
    crate::registry::get().jobs().any(|j| j.kind == kind && j.routine)
}

#[derive(Debug, Clone)]
pub struct WorkerOptions {
    /// How long a claimed job is a worker's before others may take it back.
    pub lease: Duration,
    /// Wait between two looks at an empty queue.
    pub idle_poll: Duration,
    /// A transaction open longer than this is reported (`events::long_transaction`).
    pub change_feed_hold_warning: Duration,
}

pub type WorkerPool = Pool<ConnectionManager<PgConnection>>;

/// A pool for `workers` threads (one connection each), on the primary.
pub fn pool(url: &str, workers: u32) -> WorkerPool {
    Pool::builder()
        .max_size(workers.max(1))
        .min_idle(Some(0))
        .connection_timeout(Duration::from_secs(10))
        .build_unchecked(ConnectionManager::<PgConnection>::new(url))
}

/// Starts `count` worker threads; they stop (after their current job) once `stop` is set.
pub fn spawn(
    count: u32,
    pool: WorkerPool,
    mailer: crate::mail::Mailer,
    options: WorkerOptions,
    stop: Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<()>> {
    let host = hostname();
    (0..count)
        .map(|i| {
            let (pool, mailer, options, stop) = (pool.clone(), mailer.clone(), options.clone(), stop.clone());
            let name = format!("{host}/{}/{i}", std::process::id());
            std::thread::Builder::new()
                .name(format!("job-worker-{i}"))
                .spawn(move || run(&pool, &mailer, &name, &options, &stop))
                .expect("start a job worker thread")
        })
        .collect()
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "worker".into())
}

/// One worker's loop: recover lost jobs now and then, claim one, run it, repeat.
pub fn run(pool: &WorkerPool, mailer: &crate::mail::Mailer, name: &str, options: &WorkerOptions, stop: &AtomicBool) {
    let handlers = handlers();
    let recover_every = (options.lease / 2).max(Duration::from_millis(200));
    let mut last_recovery: Option<Instant> = None;
    log::info!("job worker {name} started");
    while !stop.load(Ordering::SeqCst) {
        let mut conn = match pool.get() {
            Ok(c) => c,
            Err(e) => {
                log::warn!("job worker {name}: no database connection ({e}); retrying");
                sleep(stop, Duration::from_secs(2));
                continue;
            }
        };
        if last_recovery.is_none_or(|at| at.elapsed() >= recover_every) {
            match super::recover_expired(&mut conn, options.lease) {
                Ok(0) => {}
                Ok(n) => log::warn!("job worker {name}: {n} job(s) of a stopped worker back in the queue"),
                Err(e) => log::warn!("job worker {name}: recovering jobs failed: {e}"),
            }
            // Housekeeping on the same beat: what the resources declare (a daily job that stays
            // scheduled…), and finished jobs do not pile up (every comment has its fan-out job).
            for chore in crate::registry::get().housekeeping() {
                if let Err(e) = chore(&mut conn) {
                    log::warn!("job worker {name}: housekeeping failed: {e}");
                }
            }
            // In batches of 1,000 (short statements), up to 50,000 a beat: enough for ~300
            // jobs a second at the default lease, without one long DELETE.
            for _ in 0..50 {
                match super::prune_done(&mut conn) {
                    Ok(n) if n >= super::PRUNE_BATCH => continue,
                    Ok(_) => break,
                    Err(e) => {
                        log::warn!("job worker {name}: pruning finished jobs failed: {e}");
                        break;
                    }
                }
            }
            match crate::events::long_transaction(&mut conn, options.change_feed_hold_warning) {
                Ok(Some(found)) => crate::events::report_long_transaction(&found),
                Ok(None) => {}
                Err(e) => log::warn!("job worker {name}: looking for long transactions failed: {e}"),
            }
            last_recovery = Some(Instant::now());
        }
        match super::claim(&mut conn, name) {
            Ok(Some(job)) => run_one(&mut conn, &handlers, mailer, name, job),
            Ok(None) => sleep(stop, options.idle_poll),
            Err(e) => {
                log::warn!("job worker {name}: claiming failed: {e}");
                sleep(stop, Duration::from_secs(1));
            }
        }
    }
    log::info!("job worker {name} stopped");
}

fn sleep(stop: &AtomicBool, total: Duration) {
    let step = Duration::from_millis(50);
    let started = Instant::now();
    while started.elapsed() < total && !stop.load(Ordering::SeqCst) {
        std::thread::sleep(step.min(total));
    }
}

enum Outcome {
    Job(JobError),
    LostLease,
}

impl From<diesel::result::Error> for Outcome {
    fn from(e: diesel::result::Error) -> Self {
        Outcome::Job(e.into())
    }
}

fn run_one(
    conn: &mut PgConnection,
    handlers: &HashMap<&'static str, Handler>,
    mailer: &crate::mail::Mailer,
    name: &str,
    job: Claimed,
) {
    let Some(handler) = handlers.get(job.kind.as_str()).copied() else {
        let _ = super::fail(conn, &job, name, &format!("no code for jobs of kind {:?}", job.kind), true, None);
        return;
    };
    let started = Instant::now();
    // The job runs outside any transaction: a mail job talks to a mail server for seconds at
    // worst, and an open transaction would hold back every reader of the event log (they wait
    // for older transactions to end). A job that writes opens its own transaction.
    let result: Result<(), Outcome> = (|| {
        let mut ctx = JobContext { conn: &mut *conn, mailer, attempt: job.attempts, job_id: job.id };
        let replace = handler(&mut ctx, &job.payload).map_err(Outcome::Job)?;
        if super::complete(conn, job.id, name, &job.payload, replace)? {
            Ok(())
        } else {
            Err(Outcome::LostLease)
        }
    })();
    match result {
        Ok(()) => log::log!(
            target: "jobs",
            if is_routine(&job.kind) { log::Level::Debug } else { log::Level::Info },
            "job {} ({}) done in {:.0} ms, attempt {}",
            job.id,
            job.kind,
            started.elapsed().as_secs_f64() * 1000.0,
            job.attempts
        ),
        Err(Outcome::LostLease) => {
            log::warn!("job {} ({}): the lease passed to another worker before this run ended", job.id, job.kind)
        }
        Err(Outcome::Job(error)) => {
            let (message, permanent) = match error {
                JobError::Retry(m) => (m, false),
                JobError::Permanent(m) => (m, true),
            };
            log::warn!("job {} ({}) attempt {} failed: {message}", job.id, job.kind, job.attempts);
            let scrub = crate::mail::scrubbed(&job.kind, &job.payload);
            if let Err(e) = super::fail(conn, &job, name, &message, permanent, scrub) {
                log::error!("job {}: could not record its failure: {e}", job.id);
            }
        }
    }
}
