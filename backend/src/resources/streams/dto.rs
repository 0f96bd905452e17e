use serde::Serialize;
use utoipa::ToSchema;

/// The `data` of a subject stream's message: the event and the changed record (the same body
/// webhooks receive).
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct StreamMessage {
    /// The event type (`comment.created`…).
    #[schema(value_type = crate::events::EventType)]
    pub r#type: String,
    /// When it happened (RFC 3339, to the second).
    pub timestamp: chrono::DateTime<chrono::Utc>,
    pub data: StreamChange,
}

/// What changed.
#[derive(Serialize, ToSchema)]
#[allow(dead_code)]
pub struct StreamChange {
    /// The kind of record (`comment`, `milestone`…).
    pub r#type: String,
    pub id: i64,
    /// How the record is addressed in URLs.
    pub key: String,
    /// `created`, `updated` or `deleted`.
    pub change: String,
    /// The record's address in the API.
    pub url: String,
    /// Its public representation now, as its GET answers it; absent when it is gone.
    #[schema(value_type = Option<Object>)]
    pub record: Option<serde_json::Value>,
}
