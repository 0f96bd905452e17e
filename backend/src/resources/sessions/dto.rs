//! Sessions in the contract.

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::session::SessionRow;

/// A signed-in device.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 42, "device": "Firefox · Linux", "address_family": "ipv4",
    "created_at": "2026-12-05T09:12:00Z", "last_used_at": "2026-12-05T10:40:00Z",
    "expires_at": "2026-12-05T11:40:00Z", "current": true, "provider": "proconnect"
}))]
pub struct SessionView {
    pub id: i64,
    /// The browser and system, as the user agent named them (the string itself is not kept).
    pub device: String,
    /// `ipv4` or `ipv6` (the address is not kept).
    pub address_family: String,
    pub created_at: DateTime<Utc>,
    /// To the minute.
    pub last_used_at: DateTime<Utc>,
    /// When its token expires unless extended.
    pub expires_at: DateTime<Utc>,
    /// The session this request came with.
    pub current: bool,
    /// Signed in at ProConnect or FranceConnect; none for a password.
    pub provider: Option<crate::auth::oidc::ProviderId>,
}

impl SessionView {
    pub fn new(row: SessionRow, current: Option<crate::db::ids::SessionId>) -> SessionView {
        SessionView {
            id: row.id.get(),
            device: row.device,
            address_family: row.address_family,
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            expires_at: row.expires_at,
            current: current == Some(row.id),
            provider: row.provider.as_deref().and_then(crate::auth::oidc::ProviderId::parse),
        }
    }
}

/// One's sessions still on, the newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct MySessions {
    pub items: Vec<SessionView>,
}

/// Signed out of a session begun at a provider: where to send the browser to end the
/// provider's session too.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedOut {
    #[schema(
        example = "https://auth.example.gouv.fr/session/end?id_token_hint=…&post_logout_redirect_uri=https%3A%2F%2Fopendetat.example.gouv.fr%2F&state=…"
    )]
    pub end_session_url: String,
}
