//! API tokens in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::api_token::ApiToken;
use crate::types::{Scope, TokenKind};

/// A token as its owner (or an admin) sees it: never its secret.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": 12, "kind": "personal", "name": "Script de suivi FR0041", "contact": null,
    "owner": {"id": 7, "display_name": "Camille Martin"},
    "scopes": ["read", "comment"], "prefix": "odet_pat_Xy3k",
    "created_at": "2026-12-04T09:00:00Z", "expires_at": "2027-06-30T00:00:00Z", "revoked_at": null,
    "last_used_at": "2026-12-04T10:12:00Z", "last_used_family": "ipv4"
}))]
pub struct ApiTokenView {
    pub id: i64,
    pub kind: TokenKind,
    pub name: String,
    /// Who to reach about the app (app tokens only).
    pub contact: Option<String>,
    /// The account the token acts for.
    pub owner: TokenOwner,
    pub scopes: Vec<Scope>,
    /// The token's first characters, to recognise it (the rest is never shown again).
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    /// After this instant the token answers 401 `api_token_expired` (null: no expiry).
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked (then it answers 401 `api_token_revoked`).
    pub revoked_at: Option<DateTime<Utc>>,
    /// Its last use, to the minute.
    pub last_used_at: Option<DateTime<Utc>>,
    /// The address family of its last use (`ipv4` or `ipv6`): no address is kept.
    pub last_used_family: Option<String>,
}

/// The account a token acts for.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOwner {
    pub id: i64,
    pub display_name: String,
}

impl ApiTokenView {
    pub fn new(token: ApiToken, owner_name: String) -> ApiTokenView {
        ApiTokenView {
            id: token.id.get(),
            kind: token.kind,
            name: token.name,
            contact: token.contact,
            owner: TokenOwner { id: token.owner_id.get(), display_name: owner_name },
            scopes: token.scopes,
            prefix: token.prefix,
            created_at: token.created_at,
            expires_at: token.expires_at,
            revoked_at: token.revoked_at,
            last_used_at: token.last_used_at,
            last_used_family: token.last_used_family,
        }
    }
}

/// A token just created: the only answer that holds its secret.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "token": "odet_pat_Xy3kQ0v8mC1hTq9cW2pL7sJfYx4RbN6aDe5uGiKo3zA",
    "details": {"id": 12, "kind": "personal", "name": "Script de suivi FR0041", "contact": null,
      "owner": {"id": 7, "display_name": "Camille Martin"}, "scopes": ["read", "comment"],
      "prefix": "odet_pat_Xy3k", "created_at": "2026-12-04T09:00:00Z", "expires_at": null,
      "revoked_at": null, "last_used_at": null, "last_used_family": null}
}))]
pub struct CreatedApiToken {
    /// The secret, shown this once: send it as `Authorization: Bearer <token>`. Keep it like a
    /// password; it is stored hashed and cannot be shown again.
    pub token: String,
    pub details: ApiTokenView,
}

/// A personal token for one's own scripts.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Script de suivi FR0041", "scopes": ["read", "comment"], "expires_at": "2027-06-30T00:00:00Z"}))]
pub struct NewPersonalToken {
    /// What the token is for, to recognise it in the list (1–100 characters).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// What it may do: at least one scope, each allowed by the account's role (`account` never).
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub scopes: Vec<Scope>,
    /// When it stops working, in the future (none: until revoked).
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token an admin issues to an organisation's app.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Tableau de bord de l'association Regards Citoyens", "contact": "tech@example.org", "owner_id": 7, "scopes": ["read"], "expires_at": "2027-12-31T00:00:00Z"}))]
pub struct NewAppToken {
    /// The app's name (1–100 characters).
    #[validate(length(min = 1, max = 100))]
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    /// Who to reach about the app: an address, a name (3–200 characters).
    #[validate(length(min = 3, max = 200))]
    #[schema(min_length = 3, max_length = 200)]
    pub contact: String,
    /// The account the app acts for: its scopes never exceed that account's role.
    #[schema(minimum = 1)]
    pub owner_id: i64,
    /// What it may do: at least one scope, each allowed by the owner's role (`account` never).
    #[validate(length(min = 1, max = 10))]
    #[schema(min_items = 1, max_items = 10)]
    pub scopes: Vec<Scope>,
    /// When it stops working, in the future (none: until revoked).
    pub expires_at: Option<DateTime<Utc>>,
}

crate::page_type!(ApiTokenPage, ApiTokenView, "A page of app tokens, the newest first.");

/// The signed-in member's personal tokens that are not revoked, the newest first (at most 50
/// work at once).
#[derive(Debug, Serialize, ToSchema)]
pub struct MyApiTokens {
    pub items: Vec<ApiTokenView>,
}
