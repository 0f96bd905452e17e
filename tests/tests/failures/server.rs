//! The server under test, started on its own cluster, and a bare HTTP client that tells a
//! refused connection from an answer (what the harness's `TestApp` hides).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use opendetat_tests::{json, ForumBuilder, Value, JWT_SECRET};

use crate::cluster::log_dir;
use crate::db::sql;
use crate::PASSWORD;

pub(crate) fn run_cli(args: &[&str], database_url: &str) {
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

pub(crate) struct Server {
    pub(crate) child: Child,
    pub(crate) addr: SocketAddr,
    pub(crate) base: String,
    /// The database it serves (to confirm a sign-up's address, as its mail's link would).
    pub(crate) database_url: String,
}

impl Server {
    pub(crate) fn spawn(name: &str, database_url: &str, pool_size: u32) -> Server {
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
            .env("RATE_LIMIT_API_ANONYMOUS", "1000000000/1m")
            .env("RATE_LIMIT_API_AUTHENTICATED", "1000000000/1m")
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
        Server { child, addr, base, database_url: database_url.to_string() }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    pub(crate) fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Waits (bounded) for the process to exit.
    pub(crate) fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
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

pub(crate) fn agent(timeout: Duration, keep_alive: bool) -> ureq::Agent {
    let mut b = ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(2)).timeout(timeout).redirects(0);
    if !keep_alive {
        b = b.max_idle_connections(0).max_idle_connections_per_host(0);
    }
    b.build()
}

#[derive(Debug, Clone)]
pub(crate) enum Reply {
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
    pub(crate) fn status(&self) -> Option<u16> {
        match self {
            Reply::Http { status, .. } => Some(*status),
            Reply::Failed { .. } => None,
        }
    }

    pub(crate) fn json(&self) -> Value {
        match self {
            Reply::Http { body, .. } => serde_json::from_str(body).unwrap_or_else(|e| panic!("not JSON ({e}): {body}")),
            Reply::Failed { error, .. } => panic!("no HTTP answer: {error}"),
        }
    }

    /// `Some(reason)` unless this is a 503 problem+json `service_unavailable` with a positive
    /// integer `Retry-After`.
    pub(crate) fn not_a_proper_503(&self) -> Option<String> {
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

pub(crate) fn call(agent: &ureq::Agent, method: &str, url: &str, token: Option<&str>, body: Option<&Value>) -> Reply {
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

/// Signs an account up, confirms its address and signs it in; returns (id, token).
pub(crate) fn register(agent: &ureq::Agent, server: &Server, label: &str) -> (i64, String) {
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
    // An account signs in once its address is confirmed: here in SQL (the link has its tests).
    super::db::sql(
        &server.database_url,
        &format!("UPDATE users SET email_verified_at = now() WHERE email = '{email}'"),
    );
    let reply =
        call(agent, "POST", &server.url("/auth/login"), None, Some(&json!({"email": email, "password": PASSWORD})));
    assert_eq!(reply.status(), Some(200), "login: {reply:?}");
    let body = reply.json();
    (body["user"]["id"].as_i64().expect("user id"), body["access_token"].as_str().expect("token").to_string())
}

/// An official (promoted in SQL) creates a forum; returns its id.
pub(crate) fn create_forum(agent: &ureq::Agent, server: &Server, database_url: &str) -> i64 {
    let (official, token) = register(agent, server, "official");
    sql(database_url, &format!("UPDATE users SET role = 'official' WHERE id = {official}"));
    let forum = ForumBuilder::new(&format!("Forum de test des pannes {}", std::process::id()))
        .theme("Résilience")
        .description("Un forum pour les tests de pannes.")
        .at("2031-03-10T17:00:00Z", "2031-03-10T19:00:00Z")
        .location("Paris");
    let reply = call(agent, "POST", &server.url("/forums"), Some(&token), Some(&forum.body()));
    assert_eq!(reply.status(), Some(201), "create forum: {reply:?}");
    reply.json()["id"].as_i64().expect("forum id")
}
