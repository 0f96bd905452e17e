//! The tests' mail server: aiosmtpd (a real SMTP server, from PyPI), run by
//! `tests/smtp/sink.py` in the venv that `tests/smtp/venv.sh` makes. The server under test sends
//! to it exactly as it would to a relay in production (`SMTP_URL=smtp://127.0.0.1:<port>`), and
//! the tests read what it received: one `.eml` file per message and recipient.
//!
//! `make test` starts one sink for the whole run (`TEST_SMTP_URL`, `TEST_SMTP_DIR`): recipients
//! are unique to each test, so tests never see each other's mail. Without it (a test run by hand)
//! each test process starts its own. `SmtpSink::start` gives a test a private sink, which it may
//! make refuse mail (`451`) for a while; `StalledSmtp` is a port that accepts connections and
//! never answers.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// One message as received: the envelope and the raw data (headers and body, CRLF lines).
#[derive(Debug, Clone)]
pub struct Mail {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Mail {
    /// A message as the sink wrote it: its envelope headers, then the message as received.
    fn parse(file: &str) -> Mail {
        let mut data = file.to_string();
        let mut take = |name: &str| -> String {
            let prefix = format!("{name}: ");
            if let Some(rest) = data.strip_prefix(&prefix) {
                let end = rest.find("\r\n").unwrap_or(rest.len());
                let value = rest[..end].to_string();
                data = rest[(end + 2).min(rest.len())..].to_string();
                value
            } else {
                String::new()
            }
        };
        let from = take("X-Sink-Mail-From");
        let to = take("X-Sink-Rcpt-To").split(", ").filter(|s| !s.is_empty()).map(str::to_string).collect();
        Mail { from, to, data }
    }

    /// A header's value (unfolded), first occurrence.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with([' ', '\t']) {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case(name) {
                    value = Some(v.trim().to_string());
                }
            }
        }
        value
    }

    /// The decoded text of the first part with this content type (`text/plain`, `text/html`,
    /// `text/calendar`), quoted-printable or base64 as the part says.
    pub fn part(&self, content_type: &str) -> Option<String> {
        let lower = self.data.to_ascii_lowercase();
        let at = lower.find(&format!("content-type: {content_type}"))?;
        let rest = &self.data[at..];
        let head_end = rest.find("\r\n\r\n")?;
        let head = rest[..head_end].to_ascii_lowercase();
        let body = &rest[head_end + 4..];
        // The part ends at the next boundary line.
        let end = body.find("\r\n--").unwrap_or(body.len());
        let body = &body[..end];
        if head.contains("content-transfer-encoding: base64") {
            use base64::Engine;
            let compact: String = body.split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(compact).ok()?;
            return String::from_utf8(bytes).ok();
        }
        if head.contains("content-transfer-encoding: quoted-printable") {
            return Some(decode_quoted_printable(body));
        }
        Some(body.to_string())
    }

    /// The first `https?://…` link in the plain-text part that contains `needle`.
    pub fn link_containing(&self, needle: &str) -> Option<String> {
        let text = self.part("text/plain")?;
        text.split_whitespace()
            .find(|w| (w.starts_with("http://") || w.starts_with("https://")) && w.contains(needle))
            .map(|w| w.trim_end_matches(['.', ',', ')', '>']).to_string())
    }
}

