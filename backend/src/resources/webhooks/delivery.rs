//! One delivery job per message (`webhook_delivery`): one attempt, outside any transaction (an
//! endpoint that takes its 5 seconds must not hold the event log's readers back), then its
//! outcome in one: the log row, the delivery's state, the endpoint's failure streak, and the next
//! attempt's job on the retry schedule (jitter ±20 %). 410 Gone turns the endpoint off; so do
//! five days of failures, telling whom the endpoint answers to. A worker that dies mid-attempt
//! has its job taken back after the lease: the message may then arrive twice, with the same
//! `webhook-id` for the receiver to drop.

use std::io::Read;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};
use rand::Rng;

use super::queries::{self, Delivery, Endpoint, EndpointChanges, WebhookDeliveryId, WebhookEndpointId};
use crate::jobs::worker::{JobContext, JobError};

pub const DELIVERY_JOB: &str = "webhook_delivery";
/// At most this much of an endpoint's answer is read.
const MAX_ANSWER: u64 = 64 * 1024;
/// Connecting and answering, in all.
const TIMEOUT: Duration = Duration::from_secs(5);
/// An endpoint that has failed every delivery for this long is turned off.
const FAILING_FOR: chrono::TimeDelta = chrono::TimeDelta::days(5);

/// What an attempt came to.
#[derive(Debug)]
struct Outcome {
    status: Option<u16>,
    duration: Duration,
    error: Option<String>,
}

/// The client deliveries go out with: no redirects followed, 5 s in all, and a resolver that
/// connects only to addresses the guard allows (checked on every new connection, so at each
/// delivery that does not reuse a connection to an address already checked: DNS rebinding).
/// One for the process: its TLS set-up is made once and its connections are kept alive.
fn agent() -> &'static ureq::Agent {
    static AGENT: std::sync::OnceLock<ureq::Agent> = std::sync::OnceLock::new();
    AGENT.get_or_init(|| build_agent(crate::config::webhooks().allow_private))
}

fn build_agent(allow_private: bool) -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout(TIMEOUT)
        .redirects(0)
        .user_agent(concat!("OpenDEtat-Webhooks/", env!("CARGO_PKG_VERSION")))
        .resolver(move |netloc: &str| -> std::io::Result<Vec<std::net::SocketAddr>> {
            let (host, port) = netloc
                .rsplit_once(':')
                .and_then(|(h, p)| Some((h, p.parse::<u16>().ok()?)))
                .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "no port"))?;
            super::address::resolve(host, port, allow_private)
                .map_err(|(_, why)| std::io::Error::new(std::io::ErrorKind::PermissionDenied, why))
        })
        .build()
}

fn attempt(endpoint: &Endpoint, delivery: &Delivery) -> Outcome {
    let now = Utc::now();
    let timestamp = now.timestamp();
    let signatures: Vec<String> = endpoint
        .signing_secrets(now)
        .into_iter()
        .map(|s| super::sign::signature(s, &delivery.message_id, timestamp, &delivery.body))
        .collect();
    let started = Instant::now();
    let result = agent()
        .post(&endpoint.url)
        .set("content-type", "application/json")
        .set("webhook-id", &delivery.message_id)
        .set("webhook-timestamp", &timestamp.to_string())
        .set("webhook-signature", &signatures.join(" "))
        .send_string(&delivery.body);
    let (status, error) = match result {
        Ok(answer) => {
            let status = answer.status();
            drain(answer);
            let error = (!(200..300).contains(&status)).then(|| format!("answered {status}"));
            (Some(status), error)
        }
        Err(ureq::Error::Status(status, answer)) => {
            drain(answer);
            (Some(status), Some(format!("answered {status}")))
        }
        Err(ureq::Error::Transport(t)) => (None, Some(transport_error(&t))),
    };
    Outcome { status, duration: started.elapsed(), error }
}

