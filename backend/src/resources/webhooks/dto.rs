//! Webhook endpoints and their delivery log in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

/// The record an endpoint's events are limited to: a forum, a commitment, a milestone…, and the
/// comments about it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubjectFilter {
    /// The kind of record (`forum`, `commitment`, `milestone`, `action_item`…).
    #[serde(rename = "type")]
    pub kind: crate::subjects::SubjectKind,
    /// Its key, as in API URLs (a forum's slug, a commitment's code, an id).
    #[schema(min_length = 1, max_length = 200)]
    pub key: String,
}

/// An event type an endpoint may ask for: one of `EventType` whose record is in the change
/// feed (public records; private events are never sent), or `*` for every one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct WebhookEventType(pub String);

impl<'de> Deserialize<'de> for WebhookEventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        if name == "*" || super::dispatch::deliverable(&name) {
            Ok(WebhookEventType(name))
        } else {
            Err(serde::de::Error::custom(format!(
                "unknown event type {name:?}: one of the public records' (see WebhookEventType), or *"
            )))
        }
    }
}

/// In the contract: the list of those types, and `*`.
impl utoipa::PartialSchema for WebhookEventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        let mut names: Vec<serde_json::Value> = vec!["*".into()];
        names.extend(
            crate::registry::get()
                .event_types()
                .filter(|t| super::dispatch::deliverable(t.as_str()))
                .map(|t| t.as_str().into()),
        );
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(names))
            .description(Some(
                "An event type a webhook endpoint may receive: those of `EventType` about public records \
                 (the change feed's), or `*` for every one.",
            ))
            .into()
    }
}

impl ToSchema for WebhookEventType {}

/// A webhook endpoint, as its managers see it: never its secret.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 3, "url": "https://civic.example.org/hooks/opendetat", "description": "Tableau de bord",
    "event_types": ["comment.created", "progress_update.created"], "subject": {"type": "forum", "key": "2027-01-espace-de-dialogue-en-ligne"},
    "app_token_id": 12, "enabled": true, "disabled_reason": null, "failing_since": null,
    "secret_rotating_until": null, "created_at": "2026-12-04T09:00:00Z", "updated_at": "2026-12-04T09:00:00Z"
}))]
pub struct WebhookEndpointView {
    pub id: i64,
    pub url: String,
    pub description: String,
    /// The event types it receives; `["*"]`: every type.
    pub event_types: Vec<WebhookEventType>,
    /// Only events about this record (and comments about it), when set.
    pub subject: Option<SubjectFilter>,
    /// The app token whose holders manage it (null: registered by an admin).
    pub app_token_id: Option<i64>,
    /// Off: nothing is sent. Turned off by its managers, or by the platform (`disabled_reason`).
    pub enabled: bool,
    /// Why it is off: `gone` (it answered 410 Gone), `failing` (every delivery failed for five
    /// days), `owner` (its managers turned it off).
    pub disabled_reason: Option<String>,
    /// Since when every delivery has failed (null: the last one succeeded).
    pub failing_since: Option<DateTime<Utc>>,
    /// During a secret rotation, until when the previous secret signs too.
    pub secret_rotating_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An endpoint just registered, or a secret just rotated: the only answers that hold the secret.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookEndpointWithSecret {
    /// The signing secret (`whsec_` and base64), shown this once: verify each delivery's
    /// `webhook-signature` with it (any Standard Webhooks library does).
    pub secret: String,
    pub endpoint: WebhookEndpointView,
}

/// A new endpoint.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "url": "https://civic.example.org/hooks/opendetat", "event_types": ["comment.created"],
    "subject": {"type": "forum", "key": "2027-01-espace-de-dialogue-en-ligne"}, "description": "Tableau de bord"
}))]
pub struct NewWebhookEndpoint {
    /// Where deliveries are POSTed. Besides its form, the server checks (409
    /// `webhook_url_refused`, naming the reason): `https` (plain `http` only in dev or where
    /// `WEBHOOK_ALLOW_PRIVATE` is set: `https_required`), no user name or password
    /// (`credentials_in_url`), a URL the server can parse (`invalid_url`), a host that resolves
    /// (`unresolvable_host`) to public addresses only (`private_address`).
    #[validate(length(min = 10, max = 2000))]
    #[schema(min_length = 10, max_length = 2000, pattern = "^[Hh][Tt][Tt][Pp][Ss]?://")]
    pub url: String,
    /// Event types to receive, or `["*"]` for every one (a `*` among others means every one too).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub event_types: Vec<WebhookEventType>,
    /// Only events about this record (and the comments about it).
    pub subject: Option<SubjectFilter>,
    /// What it is for (at most 500 characters).
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    #[serde(default)]
    pub description: String,
}

/// Changes to an endpoint; absent fields stay as they are. Turning it on again clears why it
/// was off.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"enabled": true}))]
pub struct WebhookEndpointPatch {
    /// Checked as at registration.
    #[validate(length(min = 10, max = 2000))]
    #[schema(min_length = 10, max_length = 2000, pattern = "^[Hh][Tt][Tt][Pp][Ss]?://")]
    pub url: Option<String>,
    #[validate(length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub event_types: Option<Vec<WebhookEventType>>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub description: Option<String>,
    pub enabled: Option<bool>,
}

crate::page_type!(WebhookEndpointPage, WebhookEndpointView, "A page of webhook endpoints, the newest first.");

/// One attempt to deliver a message: the delivery log.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 88, "delivery_id": 41, "message_id": "msg_3_1207", "event_type": "comment.created",
    "at": "2026-12-04T09:00:01Z", "attempt": 2, "status_code": 503, "duration_ms": 120,
    "error": "answered 503", "delivery_state": "pending"
}))]
pub struct WebhookAttemptView {
    pub id: i64,
    /// The message attempted (`POST /webhooks/{id}/deliveries/{delivery}/resend` sends it again).
    pub delivery_id: i64,
    /// Its `webhook-id`, the same on every attempt.
    pub message_id: String,
    pub event_type: String,
    pub at: DateTime<Utc>,
    /// 1 for the first attempt.
    pub attempt: i32,
    /// What the endpoint answered (null: no answer).
    pub status_code: Option<i32>,
    pub duration_ms: i32,
    /// What went wrong, if anything (a timeout, a refused connection, the status).
    pub error: Option<String>,
    /// Where the message stands now: `pending` (another attempt will come), `succeeded`, `failed`.
    pub delivery_state: String,
}

crate::page_type!(WebhookAttemptPage, WebhookAttemptView, "A page of the delivery log, the newest first.");

/// A message queued for sending (a test message, or one sent again).
#[derive(Debug, Serialize, ToSchema)]
pub struct QueuedDelivery {
    pub delivery_id: i64,
    pub message_id: String,
}
