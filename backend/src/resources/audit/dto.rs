//! The audit trail in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::events::EventType;
use crate::types::Role;

/// Who did it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditActor {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
}

/// The record it was done to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditSubject {
    /// `forum`, `commitment`, `milestone`, `action_plan`, `comment`, `user`…
    #[serde(rename = "type")]
    pub kind: String,
    pub id: i64,
    /// How it was addressed then (a slug, an OGP code, an id).
    pub key: String,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// What was done, e.g. `forum.updated`, `user.updated`, `comment.hidden`.
    pub action: EventType,
    /// Null when the account no longer exists.
    pub actor: Option<AuditActor>,
    pub subject: Option<AuditSubject>,
    /// The record before (null for a creation). Comments are kept without their text.
    #[schema(value_type = Option<Object>)]
    pub before: serde_json::Value,
    /// The record after (null for a deletion).
    #[schema(value_type = Option<Object>)]
    pub after: serde_json::Value,
}

crate::page_type!(AuditPage, AuditEntry, "A page of the audit trail, newest first.");

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilters {
    /// Only what this account did (a user id).
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    #[param(minimum = 1)]
    pub actor: Option<i64>,
    /// Only this action (an event type; another word answers 400 `invalid_query`).
    #[param(value_type = Option<EventType>)]
    pub action: Option<String>,
    /// Only entries about this kind of record (`forum`, `commitment`, `user`…); with
    /// `subject_key`, about this one record.
    #[param(pattern = "^[a-z_]{1,40}$")]
    pub subject_type: Option<String>,
    /// The record's id or key (slug, OGP code), with `subject_type`.
    #[param(min_length = 1, max_length = 200)]
    pub subject_key: Option<String>,
    /// Only entries at or after this instant (RFC 3339).
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub from: Option<DateTime<Utc>>,
    /// Only entries before this instant (RFC 3339).
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub to: Option<DateTime<Utc>>,
}
