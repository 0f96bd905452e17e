//! Requests the HTTP layer refuses before the application (issue 23, point 4): answered, and
//! logged at warn, at most one line per period, without flooding the log.

use opendetat_tests::*;

/// The status line of what the server answers to `request`, written on a fresh connection.
fn raw_status_line(app: &TestApp, request: &[u8]) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(app.base.trim_start_matches("http://")).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    // The server may answer and close before it has read everything: a broken pipe is fine.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).lines().next().unwrap_or_default().to_string()
}

#[test]
fn requests_refused_before_the_application_are_warnings_written_at_most_once_per_ten_seconds() {
    let app = TestApp::spawn_empty();
    let long_uri = format!("GET /api/v1/forums?q={} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
    for _ in 0..5 {
        assert_eq!(raw_status_line(&app, long_uri.as_bytes()), "HTTP/1.1 400 Bad Request");
    }
    let big_header = format!("GET /api/v1/forums HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(1_000_000));
    assert_eq!(raw_status_line(&app, big_header.as_bytes()), "HTTP/1.1 431 Request Header Fields Too Large");
    app.get("/forums").expect(200);
    let log = app.log();
    assert!(!log.contains("ERROR"), "{log}");
    assert_eq!(log.matches("request refused before the application").count(), 1, "{log}");
    assert!(log.contains("WARN  actix_http::h1::dispatcher] request refused before the application"), "{log}");
}
