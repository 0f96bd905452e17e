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
//! - `database_outage_under_write_load`: PostgreSQL stops (`pg_ctl stop -m fast`) under comment
//!   posts, some of them held inside PostgreSQL by a table lock so they are surely cut off;
//!   every answer is a 201 or a 503 problem+json with `Retry-After`, none takes over 5 s, the
//!   server recovers by itself once PostgreSQL is back, and every comment acknowledged with 201
//!   is in the database.
//! - `sigterm_during_load_loses_nothing`: SIGTERM while posts are in flight (held inside
//!   PostgreSQL by a table lock): the listener closes (new connections refused) while those
//!   requests still complete with 201, the process exits 0, and the database holds exactly
//!   the acknowledged comments.
//! - `database_restart_while_idle_is_invisible`: PostgreSQL restarts while the server is idle;
//!   the first reads and the first write afterwards succeed (idle connections are pinged).
//! - `exhausted_pool_answers_503_fast`: with a pool of 2 held by two requests blocked on a lock,
//!   a third request gets 503 problem+json with `Retry-After` within seconds; once the lock is
//!   released everything answers 200.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Text};
use opendetat_tests::{json, Value, JWT_SECRET};

const PASSWORD: &str = "a-long-enough-password";
/// What "answers quickly" means here: the pool gives up after 500 ms, so 5 s is generous.
const FAST: Duration = Duration::from_secs(5);

// ------------------------------------------------------------------------------------------
// A private PostgreSQL cluster.
// ------------------------------------------------------------------------------------------

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

fn log_dir() -> PathBuf {
    let target =
        std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| workspace_root().join("target"));
    let dir = target.join("test-logs");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

fn is_root() -> bool {
    // /proc/self belongs to the effective user of this process.
    std::fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false)
}

