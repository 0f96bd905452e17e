//! From the event log to the endpoints' deliveries: the dispatcher (`webhook_dispatch`), a
//! consumer of the event log (`events::read_after`, commit order) whose position is a row of
//! `event_positions`. In one transaction it locks that row, reads the next events, adds a
//! delivery (and its job, `delivery`) for each endpoint each public event matches, and moves the
//! position: the deliveries and the position commit together, so no event is skipped and none is
//! given twice to an endpoint (`UNIQUE (endpoint_id, event_id)` says so too). It runs again every
//! `WEBHOOK_POLL_MS` while an endpoint is on, at once while it is behind, and not at all while
//! none is: writes cost nothing where nobody listens.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Nullable, Text, Timestamptz};
use rand::Rng;

use super::queries::{self, Endpoint, WebhookDeliveryId, WebhookEndpointId};
use crate::events::{self, Event, Position};
use crate::jobs::worker::{JobContext, JobError};

pub const DISPATCH_JOB: &str = "webhook_dispatch";
/// The dispatcher's row in `event_positions`.
const CONSUMER: &str = "webhooks";
/// Events read per dispatcher transaction. Each matching event's record is read to be sent, and
/// the transaction has written (it holds readers of the log back while it runs): kept short.
const BATCH: i64 = 100;
/// Makes sure one dispatcher run is queued (at `at`, now when `None`) while an endpoint is on;
/// `running` is the run asking (it does not count). Part of the caller's transaction.
pub fn schedule_dispatch(
    conn: &mut PgConnection,
    at: Option<DateTime<Utc>>,
    running: Option<crate::db::ids::JobId>,
) -> QueryResult<()> {
    // Only a queued run counts: two runs finishing together both queue one (the next run of
    // the two then sees the other and does not), never neither.
    diesel::sql_query(
        "INSERT INTO jobs (kind, run_at) SELECT $1, coalesce($2, now()) \
          WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) \
            AND NOT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND state = 'queued' AND id IS DISTINCT FROM $3)",
    )
    .bind::<Text, _>(DISPATCH_JOB)
    .bind::<Nullable<Timestamptz>, _>(at)
    .bind::<Nullable<BigInt>, _>(running.map(|j| j.get()))
    .execute(conn)
    .map(|_| ())
}

/// When `endpoint` is the only one on, the dispatcher starts from now: the events recorded
/// while no endpoint was on are nobody's (an endpoint hears only of events after it was
/// registered), and reading them would only delay the first delivery. In the transaction that
/// registers or turns on the endpoint, so that nothing committed after it is skipped.
pub fn start_from_now_if_alone(conn: &mut PgConnection, endpoint: WebhookEndpointId) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO event_positions (consumer, xid, id) \
         SELECT $1, (events_horizon()::text::int8 - 1)::text::xid8, 9223372036854775807 \
          WHERE NOT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled AND id <> $2) \
         ON CONFLICT (consumer) DO UPDATE SET xid = excluded.xid, id = excluded.id",
    )
    .bind::<Text, _>(CONSUMER)
    .bind::<BigInt, _>(endpoint.get())
    .execute(conn)
    .map(|_| ())
}

/// Each worker beat: a dispatcher queued if endpoints are on (after a restore, or a run lost
/// with its job), and old deliveries forgotten.
pub fn housekeeping(conn: &mut PgConnection) -> QueryResult<()> {
    schedule_dispatch(conn, None, None)?;
    queries::prune(conn).map(|_| ())
}

pub fn run_dispatch(
    ctx: &mut JobContext<'_>,
    _payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    // One snapshot for the whole batch (repeatable read): the events read and the horizon the
    // position moves to are seen at the same instant, so nothing committing in between is
    // passed over. A dispatcher that loses the race for the position row fails and runs again.
    let behind = ctx
        .conn
        .build_transaction()
        .repeatable_read()
        .run(dispatch_batch)
        .map_err(|e| JobError::Retry(format!("webhook dispatch: {e}")))?;
    let next = if behind { None } else { Some(Utc::now() + crate::config::webhooks().poll) };
    schedule_dispatch(ctx.conn, next, Some(ctx.job_id))?;
    Ok(None)
}

