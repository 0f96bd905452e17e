//! A webhook receiver for the tests: `tests/webhooks/receiver.py`, a real HTTP server that
//! verifies each delivery with the official Standard Webhooks library.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The receiver (`tests/webhooks/receiver.py`), until dropped.
pub struct Receiver {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Receiver {
    pub fn start() -> Receiver {
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let dir = std::env::temp_dir().join(format!(
            "opendetat-webhooks-{}-{}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("webhooks").join("receiver.py");
        let mut child = Command::new(crate::smtp::python())
            .arg(script)
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the webhook receiver");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok()).expect("the receiver's port");
        Receiver { child, port, dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}/{path}", self.port)
    }

    /// The secrets the receiver verifies `name`'s deliveries with.
    pub fn trust(&self, name: &str, secrets: &[&str]) {
        std::fs::write(self.dir.join(format!("{name}.secrets")), secrets.join("\n")).unwrap();
    }

    pub fn received(&self, name: &str) -> Vec<Value> {
        std::fs::read_to_string(self.dir.join(format!("{name}.jsonl")))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// At least `n` requests for `name`, waiting up to `secs`.
    pub fn wait_for(&self, name: &str, n: usize, secs: u64) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let got = self.received(name);
            if got.len() >= n {
                return got;
            }
            assert!(Instant::now() < deadline, "{name}: {} of {n} deliveries after {secs} s: {got:?}", got.len());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