fn major_version(bindir: &Path) -> u32 {
    // `/usr/lib/postgresql/16/bin` or `/usr/pgsql-16/bin`; unknown layouts sort last.
    bindir
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .map(|n| n.trim_start_matches("pgsql-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// A directory holding `initdb` and `pg_ctl`, newest major version first.
fn find_bindir() -> PathBuf {
    let has_tools = |d: &Path| d.join("initdb").is_file() && d.join("pg_ctl").is_file();
    if let Ok(dir) = std::env::var("PG_BINDIR") {
        let dir = PathBuf::from(dir);
        assert!(has_tools(&dir), "PG_BINDIR={} has no initdb/pg_ctl", dir.display());
        return dir;
    }
    let mut found: Vec<PathBuf> = Vec::new();
    for (parent, prefix) in [("/usr/lib/postgresql", ""), ("/usr", "pgsql-")] {
        if let Ok(entries) = std::fs::read_dir(parent) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().to_string();
                if name.starts_with(prefix) && (prefix.is_empty() || name.len() > prefix.len()) {
                    let bin = e.path().join("bin");
                    if has_tools(&bin) {
                        found.push(bin);
                    }
                }
            }
        }
    }
    found.sort_by_key(|d| std::cmp::Reverse(major_version(d)));
    if let Some(d) = found.into_iter().next() {
        return d;
    }
    if let Some(path) = std::env::var_os("PATH") {
        for d in std::env::split_paths(&path) {
            if has_tools(&d) {
                return d;
            }
        }
    }
    panic!(
        "the failure tests need PostgreSQL server binaries (initdb, pg_ctl) to run a private \
         cluster they may stop: install them (apt-get install postgresql) or set PG_BINDIR"
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("bind 127.0.0.1:0").port()
}

fn pid_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

struct Cluster {
    bindir: PathBuf,
    /// Owned by the cluster's OS user; holds `data/`, the socket and `server.log`.
    dir: PathBuf,
    port: u16,
    as_root: bool,
}

const DIR_PREFIX: &str = "opendetat-failtest-";

impl Cluster {
    /// initdb + start; panics (after cleaning up) if that fails.
    fn start_new() -> Cluster {
        static N: AtomicU64 = AtomicU64::new(0);
        remove_stale_clusters();
        let bindir = find_bindir();
        let as_root = is_root();
        let dir =
            PathBuf::from(format!("/var/tmp/{DIR_PREFIX}{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the cluster directory");
        let cluster = Cluster { bindir, dir, port: 0, as_root };
        // From here on, Drop cleans up whatever happens.
        let mut cluster = cluster;
        if as_root {
            let out = Command::new("chown").arg("postgres:").arg(&cluster.dir).output().expect("run chown");
            assert!(
                out.status.success(),
                "chown postgres: {} failed (is there a `postgres` OS user?): {}",
                cluster.dir.display(),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let data = cluster.data_dir();
        let mut last = String::new();
        let mut ok = false;
        for locale in ["--locale=C.UTF-8", "--no-locale"] {
            let out = cluster.pg_tool("initdb", |c| {
                c.arg("-D").arg(&data).args(["-U", "postgres", "--auth=trust", "-E", "UTF8", "-N", locale]);
            });
            if out.status.success() {
                ok = true;
                break;
            }
            last = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
            let _ = cluster.pg_tool("rm", |c| {
                c.arg("-rf").arg(&data);
            });
        }
        assert!(ok, "initdb failed:\n{last}");
        // A free port; retried, since another process may take it between our probe and start.
        let mut started = false;
        for _ in 0..5 {
            cluster.port = free_port();
            if cluster.try_start().is_ok() {
                started = true;
                break;
            }
        }
        if !started {
            let err = cluster.try_start().err().unwrap_or_default();
            panic!("could not start the private PostgreSQL cluster: {err}");
        }
        cluster
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.join("data")
    }

    fn server_log(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// Runs a PostgreSQL tool (or any program) as the cluster's OS user, from `/` (our working
    /// directory may be out of that user's reach).
    fn pg_tool(&self, program: &str, args: impl FnOnce(&mut Command)) -> Output {
        let exe = if program.contains('/') || !self.bindir.join(program).is_file() {
            PathBuf::from(program)
        } else {
            self.bindir.join(program)
        };
        let mut cmd = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        cmd.current_dir("/").stdin(Stdio::null());
        args(&mut cmd);
        cmd.output().unwrap_or_else(|e| panic!("cannot run {program}: {e}"))
    }

    fn try_start(&self) -> Result<(), String> {
        let opts = format!(
            "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories={} -c fsync=off \
             -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60",
            self.port,
            self.dir.display()
        );
        let data = self.data_dir();
        let log = self.server_log();
        let out = self.pg_tool("pg_ctl", |c| {
            c.arg("-D").arg(&data).arg("-l").arg(&log).args(["-w", "-t", "30", "-o", &opts, "start"]);
        });
        if out.status.success() {
            Ok(())
        } else {
            let tail = std::fs::read_to_string(self.server_log()).unwrap_or_default();
            let tail: Vec<&str> = tail.lines().rev().take(15).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            Err(format!(
                "pg_ctl start: {}{}\nlast lines of the server log:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr),
                tail.join("\n")
            ))
        }
    }

    /// Starts the stopped cluster again on the same port (retried for up to 20 s).
    fn start(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            match self.try_start() {
                Ok(()) => return,
                Err(e) if Instant::now() > deadline => panic!("{e}"),
                Err(_) => thread::sleep(Duration::from_millis(500)),
            }
        }
    }

    /// `pg_ctl stop -m fast`: active sessions are terminated, a shutdown checkpoint is written.
    fn stop(&self) {
        let data = self.data_dir();
        let out = self.pg_tool("pg_ctl", |c| {
            c.arg("-D").arg(&data).args(["-m", "fast", "-w", "-t", "30", "stop"]);
        });
        assert!(out.status.success(), "pg_ctl stop failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn server_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    fn url(&self, database: &str) -> String {
        format!("{}/{database}", self.server_url())
    }
}

/// Stops and removes the clusters of test processes that died without cleaning up (killed by
/// a timeout, say). Only directories whose process is gone are touched.
fn remove_stale_clusters() {
    let Ok(entries) = std::fs::read_dir("/var/tmp") else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Some(rest) = name.strip_prefix(DIR_PREFIX) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        if pid == std::process::id() || pid_alive(pid) {
            continue;
        }
        let data = e.path().join("data");
        if let Some(port) = live_postmaster_port(&data) {
            kill_orphan_servers(port);
        }
        kill_postmaster(&data);
        let _ = std::fs::remove_dir_all(e.path());
    }
}

/// The port of a data directory's postmaster, if it still runs (line 4 of postmaster.pid).
fn live_postmaster_port(data: &Path) -> Option<u16> {
    let pidfile = std::fs::read_to_string(data.join("postmaster.pid")).ok()?;
    let mut lines = pidfile.lines();
    let pid: u32 = lines.next()?.trim().parse().ok()?;
    let port = lines.nth(2)?.trim().parse().ok()?;
    pid_alive(pid).then_some(port)
}

/// SIGKILLs `opendetat` servers left behind by a killed test process: our binary, pointed at
/// the port of a stale cluster that still runs (so no live test can be using that port).
fn kill_orphan_servers(port: u16) {
    let Ok(binary) = std::fs::canonicalize(opendetat_tests::binary()) else {
        return;
    };
    let needle = format!("DATABASE_URL=postgres://postgres@127.0.0.1:{port}/");
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else {
            continue;
        };
        if std::fs::read_link(p.path().join("exe")).ok().as_deref() != Some(binary.as_path()) {
            continue;
        }
        let environ = std::fs::read(p.path().join("environ")).unwrap_or_default();
        if environ.split(|b| *b == 0).any(|var| var.starts_with(needle.as_bytes())) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).output();
        }
    }
}

/// SIGKILLs the postmaster of a data directory if its pid file names a live process.
fn kill_postmaster(data: &Path) {
    let pid = std::fs::read_to_string(data.join("postmaster.pid"))
        .ok()
        .and_then(|s| s.lines().next().and_then(|l| l.trim().parse::<u32>().ok()));
    if let Some(pid) = pid {
        if pid_alive(pid) {
            let _ = Command::new("kill").args(["-KILL", &pid.to_string()]).output();
            for _ in 0..50 {
                if !pid_alive(pid) {
                    break;
                }
                thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if thread::panicking() {
            let copy = log_dir().join(format!("failures-pg-{}.log", self.dir.file_name().unwrap().to_string_lossy()));
            if std::fs::copy(self.server_log(), &copy).is_ok() {
                eprintln!("PostgreSQL log kept in {}", copy.display());
            }
        }
        let data = self.data_dir();
        if data.join("postmaster.pid").exists() {
            let _ = self.pg_tool("pg_ctl", |c| {
                c.arg("-D").arg(&data).args(["-m", "immediate", "-w", "-t", "20", "stop"]);
            });
            kill_postmaster(&data);
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

// ------------------------------------------------------------------------------------------
// The server.
// ------------------------------------------------------------------------------------------

fn run_cli(args: &[&str], database_url: &str) {
    let out = Command::new(opendetat_tests::binary())
        .args(args)
        .env("DATABASE_URL", database_url)
        .env_remove("DATABASE_READ_URL")
        .env("OPENDETAT_ENV", "dev")
        .env("JWT_SECRET", JWT_SECRET)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("run opendetat");
    assert!(out.status.success(), "opendetat {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

struct Server {
    child: Child,
    addr: SocketAddr,
    base: String,
}

impl Server {
    fn spawn(name: &str, database_url: &str, pool_size: u32) -> Server {
        let log_path = log_dir().join(format!("failures-{name}-{}.log", std::process::id()));
        let log = std::fs::File::create(&log_path).expect("server log file");
        let mut child = Command::new(opendetat_tests::binary())
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env_remove("DATABASE_READ_URL")
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("OPENDETAT_ENV", "production")
            .env("JWT_SECRET", JWT_SECRET)
            .env("DATABASE_POOL_SIZE", pool_size.to_string())
            .env("DATABASE_POOL_TIMEOUT_MS", "500")
            .env("STATIC_DIR", "")
            .env("SMTP_URL", opendetat_tests::SmtpSink::shared().url())
            .env("PUBLIC_URL", opendetat_tests::PUBLIC_URL)
            // These tests break the database, not sign-up: their accounts post at once
            // (address confirmation has its tests in api/mail.rs).
            .env("REQUIRE_VERIFIED_EMAIL", "false")
            // A few accounts post thousands of comments under load: the posting limit per
            // account has its own test (api/moderation.rs).
            .env("RATE_LIMIT_POSTING", "100000000/1m")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start opendetat");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("listening on ") {
                    let _ = tx.send(url.to_string());
                }
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("the server did not start; see {}", log_path.display());
            }
        };
        let addr: SocketAddr =
            base.trim_start_matches("http://").parse().unwrap_or_else(|e| panic!("bad address {base}: {e}"));
        Server { child, addr, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits (bounded) for the process to exit.
    fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// ------------------------------------------------------------------------------------------
// HTTP.
// ------------------------------------------------------------------------------------------

fn agent(timeout: Duration, keep_alive: bool) -> ureq::Agent {
    let mut b = ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(2)).timeout(timeout).redirects(0);
    if !keep_alive {
        b = b.max_idle_connections(0).max_idle_connections_per_host(0);
    }
    b.build()
}

#[derive(Debug, Clone)]
enum Reply {
    Http {
        status: u16,
        content_type: Option<String>,
        retry_after: Option<String>,
        body: String,
    },
    /// No HTTP answer: `refused` when the connection itself was refused.
    Failed {
        refused: bool,
        error: String,
    },
}

impl Reply {
    fn status(&self) -> Option<u16> {
        match self {
            Reply::Http { status, .. } => Some(*status),
            Reply::Failed { .. } => None,
        }
    }

    fn json(&self) -> Value {
        match self {
            Reply::Http { body, .. } => serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}")),
            Reply::Failed { error, .. } => panic!("no HTTP answer: {error}"),
        }
    }

    /// `Some(reason)` unless this is a 503 problem+json `service_unavailable` with a positive
    /// integer `Retry-After`.
    fn not_a_proper_503(&self) -> Option<String> {
        let Reply::Http { status, content_type, retry_after, body } = self else {
            return Some(format!("{self:?}"));
        };
        if *status != 503 {
            return Some(format!("status {status}: {body}"));
        }
        if content_type.as_deref() != Some("application/problem+json") {
            return Some(format!("503 with content type {content_type:?}: {body}"));
        }
        let retry_secs = retry_after.as_deref().and_then(|v| v.trim().parse::<u64>().ok());
        if retry_secs.unwrap_or(0) == 0 {
            return Some(format!("503 without a valid Retry-After ({retry_after:?})"));
        }
        match serde_json::from_str::<Value>(body) {
            Ok(p) if p["code"] == "service_unavailable" && p["status"] == 503 => None,
            _ => Some(format!("503 body is not the service_unavailable problem: {body}")),
        }
    }
}

fn refused(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::ConnectionRefused {
                return true;
            }
        }
        cur = e.source();
    }
    err.to_string().contains("Connection refused")
}

fn call(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
    let mut req = agent.request(method, url);
    if let Some(t) = token {
        req = req.set("Authorization", &format!("Bearer {t}"));
    }
    let result = match body {
        Some(b) => req.set("Content-Type", "application/json").send_string(&b.to_string()),
        None => req.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(ureq::Error::Transport(t)) => return Reply::Failed { refused: refused(&t), error: t.to_string() },
    };
    let status = response.status();
    let content_type = response.header("content-type").map(str::to_string);
    let retry_after = response.header("retry-after").map(str::to_string);
    match response.into_string() {
        Ok(body) => Reply::Http { status, content_type, retry_after, body },
        Err(e) => Reply::Failed { refused: false, error: format!("status {status}, then the body failed: {e}") },
    }
}

/// Signs an account up and in; returns (id, token).
fn register(agent: &ureq::Agent, server: &Server, label: &str) -> (i64, String) {
    static N: AtomicU64 = AtomicU64::new(0);
    let email = format!("{label}{}-{}@example.org", N.fetch_add(1, Ordering::Relaxed), std::process::id());
    let reply = call(
        agent,
        "POST",
        &server.url("/auth/register"),
        None,
        Some(&json!({"email": email, "password": PASSWORD, "display_name": format!("Test {label}")})),
    );
    assert_eq!(reply.status(), Some(202), "register: {reply:?}");
    let reply =
        call(agent, "POST", &server.url("/auth/login"), None, Some(&json!({"email": email, "password": PASSWORD})));
    assert_eq!(reply.status(), Some(200), "login: {reply:?}");
    let body = reply.json();
    (body["user"]["id"].as_i64().expect("user id"), body["access_token"].as_str().expect("token").to_string())
}

/// An official (promoted in SQL) creates a forum; returns its id.
fn create_forum(agent: &ureq::Agent, server: &Server, database_url: &str) -> i64 {
    let (official, token) = register(agent, server, "official");
    sql(database_url, &format!("UPDATE users SET role = 'official' WHERE id = {official}"));
    let reply = call(
        agent,
        "POST",
        &server.url("/forums"),
        Some(&token),
        Some(&json!({
            "title": format!("Forum de test des pannes {}", std::process::id()),
            "theme": "Résilience",
            "description": "Un forum pour les tests de pannes.",
            "starts_at": "2031-03-10T17:00:00Z",
            "ends_at": "2031-03-10T19:00:00Z",
            "location": "Paris"
        })),
    );
    assert_eq!(reply.status(), Some(201), "create forum: {reply:?}");
    reply.json()["id"].as_i64().expect("forum id")
}

// ------------------------------------------------------------------------------------------
// SQL.
// ------------------------------------------------------------------------------------------

fn connect(database_url: &str) -> PgConnection {
    PgConnection::establish(database_url).unwrap_or_else(|e| panic!("connect to {database_url}: {e}"))
}

fn sql(database_url: &str, statement: &str) {
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

fn comments_with_ids(conn: &mut PgConnection, ids: &[i64]) -> BTreeMap<i64, String> {
    diesel::sql_query("SELECT id, body FROM comments WHERE id = ANY($1)")
        .bind::<Array<BigInt>, _>(ids)
        .load::<IdBody>(conn)
        .expect("load comments")
        .into_iter()
        .map(|r| (r.id, r.body))
        .collect()
}

fn comments_of_forum(conn: &mut PgConnection, forum: i64) -> BTreeMap<i64, String> {
    diesel::sql_query("SELECT id, body FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = $1)")
        .bind::<BigInt, _>(forum)
        .load::<IdBody>(conn)
        .expect("load comments")
        .into_iter()
        .map(|r| (r.id, r.body))
        .collect()
}

/// Sessions of this database waiting on a heavyweight lock.
fn lock_waiters(conn: &mut PgConnection) -> i64 {
    diesel::sql_query(
        "SELECT count(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND wait_event_type = 'Lock'",
    )
    .get_result::<Count>(conn)
    .expect("query pg_stat_activity")
    .n
}

/// Polls until `want` sessions wait on a lock, for at most `within`; returns the last count.
fn wait_for_lock_waiters(conn: &mut PgConnection, want: i64, within: Duration) -> i64 {
    let deadline = Instant::now() + within;
    loop {
        let n = lock_waiters(conn);
        if n >= want || Instant::now() > deadline {
            return n;
        }
        thread::sleep(Duration::from_millis(50));
    }
}

// ------------------------------------------------------------------------------------------
// Load.
// ------------------------------------------------------------------------------------------

/// One comment post and what came of it.
#[derive(Debug, Clone)]
struct Post {
    body: String,
    started: Instant,
    elapsed: Duration,
    phase_at_start: u8,
    phase_at_end: u8,
    reply: Reply,
}

impl Post {
    fn created_id(&self) -> Option<i64> {
        match &self.reply {
            Reply::Http { status: 201, body, .. } => {
                serde_json::from_str::<Value>(body).ok().and_then(|v| v["id"].as_i64())
            }
            _ => None,
        }
    }
}

struct Load {
    stop: Arc<AtomicBool>,
    phase: Arc<AtomicU8>,
    posts: Arc<Mutex<Vec<Post>>>,
    created_in_phase: Arc<[AtomicUsize; 8]>,
    handles: Vec<thread::JoinHandle<()>>,
}

impl Load {
    /// `writers` threads posting comments to `forum` until told to stop, for at most
    /// `max_run`. With `stop_on_refused`, a writer stops at its first refused connection.
    fn start(
        server: &Server,
        forum: i64,
        tokens: &[String],
        agent: &ureq::Agent,
        max_run: Duration,
        stop_on_refused: bool,
    ) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let phase = Arc::new(AtomicU8::new(0));
        let posts = Arc::new(Mutex::new(Vec::new()));
        let created_in_phase: Arc<[AtomicUsize; 8]> = Arc::new(Default::default());
        let url = server.url(&format!("/forums/{forum}/comments"));
        let handles = tokens
            .iter()
            .enumerate()
            .map(|(w, token)| {
                let (stop, phase, posts, created) =
                    (stop.clone(), phase.clone(), posts.clone(), created_in_phase.clone());
                let (url, token, agent) = (url.clone(), token.clone(), agent.clone());
                thread::spawn(move || {
                    let until = Instant::now() + max_run;
                    for seq in 0..1_000_000u64 {
                        if stop.load(Ordering::SeqCst) || Instant::now() > until {
                            break;
                        }
                        let body = format!("Commentaire {w}-{seq} : la panne est-elle gérée ?");
                        let phase_at_start = phase.load(Ordering::SeqCst);
                        let started = Instant::now();
                        let reply = call(&agent, "POST", &url, Some(&token), Some(&json!({"body": body})));
                        let elapsed = started.elapsed();
                        let phase_at_end = phase.load(Ordering::SeqCst);
                        let is_refused = matches!(reply, Reply::Failed { refused: true, .. });
                        let post = Post { body, started, elapsed, phase_at_start, phase_at_end, reply };
                        if post.created_id().is_some() {
                            created[phase_at_start as usize].fetch_add(1, Ordering::SeqCst);
                        }
                        posts.lock().unwrap().push(post);
                        if is_refused && stop_on_refused {
                            break;
                        }
                        thread::sleep(Duration::from_millis(5));
                    }
                })
            })
            .collect();
        Load { stop, phase, posts, created_in_phase, handles }
    }

    fn set_phase(&self, p: u8) {
        self.phase.store(p, Ordering::SeqCst);
    }

    fn created_in(&self, phase: u8) -> usize {
        self.created_in_phase[phase as usize].load(Ordering::SeqCst)
    }

    fn finish(self) -> Vec<Post> {
        self.stop.store(true, Ordering::SeqCst);
        for h in self.handles {
            h.join().expect("writer thread panicked");
        }
        let posts = std::mem::take(&mut *self.posts.lock().unwrap());
        posts
    }
}

fn summarize(posts: &[Post]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for p in posts {
        let key = match &p.reply {
            Reply::Http { status, .. } => status.to_string(),
            Reply::Failed { refused: true, .. } => "refused".into(),
            Reply::Failed { .. } => "transport error".into(),
        };
        *m.entry(key).or_default() += 1;
    }
    m
}

/// Every post answered 201 names a comment that exists with the body sent.
fn assert_acknowledged_are_stored(conn: &mut PgConnection, posts: &[Post]) -> usize {
    let acked: BTreeMap<i64, &str> =
        posts.iter().filter_map(|p| p.created_id().map(|id| (id, p.body.as_str()))).collect();
    let ids: Vec<i64> = acked.keys().copied().collect();
    let stored = comments_with_ids(conn, &ids);
    let missing: Vec<_> =
        acked.iter().filter(|(id, body)| stored.get(id).map(String::as_str) != Some(**body)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} comments acknowledged with 201 are missing (or differ) in the database: {:?}",
        missing.len(),
        acked.len(),
        missing.iter().take(10).collect::<Vec<_>>()
    );
    acked.len()
}

// ------------------------------------------------------------------------------------------
// The tests.
// ------------------------------------------------------------------------------------------

const UP: u8 = 0;
const STOPPING: u8 = 1;
const DOWN: u8 = 2;
const STARTING: u8 = 3;
const BACK: u8 = 4;

#[test]
fn database_outage_under_write_load() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let mut server = Server::spawn("outage", &db, 4);
    let agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&agent, &server, &db);
    let tokens: Vec<String> = (0..3).map(|_| register(&agent, &server, "member").1).collect();
    eprintln!("setup: {:?}", t0.elapsed());

    let load = Load::start(&server, forum, &tokens, &agent, Duration::from_secs(90), false);
    thread::sleep(Duration::from_secs(3));
    assert!(load.created_in(UP) > 0, "no comment was created before the outage");

    // Make sure requests are inside PostgreSQL when it stops: hold the writers on a lock.
    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE comments IN EXCLUSIVE MODE").execute(&mut locker).unwrap();
    let blocked = wait_for_lock_waiters(&mut connect(&db), tokens.len() as i64, Duration::from_secs(10));
    assert!(blocked >= 1, "no post got blocked on the comments lock");

    load.set_phase(STOPPING);
    let stop_started = Instant::now();
    cluster.stop();
    drop(locker);
    eprintln!("PostgreSQL stopped in {:?}", stop_started.elapsed());
    load.set_phase(DOWN);
    // Reads fail the same way while the database is down.
    thread::sleep(Duration::from_millis(700));
    for path in ["/forums", "/commitments"] {
        let started = Instant::now();
        let reply = call(&agent, "GET", &server.url(path), None, None);
        assert!(started.elapsed() < FAST, "GET {path} took {:?}", started.elapsed());
        if let Some(why) = reply.not_a_proper_503() {
            panic!("GET {path} while PostgreSQL is down: expected a 503 problem, got {why}");
        }
    }
    thread::sleep(Duration::from_secs(3));

    load.set_phase(STARTING);
    cluster.start();
    load.set_phase(BACK);
    let back_at = Instant::now();
    let recovery_bound = Duration::from_secs(20);
    while load.created_in(BACK) == 0 && back_at.elapsed() < recovery_bound {
        thread::sleep(Duration::from_millis(100));
    }
    let recovered_in = back_at.elapsed();
    thread::sleep(Duration::from_secs(2));
    let posts = load.finish();
    assert!(server.running(), "the server process died during the outage");

    let summary = summarize(&posts);
    eprintln!("posts: {} {summary:?}; recovered {recovered_in:?} after PostgreSQL came back", posts.len());
    let slowest = posts.iter().map(|p| p.elapsed).max().unwrap_or_default();
    eprintln!("slowest request: {slowest:?}");

    // Every answer is a 201 or a proper 503, never a 500, never a hang.
    let bad: Vec<String> = posts
        .iter()
        .filter(|p| p.reply.status() != Some(201))
        .filter_map(|p| {
            p.reply
                .not_a_proper_503()
                .map(|why| format!("[phase {}→{}, {:?}] {why}", p.phase_at_start, p.phase_at_end, p.elapsed))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} posts got neither 201 nor a 503 problem with Retry-After ({summary:?}); \
         first ones:\n{}",
        bad.len(),
        posts.len(),
        bad.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
    let hanging: Vec<_> = posts.iter().filter(|p| p.elapsed > FAST).collect();
    assert!(
        hanging.is_empty(),
        "{} posts took longer than {FAST:?}: {:?}",
        hanging.len(),
        hanging.iter().take(5).map(|p| (p.phase_at_start, p.elapsed)).collect::<Vec<_>>()
    );
    // While it was down (from the end of `pg_ctl stop` to the start of `pg_ctl start`):
    // only 503s, and there were some.
    let during: Vec<_> = posts.iter().filter(|p| p.phase_at_start == DOWN && p.phase_at_end == DOWN).collect();
    assert!(!during.is_empty(), "no post was made while PostgreSQL was down");
    assert!(during.iter().all(|p| p.reply.status() == Some(503)), "a post succeeded while PostgreSQL was down");
    // It came back by itself (same process) within the bound.
    assert!(
        load_created_after(&posts, BACK) > 0,
        "no post succeeded within {recovery_bound:?} after PostgreSQL came back"
    );
    // Nothing acknowledged was lost.
    let acked = assert_acknowledged_are_stored(&mut connect(&db), &posts);
    let stored = comments_of_forum(&mut connect(&db), forum).len();
    eprintln!(
        "{acked} comments acknowledged, {stored} stored ({} written but not acknowledged); \
         total {:?}",
        stored.saturating_sub(acked),
        t0.elapsed()
    );
}

fn load_created_after(posts: &[Post], phase: u8) -> usize {
    posts.iter().filter(|p| p.phase_at_start >= phase && p.created_id().is_some()).count()
}

/// The pool pings only connections that sat idle (a ping per checkout cost 12–23 % of the
/// database's throughput). This is the case the ping is kept for: PostgreSQL restarts while the
/// server is quiet, and the very first requests afterwards, read and write, must succeed on
/// the pool's stale connections instead of failing once on each.
#[test]
fn database_restart_while_idle_is_invisible() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let server = Server::spawn("idle-restart", &db, 4);
    let agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&agent, &server, &db);
    let (_, token) = register(&agent, &server, "member");
    // Open several pooled connections: concurrent reads.
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (agent, url) = (agent.clone(), server.url("/forums"));
            thread::spawn(move || call(&agent, "GET", &url, None, None).status())
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), Some(200));
    }

    cluster.stop();
    cluster.start();
    // The connections have now been idle for longer than the ping threshold (1 s).
    thread::sleep(Duration::from_millis(1200));

    for i in 0..6 {
        let reply = call(&agent, "GET", &server.url("/forums"), None, None);
        assert_eq!(reply.status(), Some(200), "read {i} after the restart: {reply:?}");
    }
    let reply = call(
        &agent,
        "POST",
        &server.url(&format!("/forums/{forum}/comments")),
        Some(&token),
        Some(&json!({"body": "Après le redémarrage"})),
    );
    assert_eq!(reply.status(), Some(201), "post after the restart: {reply:?}");
    eprintln!("total {:?}", t0.elapsed());
}

