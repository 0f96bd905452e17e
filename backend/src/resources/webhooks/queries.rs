//! Endpoints, deliveries and the delivery log as stored. Each change to an endpoint records its
//! audited event in the same transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::auth::api_token::ApiTokenId;
use crate::db::ids::UserId;
use crate::db::schema::{api_tokens, webhook_attempts, webhook_deliveries, webhook_endpoints};
use crate::events::{self, EventSubject, NewEvent};

crate::typed_id! {
    /// A webhook endpoint's id.
    WebhookEndpointId,
    /// A message to one endpoint (a delivery, attempted until it succeeds).
    WebhookDeliveryId
}

/// How long the previous secret keeps signing after a rotation.
pub const ROTATION_OVERLAP: chrono::TimeDelta = chrono::TimeDelta::hours(24);
/// At most this many endpoints per app (and for the platform): each event is sent to every
/// endpoint that asks for it, so more would only multiply the platform's outgoing traffic.
pub const MAX_ENDPOINTS: i64 = 20;
/// Deliveries and their attempts are kept this long.
pub const KEPT_DAYS: i32 = 30;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_endpoints, check_for_backend(diesel::pg::Pg))]
pub struct Endpoint {
    pub id: WebhookEndpointId,
    pub app_token_id: Option<ApiTokenId>,
    pub url: String,
    pub description: String,
    pub event_types: Vec<String>,
    pub subject_kind: Option<String>,
    pub subject_ref: Option<i64>,
    pub subject_key: Option<String>,
    pub secret: String,
    pub previous_secret: Option<String>,
    pub previous_secret_until: Option<DateTime<Utc>>,
    pub enabled: bool,
    pub disabled_reason: Option<String>,
    pub failing_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Endpoint {
    /// The secrets that sign now: the current one, and the previous during a rotation.
    pub fn signing_secrets(&self, now: DateTime<Utc>) -> Vec<&str> {
        let mut secrets = vec![self.secret.as_str()];
        if let (Some(previous), Some(until)) = (&self.previous_secret, self.previous_secret_until) {
            if until > now {
                secrets.push(previous);
            }
        }
        secrets
    }
}

/// Who manages the endpoints a request reaches: an app (through its token), the account its
/// tokens act for (signed in: every endpoint of its apps), or the admins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    App(ApiTokenId),
    Owner(UserId),
    Admin,
}

/// The app tokens `owner` holds.
fn tokens_of(
    owner: UserId,
) -> diesel::dsl::Select<
    diesel::dsl::Filter<api_tokens::table, diesel::dsl::Eq<api_tokens::owner_id, UserId>>,
    diesel::dsl::Nullable<api_tokens::id>,
> {
    api_tokens::table.filter(api_tokens::owner_id.eq(owner)).select(api_tokens::id.nullable())
}

#[derive(Insertable)]
#[diesel(table_name = webhook_endpoints)]
pub struct NewEndpoint<'a> {
    pub app_token_id: Option<ApiTokenId>,
    pub created_by: UserId,
    pub url: &'a str,
    pub description: &'a str,
    pub event_types: &'a [String],
    pub subject_kind: Option<&'a str>,
    pub subject_ref: Option<i64>,
    pub subject_key: Option<&'a str>,
    pub secret: &'a str,
}

fn subject(endpoint: &Endpoint) -> EventSubject {
    EventSubject::new("webhook_endpoint", endpoint.id.get(), endpoint.id.to_string())
}

/// What the audit trail keeps of an endpoint (never its secrets).
fn audited(e: &Endpoint) -> serde_json::Value {
    serde_json::json!({
        "id": e.id, "app_token_id": e.app_token_id, "url": e.url, "description": e.description,
        "event_types": e.event_types, "subject_kind": e.subject_kind, "subject_key": e.subject_key,
        "enabled": e.enabled, "disabled_reason": e.disabled_reason,
        "previous_secret_until": e.previous_secret_until,
    })
}

/// How many endpoints the app `token` (the platform: `None`) has.
pub fn count_of(conn: &mut PgConnection, token: Option<ApiTokenId>) -> QueryResult<i64> {
    let query = webhook_endpoints::table.count().into_boxed();
    match token {
        Some(token) => query.filter(webhook_endpoints::app_token_id.eq(token)).get_result(conn),
        None => query.filter(webhook_endpoints::app_token_id.is_null()).get_result(conn),
    }
}