#[derive(QueryableByName)]
struct Stored {
    #[diesel(sql_type = BigInt)]
    xid: i64,
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// One batch; whether more events are waiting.
fn dispatch_batch(conn: &mut PgConnection) -> QueryResult<bool> {
    let stored: Option<Stored> =
        diesel::sql_query("SELECT xid::text::int8 AS xid, id FROM event_positions WHERE consumer = $1 FOR UPDATE")
            .bind::<Text, _>(CONSUMER)
            .get_result(conn)
            .optional()?;
    let endpoints = queries::enabled(conn)?;
    let Some(stored) = stored else {
        // The first run: from now on (endpoints registered later see only later events).
        let now = events::horizon(conn)?;
        return save_position(conn, now).map(|_| false);
    };
    let since = Position { xid: stored.xid, id: stored.id };
    if endpoints.is_empty() {
        let now = events::horizon(conn)?.max(since);
        return save_position(conn, now).map(|_| false);
    }
    let batch = events::read_after(conn, since, None, BATCH)?;
    let behind = batch.len() as i64 == BATCH;
    let about = subjects_of_comments(conn, &batch)?;
    let site = crate::config::site_url();
    for event in &batch {
        let Some(message) = events::public::message(conn, event, site)? else { continue };
        let body = message.to_string();
        let record_subject = (event.subject_kind.clone(), event.subject_ref);
        let comment_subject =
            about.iter().find(|(id, ..)| Some(*id) == event.subject_ref).map(|(_, k, r)| (Some(k.clone()), Some(*r)));
        for endpoint in endpoints.iter().filter(|e| matches(e, event, &record_subject, comment_subject.as_ref())) {
            let message_id = format!("msg_{}_{}", endpoint.id, event.id.get());
            queries::add_delivery(conn, endpoint.id, Some(event.id.get()), &event.kind, &message_id, &body)?;
        }
    }
    let next = match (behind, batch.last()) {
        (true, Some(last)) => last.position(),
        _ => events::horizon(conn)?.max(batch.last().map_or(since, Event::position)).max(since),
    };
    save_position(conn, next)?;
    Ok(behind)
}

fn save_position(conn: &mut PgConnection, at: Position) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO event_positions (consumer, xid, id) VALUES ($1, $2::text::xid8, $3) \
         ON CONFLICT (consumer) DO UPDATE SET xid = excluded.xid, id = excluded.id",
    )
    .bind::<Text, _>(CONSUMER)
    .bind::<Text, _>(at.xid.to_string())
    .bind::<BigInt, _>(at.id)
    .execute(conn)
    .map(|_| ())
}

#[derive(QueryableByName)]
struct CommentSubject {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    ref_id: i64,
}

/// What each comment of the batch is about (an endpoint limited to a forum hears of the
/// comments about it): `(comment id, kind, record id)`.
fn subjects_of_comments(conn: &mut PgConnection, batch: &[Event]) -> QueryResult<Vec<(i64, String, i64)>> {
    let ids: Vec<i64> =
        batch.iter().filter(|e| e.subject_kind.as_deref() == Some("comment")).filter_map(|e| e.subject_ref).collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<CommentSubject> = diesel::sql_query(
        "SELECT c.id, s.kind, s.ref_id FROM comments c JOIN subjects s ON s.id = c.subject_id WHERE c.id = ANY($1)",
    )
    .bind::<Array<BigInt>, _>(&ids)
    .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, r.kind, r.ref_id)).collect())
}

/// The event types endpoints may ask for: those of the public records (the change feed's).
pub fn deliverable(kind: &str) -> bool {
    events::EventType::parse(kind)
        .is_some_and(|t| !t.is_private() && crate::registry::get().record(t.record_kind()).is_some())
}

fn matches(
    endpoint: &Endpoint,
    event: &Event,
    record: &(Option<String>, Option<i64>),
    comment_subject: Option<&(Option<String>, Option<i64>)>,
) -> bool {
    if endpoint.created_at > event.at {
        return false;
    }
    if !endpoint.event_types.is_empty() && !endpoint.event_types.contains(&event.kind) {
        return false;
    }
    match (&endpoint.subject_kind, endpoint.subject_ref) {
        (Some(kind), Some(id)) => {
            let wanted = (Some(kind.clone()), Some(id));
            *record == wanted || comment_subject == Some(&wanted)
        }
        _ => true,
    }
}

/// What is sent for an event: its type, time and the record (type, id, key, what happened, its
/// address in the API, and its public representation as that address answers now — none once
/// it is deleted).
/// A test message for `endpoint`, queued now.
pub fn queue_test(conn: &mut PgConnection, endpoint: &Endpoint) -> QueryResult<(WebhookDeliveryId, String)> {
    let mut nonce = [0u8; 12];
    rand::thread_rng().fill(&mut nonce);
    let message_id = format!("msg_test_{}", hex(&nonce));
    let body = serde_json::json!({
        "type": "webhook.test",
        "timestamp": Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": {"endpoint_id": endpoint.id},
    })
    .to_string();
    let id = queries::add_delivery(conn, endpoint.id, None, "webhook.test", &message_id, &body)?
        .ok_or(diesel::result::Error::NotFound)?;
    Ok((id, message_id))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
