//! Writing a stream: the `text/event-stream` framing, `Last-Event-ID`, and the loop every
//! stream runs (its source's messages, a heartbeat comment when quiet, the end on shutdown).

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse};

use super::{Hub, Permit};
use crate::events::Position;
use crate::http::problem::{ApiError, ApiResult, ErrorCode, FieldError};

/// How long a client waits before reconnecting, sent first (the browser's default is 3 s too,
/// said so that every client does the same).
const RETRY_MS: u32 = 3000;

/// One message: `id` (what `Last-Event-ID` sends back), `event` (its name), `data` (one line of
/// JSON: `serde_json` escapes the newlines a value holds).
pub fn message(id: Option<&str>, event: &str, data: &str) -> Bytes {
    let mut out = String::with_capacity(data.len() + event.len() + 48);
    if let Some(id) = id {
        out.push_str("id: ");
        out.push_str(id);
        out.push('\n');
    }
    out.push_str("event: ");
    out.push_str(event);
    out.push_str("\ndata: ");
    out.push_str(data);
    out.push_str("\n\n");
    Bytes::from(out)
}

/// A comment line: ignored by clients, keeps proxies and load balancers from closing the
/// connection as idle.
pub const HEARTBEAT: &[u8] = b": heartbeat\n\n";

/// A log position as a message id: `<transaction>-<event>`.
pub fn position_id(p: Position) -> String {
    format!("{}-{}", p.xid, p.id)
}

/// The position a reconnecting client sends back (`Last-Event-ID`), if any: 400
/// `invalid_last_event_id` for one this server did not give.
pub fn last_position(req: &HttpRequest) -> ApiResult<Option<Position>> {
    let Some(raw) = req.headers().get("Last-Event-ID") else { return Ok(None) };
    let parsed = raw.to_str().ok().map(str::trim).filter(|s| !s.is_empty()).map(|s| {
        s.split_once('-').and_then(|(xid, id)| Some(Position { xid: xid.parse().ok()?, id: id.parse().ok()? }))
    });
    match parsed {
        // An empty header is what EventSource sends before it has seen an id.
        None => Ok(None),
        Some(Some(p)) if p.xid >= 0 && p.id >= 0 => Ok(Some(p)),
        Some(_) => Err(bad_last_event_id("Last-Event-ID must be an id this stream sent (`<transaction>-<event>`).")),
    }
}

/// The id a reconnecting client sends back as a number (`/me/stream`: a notification id).
pub fn last_number(req: &HttpRequest) -> ApiResult<Option<i64>> {
    let Some(raw) = req.headers().get("Last-Event-ID") else { return Ok(None) };
    match raw.to_str().ok().map(str::trim) {
        Some("") => Ok(None),
        Some(s) => match s.parse::<i64>() {
            Ok(n) if n >= 0 => Ok(Some(n)),
            _ => Err(bad_last_event_id("Last-Event-ID must be an id this stream sent (a notification id).")),
        },
        None => Err(bad_last_event_id("Last-Event-ID must be an id this stream sent.")),
    }
}

pub fn bad_last_event_id(message: &str) -> ApiError {
    ApiError::Validation(vec![FieldError::new("Last-Event-ID", ErrorCode::InvalidLastEventId.as_str(), message)])
}

/// What feeds a stream. `wait` must be safe to drop half-way (it is raced against the
/// heartbeat and shutdown): it only waits for something to happen. `produce` then turns it
/// into messages, and runs to its end.
pub trait Source: 'static {
    type Wake;
    /// What happened; `None`: the stream is over.
    fn wait(&mut self) -> Pin<Box<dyn Future<Output = Option<Self::Wake>> + '_>>;
    /// Its messages (an error ends the stream: the client reconnects and catches up).
    fn produce(&mut self, wake: Self::Wake) -> Pin<Box<dyn Future<Output = ApiResult<Vec<Bytes>>> + '_>>;
}

struct Driver<S> {
    source: S,
    pending: VecDeque<Bytes>,
    heartbeat: tokio::time::Interval,
    closing: tokio::sync::watch::Receiver<bool>,
    done: bool,
    _permit: Permit,
}

/// The streaming answer: `first` (what the client missed, a first state), then what `source`
/// produces, with a heartbeat after each quiet `LiveSettings::heartbeat`, until the client
/// goes, the source ends, or the server stops.
pub fn respond<S: Source>(hub: &Hub, permit: Permit, first: Vec<Bytes>, source: S) -> HttpResponse {
    let every = hub.settings().heartbeat;
    let mut heartbeat = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
    heartbeat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut pending = VecDeque::with_capacity(first.len() + 1);
    pending.push_back(Bytes::from(format!("retry: {RETRY_MS}\n\n")));
    pending.extend(first);
    let driver = Driver { source, pending, heartbeat, closing: hub.closing(), done: false, _permit: permit };
    let body = futures_util::stream::unfold(driver, |mut d| async move {
        loop {
            if let Some(frame) = d.pending.pop_front() {
                return Some((Ok::<_, actix_web::Error>(frame), d));
            }
            if d.done || *d.closing.borrow() {
                return None;
            }
            tokio::select! {
                biased;
                _ = d.closing.changed() => d.done = true,
                wake = d.source.wait() => match wake {
                    None => d.done = true,
                    Some(wake) => match d.source.produce(wake).await {
                        Ok(frames) => {
                            if !frames.is_empty() {
                                d.heartbeat.reset();
                            }
                            d.pending.extend(frames);
                        }
                        Err(e) => {
                            // A credential that no longer holds ends the stream quietly.
                            if actix_web::ResponseError::status_code(&e).is_server_error() {
                                log::warn!("a stream ends on an error: {e:?}");
                            }
                            d.done = true;
                        }
                    },
                },
                _ = d.heartbeat.tick() => d.pending.push_back(Bytes::from_static(HEARTBEAT)),
            }
        }
    });
    HttpResponse::Ok()
        .content_type("text/event-stream; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Compression would hold messages back until a block fills: none for streams.
        .insert_header((header::CONTENT_ENCODING, "identity"))
        // nginx and others buffer answers unless told not to.
        .insert_header(("X-Accel-Buffering", "no"))
        .streaming(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_framed_as_the_specification_says() {
        assert_eq!(
            &message(Some("5-7"), "comment.created", "{\"a\":1}")[..],
            b"id: 5-7\nevent: comment.created\ndata: {\"a\":1}\n\n"
        );
        assert_eq!(&message(None, "unread", "{}")[..], b"event: unread\ndata: {}\n\n");
        assert_eq!(position_id(Position { xid: 12, id: 34 }), "12-34");
    }

    #[test]
    fn last_event_id_is_read_back_or_refused() {
        use actix_web::test::TestRequest;
        let with = |v: &str| TestRequest::default().insert_header(("Last-Event-ID", v)).to_http_request();
        assert_eq!(last_position(&with("12-34")).unwrap(), Some(Position { xid: 12, id: 34 }));
        assert_eq!(last_position(&with("")).unwrap(), None);
        assert_eq!(last_position(&TestRequest::default().to_http_request()).unwrap(), None);
        for bad in ["12", "a-b", "-1-3", "1-2-3", "12 34"] {
            assert!(last_position(&with(bad)).is_err(), "{bad}");
        }
        assert_eq!(last_number(&with("42")).unwrap(), Some(42));
        assert!(last_number(&with("x")).is_err());
    }
}