/// Reads (and drops) at most `MAX_ANSWER` bytes of an answer.
fn drain(answer: ureq::Response) {
    let mut sink = Vec::new();
    let _ = answer.into_reader().take(MAX_ANSWER).read_to_end(&mut sink);
}

/// What went wrong, in words for the delivery log (never the URL's query, which may hold a key).
fn transport_error(t: &ureq::Transport) -> String {
    let what = match t.kind() {
        ureq::ErrorKind::Dns => "the host does not resolve, or only to addresses webhooks may not call",
        ureq::ErrorKind::ConnectionFailed => "the connection failed",
        ureq::ErrorKind::Io => "no answer in time, or the connection broke",
        ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => "the URL cannot be called",
        ureq::ErrorKind::BadStatus | ureq::ErrorKind::BadHeader => "the answer is not valid HTTP",
        ureq::ErrorKind::TooManyRedirects => "redirects are not followed",
        _ => "the delivery failed",
    };
    match t.message() {
        Some(detail) if t.kind() == ureq::ErrorKind::Dns => format!("{what} ({detail})"),
        _ => what.to_string(),
    }
}

pub fn run_delivery(
    ctx: &mut JobContext<'_>,
    payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let id = payload
        .get("delivery_id")
        .and_then(|v| v.as_i64())
        .map(WebhookDeliveryId)
        .ok_or_else(|| JobError::Permanent("no delivery_id".into()))?;
    let found: Option<(Delivery, Endpoint)> = crate::db::schema::webhook_deliveries::table
        .inner_join(crate::db::schema::webhook_endpoints::table)
        .filter(crate::db::schema::webhook_deliveries::id.eq(id))
        .select((Delivery::as_select(), Endpoint::as_select()))
        .first(ctx.conn)
        .optional()?;
    // Gone with its endpoint, already delivered, or the endpoint is off: nothing to send.
    let Some((delivery, endpoint)) = found else { return Ok(None) };
    if delivery.state != "pending" || !endpoint.enabled {
        return Ok(None);
    }
    let outcome = attempt(&endpoint, &delivery);
    ctx.conn
        .transaction(|conn| record_outcome(conn, &delivery, endpoint.id, &outcome))
        .map_err(|e| JobError::Retry(format!("webhook delivery: {e}")))?;
    Ok(None)
}

fn record_outcome(
    conn: &mut PgConnection,
    delivery: &Delivery,
    endpoint_id: WebhookEndpointId,
    outcome: &Outcome,
) -> QueryResult<()> {
    use crate::db::schema::{webhook_attempts as a, webhook_deliveries as d};
    // The endpoint as it is now, locked: its managers may have changed it meanwhile.
    let Some(endpoint) = queries::find_managed(conn, endpoint_id, queries::Manager::Admin)? else { return Ok(()) };
    let attempt = delivery.attempts + 1;
    diesel::insert_into(a::table)
        .values((
            a::delivery_id.eq(delivery.id),
            a::endpoint_id.eq(endpoint.id),
            a::attempt.eq(attempt),
            a::status_code.eq(outcome.status.map(i32::from)),
            a::duration_ms.eq(outcome.duration.as_millis().min(i32::MAX as u128) as i32),
            a::error.eq(&outcome.error),
        ))
        .execute(conn)?;
    let now = Utc::now();
    let schedule = crate::config::webhooks().retry_schedule;
    // The failure streak is bookkeeping, not a change anyone made: written as is. Turning the
    // endpoint off is audited.
    let streak = |conn: &mut PgConnection, since: Option<DateTime<Utc>>| -> QueryResult<()> {
        use crate::db::schema::webhook_endpoints as e;
        diesel::update(e::table.find(endpoint.id)).set(e::failing_since.eq(since)).execute(conn).map(|_| ())
    };
    let mut turn_off: Option<(&str, DateTime<Utc>)> = None;
    let state = if outcome.error.is_none() {
        if endpoint.failing_since.is_some() {
            streak(conn, None)?;
        }
        "succeeded"
    } else if outcome.status == Some(410) {
        turn_off = Some(("gone", endpoint.failing_since.unwrap_or(now)));
        "failed"
    } else {
        let since = endpoint.failing_since.unwrap_or(now);
        if endpoint.failing_since.is_none() {
            streak(conn, Some(since))?;
        }
        if now - since >= FAILING_FOR {
            turn_off = Some(("failing", since));
            "failed"
        } else {
            match schedule.get((attempt - 1) as usize) {
                Some(wait) => {
                    let jitter = rand::thread_rng().gen_range(0.8..1.2);
                    let wait = chrono::TimeDelta::from_std(wait.mul_f64(jitter)).unwrap_or(chrono::TimeDelta::hours(1));
                    let payload = serde_json::json!({ "delivery_id": delivery.id });
                    crate::jobs::enqueue_at(conn, DELIVERY_JOB, payload, Some(now + wait))?;
                    "pending"
                }
                None => "failed",
            }
        }
    };
    diesel::update(d::table.find(delivery.id)).set((d::state.eq(state), d::attempts.eq(attempt))).execute(conn)?;
    if let Some((reason, since)) = turn_off {
        let off = EndpointChanges {
            enabled: Some(false),
            disabled_reason: Some(Some(reason.into())),
            failing_since: Some(Some(since)),
            ..Default::default()
        };
        queries::update(conn, &endpoint, off, super::events::ENDPOINT_DISABLED, None)?;
        if reason == "failing" {
            tell_who_answers_for(conn, &endpoint)?;
        }
    }
    Ok(())
}

