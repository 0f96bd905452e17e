//! A private PostgreSQL cluster per test, which the test may stop and start: `initdb` and
//! `pg_ctl` (as the `postgres` OS user when we are root), removed when dropped, and the clusters
//! of test processes that died cleaned up on the way.

use std::net::TcpListener;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("workspace root").to_path_buf()
}

pub(crate) fn log_dir() -> PathBuf {
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

pub(crate) struct Cluster {
    bindir: PathBuf,
    /// Owned by the cluster's OS user; holds `data/`, the socket and `server.log`.
    dir: PathBuf,
    port: u16,
    as_root: bool,
}

const DIR_PREFIX: &str = "opendetat-failtest-";

impl Cluster {
    /// initdb + start; panics (after cleaning up) if that fails.
    pub(crate) fn start_new() -> Cluster {
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
    pub(crate) fn start(&self) {
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
    pub(crate) fn stop(&self) {
        let data = self.data_dir();
        let out = self.pg_tool("pg_ctl", |c| {
            c.arg("-D").arg(&data).args(["-m", "fast", "-w", "-t", "30", "stop"]);
        });
        assert!(out.status.success(), "pg_ctl stop failed: {}", String::from_utf8_lossy(&out.stderr));
    }

    fn server_url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    pub(crate) fn url(&self, database: &str) -> String {
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