pub fn insert(conn: &mut PgConnection, new: &NewEndpoint<'_>) -> QueryResult<Endpoint> {
    let endpoint: Endpoint = diesel::insert_into(webhook_endpoints::table)
        .values(new)
        .returning(Endpoint::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(super::events::ENDPOINT_CREATED)
            .subject(subject(&endpoint))
            .by(new.created_by)
            .audit::<(), _>(None, Some(&audited(&endpoint))),
    )?;
    super::dispatch::start_from_now_if_alone(conn, endpoint.id)?;
    super::dispatch::schedule_dispatch(conn, None, None)?;
    Ok(endpoint)
}

/// The endpoint `id` if `manager` manages it, locked for update.
pub fn find_managed(conn: &mut PgConnection, id: WebhookEndpointId, manager: Manager) -> QueryResult<Option<Endpoint>> {
    let query =
        webhook_endpoints::table.filter(webhook_endpoints::id.eq(id)).select(Endpoint::as_select()).for_update();
    match manager {
        Manager::App(token) => query.filter(webhook_endpoints::app_token_id.eq(token)).first(conn).optional(),
        Manager::Owner(owner) => {
            query.filter(webhook_endpoints::app_token_id.eq_any(tokens_of(owner))).first(conn).optional()
        }
        Manager::Admin => query.first(conn).optional(),
    }
}

/// The endpoints `manager` manages, the newest first, after the cursor `after`.
pub fn list(
    conn: &mut PgConnection,
    manager: Manager,
    after: Option<WebhookEndpointId>,
    limit: i64,
) -> QueryResult<Vec<Endpoint>> {
    let mut query = webhook_endpoints::table.into_boxed();
    match manager {
        Manager::App(token) => query = query.filter(webhook_endpoints::app_token_id.eq(token)),
        Manager::Owner(owner) => query = query.filter(webhook_endpoints::app_token_id.eq_any(tokens_of(owner))),
        Manager::Admin => {}
    }
    if let Some(after) = after {
        query = query.filter(webhook_endpoints::id.lt(after));
    }
    query.order(webhook_endpoints::id.desc()).limit(limit).select(Endpoint::as_select()).load(conn)
}

