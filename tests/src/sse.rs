//! A client of the server's Server-Sent Events streams, as the tests need one: it opens a
//! stream over its own socket (so that a test can cut it at once, as a client that goes away
//! does), reads HTTP/1.1 chunked framing, and parses the event stream as the WHATWG HTML
//! specification's "event stream interpretation" says (fields `id`, `event`, `data`, `retry`,
//! comment lines, multi-line data, one optional space after the colon).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::{Resp, TestApp};

/// One dispatched message, or a comment line (`event` = `":"`, `data` = its text).
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The last event id as the client holds it after this message (what `Last-Event-ID` sends).
    pub id: String,
    pub event: String,
    pub data: String,
}

impl Message {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.data).unwrap_or_else(|e| panic!("{} is not JSON: {e}", self.data))
    }
}

/// An open stream; dropping it closes the connection.
pub struct EventStream {
    rx: mpsc::Receiver<Message>,
    socket: TcpStream,
    pub headers: Vec<(String, String)>,
}

impl TestApp {
    /// Opens `path` (under `/api/v1`) as a stream; the answer when it is not a 200.
    pub fn open_stream(
        &self,
        path: &str,
        token: Option<&str>,
        last_event_id: Option<&str>,
    ) -> Result<EventStream, Resp> {
        let host = self.base.trim_start_matches("http://").to_string();
        let socket = TcpStream::connect(&host).expect("connect to the server");
        let mut request = format!(
            "GET /api/v1{path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n"
        );
        if let Some(t) = token {
            request.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        if let Some(id) = last_event_id {
            request.push_str(&format!("Last-Event-ID: {id}\r\n"));
        }
        request.push_str("\r\n");
        (&socket).write_all(request.as_bytes()).expect("send the request");
        let mut reader = BufReader::new(socket.try_clone().expect("clone the socket"));
        let (status, headers) = read_head(&mut reader);
        let chunked = headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"));
        if status != 200 {
            let length: usize =
                headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).expect("read the problem");
            let _ = socket.shutdown(Shutdown::Both);
            return Err(Resp { status, headers, text: String::from_utf8_lossy(&body).into_owned() });
        }
        assert!(chunked, "a stream's answer is chunked: {headers:?}");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || parse(Dechunk { inner: reader, left: 0, done: false }, tx));
        Ok(EventStream { rx, socket, headers })
    }

    /// Opens a stream that must open.
    pub fn stream(&self, path: &str, token: Option<&str>, last_event_id: Option<&str>) -> EventStream {
        self.open_stream(path, token, last_event_id)
            .unwrap_or_else(|r| panic!("GET {path} as a stream: {} {}", r.status, r.text))
    }
}

impl EventStream {
    /// The next message or comment within `wait`.
    pub fn next_within(&self, wait: Duration) -> Option<Message> {
        self.rx.recv_timeout(wait).ok()
    }

    /// The next message (comments skipped) within `wait`, or a panic saying what came.
    pub fn next_message(&self, wait: Duration) -> Message {
        let until = Instant::now() + wait;
        loop {
            let left = until.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if m.event == ":" => continue,
                Ok(m) => return m,
                Err(e) => panic!("no message within {wait:?}: {e}"),
            }
        }
    }

    /// The next message named `event`, skipping others, within `wait`.
    pub fn wait_for(&self, event: &str, wait: Duration) -> Message {
        let until = Instant::now() + wait;
        loop {
            let m = self.next_message(until.saturating_duration_since(Instant::now()));
            if m.event == event {
                return m;
            }
        }
    }

    /// Every message (comments skipped) until none comes for `quiet`.
    pub fn drain(&self, quiet: Duration) -> Vec<Message> {
        let mut out = Vec::new();
        while let Ok(m) = self.rx.recv_timeout(quiet) {
            if m.event != ":" {
                out.push(m);
            }
        }
        out
    }

    /// Whether the server ended the stream within `wait` (what it sent before is skipped).
    pub fn ends_within(&self, wait: Duration) -> bool {
        let until = Instant::now() + wait;
        loop {
            match self.rx.recv_timeout(until.saturating_duration_since(Instant::now())) {
                Ok(_) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return true,
                Err(mpsc::RecvTimeoutError::Timeout) => return false,
            }
        }
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        let _ = self.socket.shutdown(Shutdown::Both);
    }
}

fn read_head(reader: &mut impl BufRead) -> (u16, Vec<(String, String)>) {
    let mut head = Vec::new();
    while !head.ends_with(b"\r\n\r\n") {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).expect("read the answer's head") == 0 {
            panic!("the server closed the connection before answering");
        }
        head.extend(line);
    }
    let mut parsed = [httparse::EMPTY_HEADER; 64];
    let mut response = httparse::Response::new(&mut parsed);
    response.parse(&head).expect("an HTTP head");
    let headers = response
        .headers
        .iter()
        .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).into_owned()))
        .collect();
    (response.code.unwrap_or(0), headers)
}

/// The body of a chunked answer (RFC 9112 §7.1).
struct Dechunk<R> {
    inner: R,
    left: usize,
    done: bool,
}

impl<R: BufRead> Read for Dechunk<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.done {
            return Ok(0);
        }
        if self.left == 0 {
            let mut size = String::new();
            if self.inner.read_line(&mut size)? == 0 {
                return Ok(0);
            }
            let size = size.trim().split(';').next().unwrap_or_default();
            self.left = usize::from_str_radix(size, 16).map_err(|e| {
                std::io::Error::new(std::io::ErrorKind::InvalidData, format!("chunk size {size:?}: {e}"))
            })?;
            if self.left == 0 {
                self.done = true;
                return Ok(0);
            }
        }
        let want = buf.len().min(self.left);
        let n = self.inner.read(&mut buf[..want])?;
        if n == 0 {
            return Ok(0);
        }
        self.left -= n;
        if self.left == 0 {
            let mut crlf = [0u8; 2];
            self.inner.read_exact(&mut crlf)?;
        }
        Ok(n)
    }
}

/// The event stream interpretation: each line a field, a blank line dispatches.
fn parse(body: impl Read, tx: mpsc::Sender<Message>) {
    let reader = BufReader::new(body);
    let (mut last_id, mut event, mut data) = (String::new(), String::new(), String::new());
    let mut has_data = false;
    for line in reader.lines() {
        let Ok(line) = line else { return };
        let line = line.strip_suffix('\r').unwrap_or(&line).to_string();
        if line.is_empty() {
            if has_data {
                let text = data.strip_suffix('\n').unwrap_or(&data).to_string();
                let name = if event.is_empty() { "message".to_string() } else { std::mem::take(&mut event) };
                if tx.send(Message { id: last_id.clone(), event: name, data: text }).is_err() {
                    return;
                }
            }
            event.clear();
            data.clear();
            has_data = false;
            continue;
        }
        if let Some(comment) = line.strip_prefix(':') {
            let comment = Message { id: last_id.clone(), event: ":".into(), data: comment.trim_start().into() };
            if tx.send(comment).is_err() {
                return;
            }
            continue;
        }
        let (field, value) = match line.split_once(':') {
            Some((f, v)) => (f, v.strip_prefix(' ').unwrap_or(v)),
            None => (line.as_str(), ""),
        };
        match field {
            "event" => event = value.to_string(),
            "data" => {
                data.push_str(value);
                data.push('\n');
                has_data = true;
            }
            "id" if !value.contains('\0') => last_id = value.to_string(),
            _ => {}
        }
    }
}
