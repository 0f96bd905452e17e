//! Test harness for the black-box tests: each `TestApp` is the real `opendetat` binary,
//! started on a random port against its own database cloned from a migrated (and optionally
//! seeded) template, spoken to over HTTP. Databases are dropped when the app is dropped.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, OnceLock};
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Text};
pub use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub mod authenticator;
pub mod builders;
pub mod files;
pub mod memory;
pub mod oidc;
pub mod roles;
pub mod smtp;
pub mod sse;
pub mod webhooks;
pub use builders::{
    commitment_id, crowd, format_content, handle_of, milestone_id, ActionItemBuilder, ActionPlanBuilder, AnswerBuilder,
    CommentBuilder, CommitmentBuilder, CycleBuilder, DocumentBuilder, FeedbackBuilder, FormatBuilder, ForumBuilder,
    InstitutionBuilder, MemberBuilder, MilestoneBuilder, MinutesBuilder, ProgressBuilder, ProposalBuilder,
    QuestionBuilder, RecordExt, RegistrationBuilder, ReportBuilder, UserBuilder, VersionBuilder,
};
pub use roles::Guarded;
pub use smtp::{Mail, SmtpSink, StalledSmtp};
pub use sse::{EventStream, Message};
pub use webhooks::Receiver;

/// The site's address in mails sent by test servers.
pub const PUBLIC_URL: &str = "http://opendetat.test";

pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123456789";
pub const DEMO_PASSWORD: &str = "opendetat-demo-2026";

/// PostgreSQL server URL (no database) from `TEST_PG_URL`.
pub fn server_url() -> String {
    std::env::var("TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".into())
}

