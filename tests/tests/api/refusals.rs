//! Requests the HTTP layer refuses before the application (issue 23, point 4): answered with
//! the site's security headers, and logged at warn, at most one line per period, without
//! flooding the log.

use opendetat_tests::*;

/// The head of what the server answers to `request`, written on a fresh connection, as lines.
fn raw_answer_head(app: &TestApp, request: &[u8]) -> Vec<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(app.base.trim_start_matches("http://")).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10))).unwrap();
    // The server may answer and close before it has read everything: a broken pipe is fine.
    let _ = stream.write_all(request);
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).to_string();
    answer.split("\r\n\r\n").next().unwrap_or_default().lines().map(str::to_string).collect()
}

/// Whether the head holds the header `name` (lower-case) with a value starting with `value`.
fn has_header(head: &[String], name: &str, value: &str) -> bool {
    head.iter().any(|line| {
        line.split_once(':').is_some_and(|(n, v)| n.eq_ignore_ascii_case(name) && v.trim().starts_with(value))
    })
}

fn assert_refused_with_security_headers(head: &[String], status_line: &str) {
    assert_eq!(head.first().map(String::as_str), Some(status_line), "{head:?}");
    assert!(has_header(head, "content-security-policy", "default-src 'none'"), "{head:?}");
    assert!(has_header(head, "x-content-type-options", "nosniff"), "{head:?}");
    assert!(has_header(head, "x-frame-options", "DENY"), "{head:?}");
    assert!(has_header(head, "referrer-policy", "strict-origin-when-cross-origin"), "{head:?}");
    assert!(has_header(head, "permissions-policy", "camera=()"), "{head:?}");
    assert!(has_header(head, "cross-origin-opener-policy", "same-origin"), "{head:?}");
}

#[test]
fn requests_refused_before_the_application_carry_the_security_headers_and_are_warnings_at_most_once_per_ten_seconds() {
    let app = TestApp::spawn_empty();
    let long_uri = format!("GET /api/v1/forums?q={} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
    for _ in 0..5 {
        assert_refused_with_security_headers(&raw_answer_head(&app, long_uri.as_bytes()), "HTTP/1.1 400 Bad Request");
    }
    let big_header = format!("GET /api/v1/forums HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n", "a".repeat(1_000_000));
    assert_refused_with_security_headers(
        &raw_answer_head(&app, big_header.as_bytes()),
        "HTTP/1.1 431 Request Header Fields Too Large",
    );
    let malformed = b"GET /api/v1/forums HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n";
    assert_refused_with_security_headers(&raw_answer_head(&app, malformed), "HTTP/1.1 400 Bad Request");
    app.get("/forums").expect(200);
    let log = app.log();
    assert!(!log.contains("ERROR"), "{log}");
    assert_eq!(log.matches("request refused before the application").count(), 1, "{log}");
    assert!(log.contains("WARN  actix_http::h1::dispatcher] request refused before the application"), "{log}");
}