/// What a change sets; `None` leaves a column alone.
#[derive(AsChangeset, Default)]
#[diesel(table_name = webhook_endpoints)]
pub struct EndpointChanges {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<String>>,
    pub enabled: Option<bool>,
    pub disabled_reason: Option<Option<String>>,
    pub failing_since: Option<Option<DateTime<Utc>>>,
    pub secret: Option<String>,
    pub previous_secret: Option<Option<String>>,
    pub previous_secret_until: Option<Option<DateTime<Utc>>>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Applies `changes` to `before` (the row as locked), recording the audited event (`actor`
/// `None`: the platform did it, e.g. turning off an endpoint that answered 410).
pub fn update(
    conn: &mut PgConnection,
    before: &Endpoint,
    changes: EndpointChanges,
    kind: crate::events::EventType,
    actor: Option<UserId>,
) -> QueryResult<Endpoint> {
    let changes = EndpointChanges { updated_at: Some(Utc::now()), ..changes };
    let after: Endpoint = diesel::update(webhook_endpoints::table.find(before.id))
        .set(&changes)
        .returning(Endpoint::as_returning())
        .get_result(conn)?;
    let mut event = NewEvent::new(kind).subject(subject(&after)).audit(Some(&audited(before)), Some(&audited(&after)));
    if let Some(actor) = actor {
        event = event.by(actor);
    }
    events::record(conn, event)?;
    if after.enabled && !before.enabled {
        super::dispatch::start_from_now_if_alone(conn, after.id)?;
    }
    if after.enabled {
        super::dispatch::schedule_dispatch(conn, None, None)?;
    }
    Ok(after)
}

pub fn delete(conn: &mut PgConnection, endpoint: &Endpoint, actor: UserId) -> QueryResult<()> {
    diesel::delete(webhook_endpoints::table.find(endpoint.id)).execute(conn)?;
    events::record(
        conn,
        NewEvent::new(super::events::ENDPOINT_DELETED)
            .subject(subject(endpoint))
            .by(actor)
            .audit::<_, ()>(Some(&audited(endpoint)), None),
    )
}

/// Every endpoint that is on (the dispatcher matches events against them: a few hundred at most).
pub fn enabled(conn: &mut PgConnection) -> QueryResult<Vec<Endpoint>> {
    webhook_endpoints::table
        .filter(webhook_endpoints::enabled)
        .order(webhook_endpoints::id)
        .select(Endpoint::as_select())
        .load(conn)
}

/// A delivery as the delivery job reads it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = webhook_deliveries, check_for_backend(diesel::pg::Pg))]
pub struct Delivery {
    pub id: WebhookDeliveryId,
    pub message_id: String,
    pub body: String,
    pub state: String,
    pub attempts: i32,
}

/// A new message for `endpoint` (`event`: `None` for a test message), with its delivery job,
/// unless that event was already given to that endpoint. Returns it when it is new.
pub fn add_delivery(
    conn: &mut PgConnection,
    endpoint: WebhookEndpointId,
    event: Option<i64>,
    event_type: &str,
    message_id: &str,
    body: &str,
) -> QueryResult<Option<WebhookDeliveryId>> {
    let id: Option<WebhookDeliveryId> = diesel::insert_into(webhook_deliveries::table)
        .values((
            webhook_deliveries::endpoint_id.eq(endpoint),
            webhook_deliveries::event_id.eq(event),
            webhook_deliveries::event_type.eq(event_type),
            webhook_deliveries::message_id.eq(message_id),
            webhook_deliveries::body.eq(body),
        ))
        .on_conflict_do_nothing()
        .returning(webhook_deliveries::id)
        .get_result(conn)
        .optional()?;
    if let Some(id) = id {
        crate::jobs::enqueue(conn, super::delivery::DELIVERY_JOB, serde_json::json!({ "delivery_id": id }))?;
    }
    Ok(id)
}

/// The delivery `id` of `endpoint`, locked.
pub fn find_delivery(
    conn: &mut PgConnection,
    endpoint: WebhookEndpointId,
    id: WebhookDeliveryId,
) -> QueryResult<Option<Delivery>> {
    webhook_deliveries::table
        .filter(webhook_deliveries::id.eq(id))
        .filter(webhook_deliveries::endpoint_id.eq(endpoint))
        .select(Delivery::as_select())
        .for_update()
        .first(conn)
        .optional()
}

/// Sends `delivery` again (its next attempt, now), whatever became of it.
pub fn resend(conn: &mut PgConnection, delivery: &Delivery) -> QueryResult<()> {
    diesel::update(webhook_deliveries::table.find(delivery.id))
        .set(webhook_deliveries::state.eq("pending"))
        .execute(conn)?;
    crate::jobs::enqueue(conn, super::delivery::DELIVERY_JOB, serde_json::json!({ "delivery_id": delivery.id }))?;
    Ok(())
}

/// A row of the delivery log.
#[derive(Debug, Queryable)]
pub struct AttemptRow {
    pub id: i64,
    pub delivery_id: WebhookDeliveryId,
    pub message_id: String,
    pub event_type: String,
    pub at: DateTime<Utc>,
    pub attempt: i32,
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    pub error: Option<String>,
    pub delivery_state: String,
}

/// `endpoint`'s delivery log, the newest first, after the cursor `after`.
pub fn attempts(
    conn: &mut PgConnection,
    endpoint: WebhookEndpointId,
    after: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<AttemptRow>> {
    let mut query = webhook_attempts::table
        .inner_join(webhook_deliveries::table)
        .filter(webhook_attempts::endpoint_id.eq(endpoint))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(webhook_attempts::id.lt(after));
    }
    query
        .order(webhook_attempts::id.desc())
        .limit(limit)
        .select((
            webhook_attempts::id,
            webhook_attempts::delivery_id,
            webhook_deliveries::message_id,
            webhook_deliveries::event_type,
            webhook_attempts::at,
            webhook_attempts::attempt,
            webhook_attempts::status_code,
            webhook_attempts::duration_ms,
            webhook_attempts::error,
            webhook_deliveries::state,
        ))
        .load(conn)
}

/// Forgets deliveries (and their attempts) older than `KEPT_DAYS`, a batch at a time.
pub fn prune(conn: &mut PgConnection) -> QueryResult<usize> {
    diesel::sql_query(
        "DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM webhook_deliveries \
          WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT 1000)",
    )
    .bind::<diesel::sql_types::Integer, _>(KEPT_DAYS)
    .execute(conn)
}