#[test]
fn sigterm_during_load_loses_nothing() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let writers = 4;
    let mut server = Server::spawn("sigterm", &db, 8);
    let setup_agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&setup_agent, &server, &db);
    let tokens: Vec<String> = (0..writers).map(|_| register(&setup_agent, &server, "member").1).collect();
    drop(setup_agent);
    eprintln!("setup: {:?}", t0.elapsed());

    // A new connection per request, so "new connections are refused" is what we observe.
    let load_agent = agent(Duration::from_secs(20), false);
    let load = Load::start(&server, forum, &tokens, &load_agent, Duration::from_secs(60), true);
    thread::sleep(Duration::from_secs(2));
    assert!(load.created_in(UP) > 0, "no comment was created before the signal");

    // Hold the writers inside PostgreSQL, so requests are surely in flight at the signal.
    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE comments IN EXCLUSIVE MODE").execute(&mut locker).unwrap();
    let mut watcher = connect(&db);
    let blocked = wait_for_lock_waiters(&mut watcher, writers as i64, Duration::from_secs(10));
    assert!(blocked >= 1, "no post got blocked on the comments lock");

    let pid = server.pid().to_string();
    let signal_at = Instant::now();
    load.set_phase(1);
    let out = Command::new("kill").args(["-TERM", &pid]).output().expect("run kill");
    assert!(out.status.success(), "kill -TERM {pid}: {out:?}");

    // The listener closes while the blocked requests are still being served.
    let mut refused_while_draining = false;
    while signal_at.elapsed() < Duration::from_secs(2) {
        match TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)) {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                refused_while_draining = server.running();
                break;
            }
            _ => thread::sleep(Duration::from_millis(50)),
        }
    }
    let still_waiting = lock_waiters(&mut watcher);
    thread::sleep(Duration::from_millis(500));
    diesel::sql_query("ROLLBACK").execute(&mut locker).unwrap();
    drop(locker);
    let released_at = signal_at.elapsed();

    let status = server.wait_exit(Duration::from_secs(30));
    let exited_after = signal_at.elapsed();
    let posts = load.finish();
    let summary = summarize(&posts);
    eprintln!(
        "{blocked} posts blocked at the signal ({still_waiting} still waiting after the listener \
         closed); lock released {released_at:?} and process exited {exited_after:?} after \
         SIGTERM with {status:?}; posts {summary:?}"
    );

    let status = status.unwrap_or_else(|| panic!("the server did not exit within 30 s of SIGTERM"));
    assert_eq!(status.code(), Some(0), "exit status after SIGTERM: {status:?}");
    assert!(
        refused_while_draining,
        "new connections were not refused while in-flight requests were still being served"
    );
    match TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)) {
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {}
        other => panic!("after exit, connecting gave {other:?}, not a refusal"),
    }

    // Every answer was a 201; the only failures are refused connections after the signal.
    let odd: Vec<String> = posts
        .iter()
        .filter(|p| match &p.reply {
            Reply::Http { status: 201, .. } => false,
            Reply::Failed { refused: true, .. } => p.phase_at_start == 0 && p.started < signal_at,
            _ => true,
        })
        .map(|p| format!("{:?} (started {:?} after the signal)", p.reply, p.started.checked_duration_since(signal_at)))
        .collect();
    assert!(
        odd.is_empty(),
        "{} posts got something other than 201 or (after the signal) a refused connection \
         ({summary:?}):\n{}",
        odd.len(),
        odd.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
    let five_xx = posts.iter().filter(|p| p.reply.status().is_some_and(|s| s >= 500)).count();
    assert_eq!(five_xx, 0, "5xx answers: {summary:?}");
    // In-flight requests completed.
    let in_flight_completed = posts
        .iter()
        .filter(|p| p.started < signal_at && p.started + p.elapsed > signal_at)
        .filter(|p| p.created_id().is_some())
        .count();
    assert!(in_flight_completed >= 1, "no request in flight at the signal completed with 201");
    assert!(
        in_flight_completed as i64 >= blocked,
        "{blocked} requests were in flight at the signal but only {in_flight_completed} \
         completed with 201"
    );
    // Nothing acknowledged lost, and nothing written without its answer.
    let mut conn = connect(&db);
    let acked_count = assert_acknowledged_are_stored(&mut conn, &posts);
    let stored = comments_of_forum(&mut conn, forum);
    let acked: BTreeSet<i64> = posts.iter().filter_map(Post::created_id).collect();
    let unanswered: Vec<_> = stored.iter().filter(|(id, _)| !acked.contains(id)).collect();
    assert!(
        unanswered.is_empty(),
        "{} comments were written but their request got no 201 (an in-flight request was \
         cut off): {:?}",
        unanswered.len(),
        unanswered.iter().take(5).collect::<Vec<_>>()
    );
    eprintln!(
        "{acked_count} acknowledged, {} stored, {in_flight_completed} completed after the \
         signal; total {:?}",
        stored.len(),
        t0.elapsed()
    );
}

