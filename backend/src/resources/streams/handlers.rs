use std::sync::Arc;

use actix_web::web::Bytes;
use actix_web::{get, web, HttpRequest, HttpResponse};
use tokio::sync::broadcast;

use crate::db;
use crate::events::{self, Position};
use crate::http::problem::{ApiError, ApiResult};
use crate::live::{self, sse, CatchUp, LiveEvent, RecordKey};
use crate::subjects::{self, SubjectKind};
use crate::AppState;

/// The stream of a subject and its discussion, as Server-Sent Events.
///
/// Each message's `event` is the event type (`comment.created`, `comment.updated`,
/// `comment.deleted`, `comment.hidden`, `comment.restored`, `comment.reacted` — its reaction
/// counts changed —, `milestone.progress_reported`, `forum.updated`…, as in `EventType`) and its
/// `data` one JSON object shaped as a webhook's body (`StreamMessage`): the change and the
/// record's public representation now. Its `id` is a position in the event log: reconnect with
/// it in `Last-Event-ID` (browsers' `EventSource` does) and the stream first sends what was
/// missed, in commit order, nothing twice. More than 2,000 events behind, it sends `reset`
/// instead (reload the discussion). `ready` follows what was missed: its id is where the
/// stream stands. A comment line (`: heartbeat`) comes after 25 s of quiet. Open streams are
/// capped per address and per account (429 `too_many_streams`). Shutting down, the server
/// ends the stream; clients reconnect (after the `retry` it sends first, 3 s).
#[utoipa::path(
    tag = "streams",
    params(
        ("type" = SubjectKind, Path, description = "The kind of subject"),
        ("key" = String, Path, description = "Its id, slug or OGP code (as its own routes take)"),
        ("Last-Event-ID" = Option<String>, Header, description = "The `id` of the last message received (`<transaction>-<event>`): the stream resumes after it", pattern = r"^[0-9]+-[0-9]+$"),
    ),
    responses(
        (status = 200, description = "An endless `text/event-stream`; `data` of each message is a `StreamMessage` (see above for the event names)", body = String, content_type = "text/event-stream"),
        (status = 404, description = "No such subject (`not_found`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`Last-Event-ID` is not an id this stream sent (`validation_failed`, field code `invalid_last_event_id`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many open streams from this address (`too_many_streams`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/subjects/{type}/{key}/stream")]
pub async fn subject_stream(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    let (kind, key) = path.into_inner();
    let kind = SubjectKind::parse(&kind).ok_or_else(|| ApiError::not_found("Kind of subject"))?;
    let resume = sse::last_position(&req)?;
    let permit = state.live.admit(state.ip_limits.client_bucket(&req), None)?;
    // The subject, and where the log stands now (what the stream starts after when it does
    // not resume). From the primary: the horizon is the writer's.
    let (record, now, latest) = db::run(&state.pool, move |conn| {
        let subject = subjects::resolve(conn, kind, &key)?;
        let now = events::horizon(conn)?;
        Ok(((subject.kind.as_str().to_string(), subject.ref_id), now, events::current_xid(conn)?))
    })
    .await?;
    if resume.is_some_and(|p| p.xid > latest) {
        return Err(sse::bad_last_event_id("Last-Event-ID names a position this database has not reached."));
    }
    let (rx, until) = state.live.subscribe(record.clone(), now);
    let from = resume.unwrap_or(until).min(until);
    let missed = catch_up(&state, record.clone(), from, until).await?;
    let source = SubjectSource { rx, record, last: until, state: state.clone() };
    Ok(sse::respond(&state.live, permit, missed, source))
}

/// What the stream missed in `(from, until]`, then `ready` at `until`.
async fn catch_up(state: &AppState, record: RecordKey, from: Position, until: Position) -> ApiResult<Vec<Bytes>> {
    let mut frames = if from < until {
        match db::run(&state.pool, move |conn| Ok(live::catch_up(conn, &record, from, until)?)).await? {
            CatchUp::Events(events) => events.iter().map(|e| e.frame.clone()).collect(),
            CatchUp::TooFar => vec![sse::message(None, "reset", "{}")],
        }
    } else {
        Vec::new()
    };
    frames.push(sse::message(Some(&sse::position_id(until)), "ready", "{}"));
    Ok(frames)
}

struct SubjectSource {
    rx: broadcast::Receiver<Arc<LiveEvent>>,
    record: RecordKey,
    /// The position of the last message sent: what comes again is skipped.
    last: Position,
    state: web::Data<AppState>,
}

enum Wake {
    Event(Arc<LiveEvent>),
    /// Messages were dropped for this slow stream: it reads the log again.
    Lagged,
}

impl sse::Source for SubjectSource {
    type Wake = Wake;

    fn wait(&mut self) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Wake>> + '_>> {
        Box::pin(async move {
            match self.rx.recv().await {
                Ok(event) => Some(Wake::Event(event)),
                Err(broadcast::error::RecvError::Lagged(_)) => Some(Wake::Lagged),
                Err(broadcast::error::RecvError::Closed) => None,
            }
        })
    }

    fn produce(
        &mut self,
        wake: Wake,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = ApiResult<Vec<Bytes>>> + '_>> {
        Box::pin(async move {
            match wake {
                Wake::Event(event) if event.position > self.last => {
                    self.last = event.position;
                    Ok(vec![event.frame.clone()])
                }
                Wake::Event(_) => Ok(Vec::new()),
                Wake::Lagged => {
                    let (record, from) = (self.record.clone(), self.last);
                    let (missed, until) = db::run(&self.state.pool, move |conn| {
                        let until = events::horizon(conn)?;
                        Ok((live::catch_up(conn, &record, from, until)?, until))
                    })
                    .await?;
                    self.last = until;
                    Ok(match missed {
                        CatchUp::Events(events) => events.iter().map(|e| e.frame.clone()).collect(),
                        CatchUp::TooFar => vec![sse::message(Some(&sse::position_id(until)), "reset", "{}")],
                    })
                }
            }
        })
    }
}
