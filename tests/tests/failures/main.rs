//! Failure tests (issue 4, "Failures, tested"): the real `opendetat` binary against a real
//! PostgreSQL that each test owns, so it may stop and start it.
//!
//! Every test makes its own private cluster with `initdb`/`pg_ctl` (run as the `postgres` OS
//! user when we are root, data under `/var/tmp/opendetat-failtest-<pid>-<n>`, a free port on
//! 127.0.0.1, trust auth, `fsync=off`) and removes it when done, panic or not (`Cluster`'s
//! `Drop`). Binaries are found under `PG_BINDIR`, `/usr/lib/postgresql/*/bin`,
//! `/usr/pgsql-*/bin` or `PATH`. The database is made by `opendetat migrate`; accounts are
//! registered through the API. Logs: `target/test-logs/failures-*.log` (server), and the
//! PostgreSQL log is copied there when a test fails.
//!
//! One module per failure, on helpers of their own (`cluster`, `server`, `db`, `load`):
//!
//! - `outage::database_outage_under_write_load`: PostgreSQL stops (`pg_ctl stop -m fast`) under
//!   comment posts, some of them held inside PostgreSQL by a table lock so they are surely cut
//!   off; every answer is a 201 or a 503 problem+json with `Retry-After`, none takes over 5 s,
//!   the server recovers by itself once PostgreSQL is back, and every comment acknowledged with
//!   201 is in the database.
//! - `outage::database_restart_while_idle_is_invisible`: PostgreSQL restarts while the server is
//!   idle; the first reads and the first write afterwards succeed (idle connections are pinged).
//! - `shutdown::sigterm_during_load_loses_nothing`: SIGTERM while posts are in flight (held
//!   inside PostgreSQL by a table lock): the listener closes (new connections refused) while
//!   those requests still complete with 201, the process exits 0, and the database holds
//!   exactly the acknowledged comments.
//! - `pool::exhausted_pool_answers_503_fast`: with a pool of 2 held by two requests blocked on a
//!   lock, a third request gets 503 problem+json with `Retry-After` within seconds; once the
//!   lock is released everything answers 200.

use std::time::Duration;

mod cluster;
mod db;
mod load;
mod outage;
mod pool;
mod server;
mod shutdown;

const PASSWORD: &str = "a-long-enough-password";
/// What "answers quickly" means here: the pool gives up after 500 ms, so 5 s is generous.
const FAST: Duration = Duration::from_secs(5);