#[test]
fn exhausted_pool_answers_503_fast() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let mut server = Server::spawn("pool", &db, 2);
    let quick = agent(Duration::from_secs(15), true);
    // Warm up: both routes answer while the pool is free.
    for path in ["/forums", "/commitments"] {
        let reply = call(&quick, "GET", &server.url(path), None, None);
        assert_eq!(reply.status(), Some(200), "GET {path}: {reply:?}");
    }

    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE forums IN ACCESS EXCLUSIVE MODE").execute(&mut locker).unwrap();

    // Two slow requests, each holding one of the two pooled connections.
    let (tx, rx) = mpsc::channel();
    let slow = agent(Duration::from_secs(40), false);
    for i in 0..2 {
        let (tx, slow, url) = (tx.clone(), slow.clone(), server.url("/forums"));
        thread::spawn(move || {
            let started = Instant::now();
            let reply = call(&slow, "GET", &url, None, None);
            let _ = tx.send((i, reply, started.elapsed()));
        });
    }
    drop(tx);
    let mut watcher = connect(&db);
    let blocked = wait_for_lock_waiters(&mut watcher, 2, Duration::from_secs(10));
    assert_eq!(blocked, 2, "the two GET /forums did not both block on the lock");

    // Others get a 503 problem with Retry-After, fast.
    let mut timings = Vec::new();
    for path in ["/commitments", "/commitments", "/action-plans", "/forums"] {
        let started = Instant::now();
        let reply = call(&quick, "GET", &server.url(path), None, None);
        let took = started.elapsed();
        timings.push((path, took));
        assert!(took < FAST, "GET {path} with the pool exhausted took {took:?}");
        if let Some(why) = reply.not_a_proper_503() {
            panic!("GET {path} with the pool exhausted: expected a 503 problem, got {why}");
        }
    }
    eprintln!("503 answers while the pool was exhausted: {timings:?}");
    assert!(rx.try_recv().is_err(), "a blocked request finished before the lock was released");
    assert_eq!(lock_waiters(&mut watcher), 2, "the slow requests stopped waiting");

    diesel::sql_query("ROLLBACK").execute(&mut locker).unwrap();
    let released = Instant::now();
    for _ in 0..2 {
        let (i, reply, took) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("a blocked request did not finish within 10 s of the release");
        assert_eq!(reply.status(), Some(200), "slow request {i} ({took:?}): {reply:?}");
    }
    eprintln!("blocked requests finished {:?} after the release", released.elapsed());
    for path in ["/commitments", "/forums", "/action-plans"] {
        let reply = call(&quick, "GET", &server.url(path), None, None);
        assert_eq!(reply.status(), Some(200), "GET {path} after the release: {reply:?}");
    }
    assert!(server.running(), "the server died");
    eprintln!("total {:?}", t0.elapsed());
}