pub fn db_url(name: &str) -> String {
    format!("{}/{name}", server_url().trim_end_matches('/'))
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

/// The server binary built by `cargo build` (see the Makefile's `test`).
pub fn binary() -> PathBuf {
    if let Ok(path) = std::env::var("OPENDETAT_BIN") {
        return PathBuf::from(path);
    }
    let target =
        std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| workspace_root().join("target"));
    let bin = target.join("debug").join("opendetat");
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo build -p opendetat` first (the Makefile's `test` does)",
        bin.display()
    );
    bin
}

fn admin_conn() -> PgConnection {
    PgConnection::establish(&db_url("postgres"))
        .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {} ({e}); run scripts/ensure-postgres.sh", server_url()))
}

#[derive(QueryableByName)]
struct Exists {
    #[diesel(sql_type = Bool)]
    exists: bool,
}

fn database_exists(conn: &mut PgConnection, name: &str) -> bool {
    diesel::sql_query("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS exists")
        .bind::<Text, _>(name)
        .get_result::<Exists>(conn)
        .expect("query pg_database")
        .exists
}

/// A hash of the migrations and the seed, so a changed schema gets a new template.
fn schema_fingerprint() -> String {
    let root = workspace_root().join("backend");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut stack = vec![root.join("migrations")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read migrations").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.push(root.join("seed").join("seed.json"));
    files.sort();
    let mut hasher = Sha256::new();
    for f in files {
        hasher.update(f.strip_prefix(&root).unwrap().to_string_lossy().as_bytes());
        hasher.update(std::fs::read(&f).expect("read schema file"));
    }
    hasher.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

fn run_binary(args: &[&str], database: &str) {
    let out = Command::new(binary())
        .args(args)
        .env("DATABASE_URL", db_url(database))
        .env("OPENDETAT_ENV", "dev")
        .env("JWT_SECRET", JWT_SECRET)
        .env("RUST_LOG", "warn")
        .output()
        .expect("run opendetat");
    assert!(out.status.success(), "opendetat {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
}

/// Builds (once per fingerprint, across processes) the `empty` (migrated) and `seeded`
/// templates. A template only appears under its final name once complete (built under a
/// temporary name, then renamed), and builders are serialised by an advisory lock.
fn templates() -> &'static (String, String) {
    static TEMPLATES: OnceLock<(String, String)> = OnceLock::new();
    TEMPLATES.get_or_init(|| {
        let fp = schema_fingerprint();
        let empty = format!("opendetat_tpl_{fp}_empty");
        let seeded = format!("opendetat_tpl_{fp}_seeded");
        let mut conn = admin_conn();
        diesel::sql_query("SELECT pg_advisory_lock(727274)").execute(&mut conn).unwrap();
        for (name, build) in [(&empty, None), (&seeded, Some(&empty))] {
            if database_exists(&mut conn, name) {
                continue;
            }
            let tmp = format!("{name}_tmp");
            diesel::sql_query(format!("DROP DATABASE IF EXISTS {tmp} WITH (FORCE)")).execute(&mut conn).unwrap();
            match build {
                None => run_binary(&["migrate"], &tmp),
                Some(from) => {
                    diesel::sql_query(format!("CREATE DATABASE {tmp} TEMPLATE {from} STRATEGY FILE_COPY"))
                        .execute(&mut conn)
                        .unwrap();
                    run_binary(&["seed"], &tmp);
                }
            }
            diesel::sql_query(format!("ALTER DATABASE {tmp} RENAME TO {name}")).execute(&mut conn).unwrap();
        }
        diesel::sql_query("SELECT pg_advisory_unlock(727274)").execute(&mut conn).unwrap();
        (empty, seeded)
    })
}

/// A fresh database cloned from a template; dropped with `drop_database`.
pub fn create_database(seeded: bool) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let (empty, full) = templates();
    let name =
        format!("opendetat_test_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), rand_suffix());
    let template = if seeded { full } else { empty };
    let mut conn = admin_conn();
    diesel::sql_query(format!("CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY"))
        .execute(&mut conn)
        .unwrap_or_else(|e| panic!("cannot create {name}: {e}"));
    name
}

pub fn drop_database(name: &str) {
    if let Ok(mut conn) = PgConnection::establish(&db_url("postgres")) {
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn);
    }
}

fn rand_suffix() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("{nanos:08x}")
}

/// An HTTP response, whatever its status.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Asserts the status, printing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Resp {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text);
        self
    }

    /// Asserts an RFC 9457 problem with this status and code.
    #[track_caller]
    pub fn expect_problem(self, status: u16, code: &str) -> Value {
        assert_eq!(self.status, status, "unexpected status; body: {}", self.text);
        assert_eq!(self.header("content-type"), Some("application/problem+json"), "body: {}", self.text);
        let body = self.json();
        assert_eq!(body["status"], status, "{body}");
        assert_eq!(body["code"], code, "{body}");
        assert!(body["title"].is_string() && body["detail"].is_string() && body["type"].is_string(), "{body}");
        body
    }
}

/// A signed-in account made for a test.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub id: i64,
    pub email: String,
    pub password: String,
    pub token: String,
}

pub struct TestApp {
    pub base: String,
    pub database: String,
    child: Child,
    agent: ureq::Agent,
}

/// Extra environment for the server.
pub type Env<'a> = &'a [(&'a str, &'a str)];

impl TestApp {
    /// The server on a database holding the seed (real action plans + demo data).
    pub fn spawn() -> TestApp {
        Self::spawn_with(true, &[])
    }

    /// The server on a migrated, empty database.
    pub fn spawn_empty() -> TestApp {
        Self::spawn_with(false, &[])
    }

    pub fn spawn_with(seeded: bool, env: Env<'_>) -> TestApp {
        Self::attach(create_database(seeded), env)
    }

    /// The server on an existing database (from `create_database`), which it will drop.
    pub fn attach(database: String, env: Env<'_>) -> TestApp {
        let log_dir = workspace_root().join("target").join("test-logs");
        let _ = std::fs::create_dir_all(&log_dir);
        let log = std::fs::File::create(log_dir.join(format!("{database}.log"))).expect("log file");
        let mut cmd = Command::new(binary());
        cmd.arg("serve")
            .env("DATABASE_URL", db_url(&database))
            .env("BIND_ADDR", "127.0.0.1:0")
            .env("OPENDETAT_ENV", "production")
            .env("JWT_SECRET", JWT_SECRET)
            .env("DATABASE_POOL_SIZE", "4")
            .env("STATIC_DIR", "")
            .env("RUST_LOG", "info")
            // Every test signs up and in from 127.0.0.1, many times; the per-address limits
            // have their own tests, which set them.
            .env("RATE_LIMIT_SIGN_IN", "100000/1m")
            .env("RATE_LIMIT_SIGN_UP", "100000/1m")
            .env("RATE_LIMIT_MAIL", "100000/1m")
            .env("RATE_LIMIT_POSTING", "100000/1m")
            .env("RATE_LIMIT_API_ANONYMOUS", "1000000/1m")
            .env("RATE_LIMIT_API_AUTHENTICATED", "1000000/1m")
            // Production requires a mail server and the site's address: mail goes to the
            // run's SMTP sink (a test that wants its own sets SMTP_URL in `env`).
            .env("SMTP_URL", SmtpSink::shared().url())
            .env("PUBLIC_URL", PUBLIC_URL)
            .env("MAIL_FROM", "Open d'État <ne-pas-repondre@opendetat.test>")
            .env("JOB_POLL_MS", "50")
            // Production requires a second factor of admins and moderators; the role tests sign
            // them in with a password, and the second factor's own tests set it.
            .env("TWO_FACTOR_ROLES", "none")
            // Documents' files in a directory of the test's own (an S3 test sets its store).
            .env("DOCUMENTS_DIR", log_dir.with_file_name("test-files").join(&database))
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log));
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start opendetat");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(addr) = line.strip_prefix("listening on ") {
                    let _ = tx.send(addr.to_string());
                }
            }
        });
        let base = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(base) => base,
            Err(_) => {
                let _ = child.kill();
                drop_database(&database);
                panic!("the server did not start; see target/test-logs/{database}.log");
            }
        };
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(30)).redirects(0).build();
        TestApp { base, database, child, agent }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// A line of the server's `/proc/<pid>/status`, in kB (`VmRSS`, `VmHWM`…).
    pub fn memory_kb(&self, key: &str) -> u64 {
        let status =
            std::fs::read_to_string(format!("/proc/{}/status", self.pid())).expect("read the server's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}:")))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or_else(|| panic!("no {key} in /proc status"))
    }

    /// What the server has logged so far (`RUST_LOG` decides what).
    pub fn log(&self) -> String {
        let path = workspace_root().join("target").join("test-logs").join(format!("{}.log", self.database));
        std::fs::read_to_string(path).unwrap_or_default()
    }

    /// `opendetat worker` on this app's database: job workers alone, as on a node of their own
    /// (kill it to see what a crash leaves). `env` adds to or overrides the defaults.
    pub fn spawn_worker(&self, env: Env<'_>) -> Child {
        let log_dir = workspace_root().join("target").join("test-logs");
        static N: AtomicU64 = AtomicU64::new(0);
        let log = std::fs::File::create(log_dir.join(format!(
            "{}-worker-{}.log",
            self.database,
            N.fetch_add(1, Ordering::Relaxed)
        )))
        .expect("log file");
        let mut cmd = Command::new(binary());
        cmd.arg("worker")
            .env("DATABASE_URL", db_url(&self.database))
            .env("OPENDETAT_ENV", "production")
            .env("JWT_SECRET", JWT_SECRET)
            .env("SMTP_URL", SmtpSink::shared().url())
            .env("PUBLIC_URL", PUBLIC_URL)
            .env("JOB_POLL_MS", "50")
            .env("RUST_LOG", "info")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(log));
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.spawn().expect("start opendetat worker")
    }

    /// Runs another `opendetat` command (`migrate`, `seed`…) on this app's database.
    pub fn run_command(&self, args: &[&str]) {
        run_binary(args, &self.database);
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }

    /// Full URL of an `/api/v1` path.
    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    /// Any request; `path` is absolute (`/healthz`) or under `/api/v1` when it does not start with `/api` or `/healthz`/`/readyz`.
    pub fn request(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let url = if path.starts_with("/api/")
            || path.starts_with("/healthz")
            || path.starts_with("/readyz")
            || path == "/"
            || path.starts_with("/x/")
        {
            format!("{}{path}", self.base)
        } else {
            self.api(path)
        };
        self.request_url(method, &url, token, headers, body)
    }

    /// A GET of a path of the site itself (the web app's pages and files), never under `/api/v1`.
    pub fn get_site(&self, path: &str) -> Resp {
        self.request_url("GET", &format!("{}{path}", self.base), None, &[], None)
    }

    fn request_url(
        &self,
        method: &str,
        url: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Resp {
        let mut req = self.agent.request(method, url);
        if let Some(t) = token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        for (k, v) in headers {
            req = req.set(k, v);
        }
        let result = match body {
            Some(b) => req.send_string(b),
            None => req.call(),
        };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {url}: {e}"),
        };
        let status = response.status();
        let headers = response
            .headers_names()
            .into_iter()
            .flat_map(|n| response.all(&n).into_iter().map(move |v| (n.clone(), v.to_string())).collect::<Vec<_>>())
            .collect();
        // A stream never ends: its answer is left unread (dropping it closes the connection);
        // `open_stream` reads streams.
        let text = if response.content_type() == "text/event-stream" {
            String::new()
        } else {
            response.into_string().unwrap_or_default()
        };
        Resp { status, headers, text }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.request("GET", path, None, &[], None)
    }

    pub fn get_as(&self, path: &str, token: &str) -> Resp {
        self.request("GET", path, Some(token), &[], None)
    }

    pub fn send(&self, method: &str, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.request(method, path, token, &[("Content-Type", "application/json")], Some(&body.to_string()))
    }

    pub fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.send("POST", path, token, body)
    }

    pub fn patch(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.send("PATCH", path, token, body)
    }

    pub fn put(&self, path: &str, token: Option<&str>, body: &Value) -> Resp {
        self.send("PUT", path, token, body)
    }

    pub fn delete(&self, path: &str, token: Option<&str>) -> Resp {
        self.request("DELETE", path, token, &[], None)
    }

    /// A direct connection to this app's database, to arrange or check what HTTP can't.
    pub fn db(&self) -> PgConnection {
        PgConnection::establish(&db_url(&self.database)).expect("connect to the test database")
    }

    pub fn sql(&self, statement: &str) {
        diesel::sql_query(statement).execute(&mut self.db()).unwrap_or_else(|e| panic!("{statement}: {e}"));
    }

    pub fn count(&self, from_where: &str) -> i64 {
        #[derive(QueryableByName)]
        struct N {
            #[diesel(sql_type = BigInt)]
            n: i64,
        }
        diesel::sql_query(format!("SELECT count(*) AS n FROM {from_where}"))
            .get_result::<N>(&mut self.db())
            .unwrap_or_else(|e| panic!("count {from_where}: {e}"))
            .n
    }

    /// Registers a new account through the API, confirms its address in the database (the
    /// mail's link has tests of its own) and, for other roles, promotes it. Returns it signed
    /// in.
    pub fn user(&self, role: &str) -> TestUser {
        let email = unique_email("member");
        let password = "a-long-enough-password".to_string();
        self.post(
            "/auth/register",
            None,
            &json!({"email": email, "password": password, "display_name": "Test member"}),
        )
        .expect(202);
        let id_of = format!("(SELECT id FROM users WHERE lower(email) = lower('{email}'))");
        self.sql(&format!("UPDATE users SET email_verified_at = now() WHERE id = {id_of}"));
        if role != "member" {
            self.sql(&format!("UPDATE users SET role = '{role}' WHERE id = {id_of}"));
        }
        let body = self.post("/auth/login", None, &json!({"email": email, "password": password})).expect(200).json();
        TestUser {
            id: body["user"]["id"].as_i64().unwrap(),
            email,
            password,
            token: body["access_token"].as_str().unwrap().to_string(),
        }
    }

    /// A member whose address is not confirmed, signed in: a session from before unconfirmed
    /// accounts stopped signing in. What such
    /// a session may do is still checked (`email_not_verified`).
    pub fn unverified_user(&self) -> TestUser {
        let user = self.user("member");
        self.sql(&format!("UPDATE users SET email_verified_at = NULL WHERE id = {}", user.id));
        user
    }

    /// The mail received so far for `to` by this run's sink.
    pub fn mails_to(&self, to: &str) -> Vec<Mail> {
        SmtpSink::shared().mails_to(to)
    }

    /// Waits for the `n`th mail to `to` (a job sends it in the background).
    pub fn wait_for_mails_to(&self, to: &str, n: usize) -> Vec<Mail> {
        SmtpSink::shared().wait_for_mails_to(to, n, Duration::from_secs(20))
    }

    /// Signs in a demo account of the seed (seeded apps only).
    pub fn demo(&self, email: &str) -> TestUser {
        let body =
            self.post("/auth/login", None, &json!({"email": email, "password": DEMO_PASSWORD})).expect(200).json();
        TestUser {
            id: body["user"]["id"].as_i64().unwrap(),
            email: email.into(),
            password: DEMO_PASSWORD.into(),
            token: body["access_token"].as_str().unwrap().into(),
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        drop_database(&self.database);
    }
}

/// An address no other test uses.
pub fn unique_email(prefix: &str) -> String {
    static N: AtomicU64 = AtomicU64::new(0);
    format!("{prefix}{}-{}-{}@example.org", std::process::id(), N.fetch_add(1, Ordering::Relaxed), rand_suffix())
}

/// Follows `next_cursor` from `path` (which must not hold a cursor) and returns every item.
pub fn collect_pages(app: &TestApp, path: &str, token: Option<&str>) -> Vec<Value> {
    let mut items = Vec::new();
    let mut next: Option<String> = None;
    let sep = if path.contains('?') { '&' } else { '?' };
    for _ in 0..10_000 {
        let url = match &next {
            Some(c) => format!("{path}{sep}cursor={c}"),
            None => path.to_string(),
        };
        let body = app.request("GET", &url, token, &[], None).expect(200).json();
        items.extend(body["items"].as_array().unwrap().iter().cloned());
        match body["next_cursor"].as_str() {
            Some(c) => next = Some(c.to_string()),
            None => return items,
        }
    }
    panic!("pagination did not end");
}

/// Runs `request` for every index at the same instant (a barrier releases them together), for
/// races that must come out exact.
pub fn at_once<T: Send>(n: usize, request: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let barrier = std::sync::Barrier::new(n);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (barrier, request) = (&barrier, &request);
                s.spawn(move || {
                    barrier.wait();
                    request(i)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
}