/// Mails whom the endpoint answers to (its app's owner; for the platform's, the admin who
/// registered it) that five days of failures turned it off, with a link to its page. In the
/// transaction that turns it off.
fn tell_who_answers_for(conn: &mut PgConnection, endpoint: &Endpoint) -> QueryResult<()> {
    let who: Option<i64> = diesel::sql_query(
        "SELECT coalesce((SELECT owner_id FROM api_tokens WHERE id = e.app_token_id), e.created_by) AS id \
           FROM webhook_endpoints e WHERE e.id = $1",
    )
    .bind::<BigInt, _>(endpoint.id.get())
    .get_result::<OptionalId>(conn)
    .optional()?
    .and_then(|r| r.id);
    let Some(user) = who.map(crate::db::ids::UserId) else { return Ok(()) };
    let Some(user) = crate::auth::user::find(conn, user)? else { return Ok(()) };
    // In the web app too (no second mail: this one is the mail).
    let event: Option<i64> = diesel::sql_query(
        "SELECT max(id) AS id FROM events WHERE type = $1 AND subject_kind = 'webhook_endpoint' AND subject_ref = $2",
    )
    .bind::<Text, _>(super::events::ENDPOINT_DISABLED.as_str())
    .bind::<BigInt, _>(endpoint.id.get())
    .get_result::<OptionalId>(conn)?
    .id;
    if let Some(event) = event {
        crate::resources::notifications::queries::notify_directly(
            conn,
            user.id,
            event,
            crate::resources::notifications::NotificationReason::WebhookDisabled,
        )?;
    }
    let page = match endpoint.app_token_id {
        Some(_) => format!("{}/compte/webhooks/{}", crate::config::site_url(), endpoint.id),
        None => format!("{}/admin/webhooks/{}", crate::config::site_url(), endpoint.id),
    };
    crate::mail::enqueue(
        conn,
        &crate::mail::Outgoing {
            to: user.email,
            name: user.display_name,
            locale: user.locale,
            template: crate::mail::templates::Template::WebhookDisabled,
            link: Some(page),
            forum: None,
            note: Some(crate::mail::MailNote { text: endpoint.url.clone(), until: None }),
            notices: Vec::new(),
        },
    )
    .map(|_| ())
}

#[derive(QueryableByName)]
struct OptionalId {
    #[diesel(sql_type = Nullable<BigInt>)]
    id: Option<i64>,
}