fn decode_quoted_printable(text: &str) -> String {
    let mut bytes = Vec::with_capacity(text.len());
    let raw = text.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'=' if raw.get(i + 1) == Some(&b'\r') && raw.get(i + 2) == Some(&b'\n') => i += 3,
            b'=' if raw.get(i + 1) == Some(&b'\n') => i += 2,
            b'=' if i + 2 < raw.len() => {
                match u8::from_str_radix(std::str::from_utf8(&raw[i + 1..i + 3]).unwrap_or(""), 16) {
                    Ok(b) => bytes.push(b),
                    Err(_) => bytes.extend_from_slice(&raw[i..i + 3]),
                }
                i += 3;
            }
            b => {
                bytes.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A running aiosmtpd.
pub struct SmtpSink {
    pub port: u16,
    dir: PathBuf,
    /// The sink stops when this process ends (its standard input closes) or is dropped.
    process: Option<Child>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(mut child) = self.process.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// The tests' Python (the venv of `tests/smtp/venv.sh`: aiosmtpd, icalendar, feedparser, frictionless, pyotp…).
pub fn python() -> PathBuf {
    if let Ok(p) = std::env::var("SMTP_SINK_PYTHON") {
        return PathBuf::from(p);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf();
    let target = std::env::var("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|_| root.join("target"));
    let venv = target.join("smtp-venv").join("bin").join("python");
    assert!(
        venv.is_file(),
        "{} is missing: run tests/smtp/venv.sh (make test does) to install aiosmtpd",
        venv.display()
    );
    venv
}

/// Runs `script` (Python, in the tests' venv) on `content` written to a file with `extension`,
/// and returns what it printed as JSON; fails the test with `what`'s complaint when the script
/// exits with an error (the parsers that read back calendars and feeds).
pub fn parse_with_python(script: &str, content: &str, extension: &str, what: &str) -> serde_json::Value {
    let file = std::env::temp_dir().join(format!(
        "opendetat-{}-{}.{extension}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    ));
    std::fs::write(&file, content).unwrap();
    let out = std::process::Command::new(python())
        .arg("-c")
        .arg(script)
        .arg(&file)
        .output()
        .unwrap_or_else(|e| panic!("the tests' Python (tests/smtp/venv.sh) with {what}: {e}"));
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{what} refused the file: {}\n{content}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

impl SmtpSink {
    /// The sink shared by every test of this run.
    pub fn shared() -> &'static SmtpSink {
        static SHARED: OnceLock<SmtpSink> = OnceLock::new();
        SHARED.get_or_init(|| {
            match (std::env::var("TEST_SMTP_URL"), std::env::var("TEST_SMTP_DIR")) {
                (Ok(url), Ok(dir)) => SmtpSink {
                    port: url
                        .rsplit(':')
                        .next()
                        .and_then(|p| p.parse().ok())
                        .expect("TEST_SMTP_URL is smtp://127.0.0.1:<port>"),
                    dir: PathBuf::from(dir),
                    process: None,
                },
                _ => {
                    let mut sink = SmtpSink::start();
                    // Lives as long as the test process: it stops when its stdin closes.
                    if let Some(child) = sink.process.take() {
                        std::mem::forget(child);
                    }
                    sink
                }
            }
        })
    }

    /// A private sink, stopped when dropped.
    pub fn start() -> SmtpSink {
        static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let dir = std::env::temp_dir().join(format!(
            "opendetat-smtp-{}-{}",
            std::process::id(),
            N.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let mut child = Command::new(python())
            .arg(root.join("tests").join("smtp").join("sink.py"))
            .arg("--dir")
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink (aiosmtpd)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).expect("read the SMTP sink's port");
        let port = line
            .trim()
            .strip_prefix("ready ")
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("the SMTP sink did not start: {line:?}"));
        SmtpSink { port, dir, process: Some(child) }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// While on, every message is refused with `451` (try again later).
    pub fn refuse(&self, on: bool) {
        let flag = self.dir.join("REFUSE");
        if on {
            std::fs::write(flag, b"").expect("write the REFUSE flag");
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    /// While on, every recipient is refused for good (`550`).
    pub fn reject(&self, on: bool) {
        let flag = self.dir.join("REJECT");
        if on {
            std::fs::write(flag, b"").expect("write the REJECT flag");
        } else {
            let _ = std::fs::remove_file(flag);
        }
    }

    /// Every message received for `to`, oldest first.
    pub fn mails_to(&self, to: &str) -> Vec<Mail> {
        let folder: String = to
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() || "@._+-".contains(c) { c } else { '_' })
            .collect();
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join(folder))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files
            .into_iter()
            .filter_map(|p| std::fs::read(p).ok())
            .map(|bytes| Mail::parse(&String::from_utf8_lossy(&bytes)))
            .collect()
    }

    /// Waits (up to `timeout`) until `n` messages for `to` have arrived; returns them all.
    pub fn wait_for_mails_to(&self, to: &str, n: usize, timeout: Duration) -> Vec<Mail> {
        let deadline = Instant::now() + timeout;
        loop {
            let mails = self.mails_to(to);
            if mails.len() >= n {
                return mails;
            }
            if Instant::now() > deadline {
                panic!(
                    "{} message(s) for {to} within {timeout:?}, waited for {n}: {:?}",
                    mails.len(),
                    mails.iter().map(|m| m.header("Subject")).collect::<Vec<_>>()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits for a first message to `to`; returns the latest.
    pub fn wait_for_mail_to(&self, to: &str, timeout: Duration) -> Mail {
        self.wait_for_mails_to(to, 1, timeout).pop().unwrap()
    }
}

/// A port that accepts connections and never answers: a mail server that hangs.
pub struct StalledSmtp {
    pub port: u16,
}

impl StalledSmtp {
    pub fn start() -> StalledSmtp {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for stream in listener.incoming().flatten() {
                held.push(stream);
            }
        });
        StalledSmtp { port }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }
}
