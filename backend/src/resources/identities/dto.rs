//! Identities at providers in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::oidc::ProviderId;
use crate::auth::password::MAX_PASSWORD_LEN;
use crate::resources::shared::refs::InstitutionRef;

/// A provider one can sign in with here (only those configured are listed).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "id": "proconnect", "name": "ProConnect" }))]
pub struct IdentityProvider {
    pub id: ProviderId,
    pub name: String,
}

/// Where to come back to in the web app once signed in.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StartQuery {
    /// A path of the web app (`/forums/…`); anything else (another site) is ignored for `/`.
    #[param(max_length = 500, example = "/forums")]
    pub next: Option<String>,
}

/// What the provider sends the browser back with (RFC 6749 §4.1.2).
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallbackQuery {
    /// The authorization code, on success.
    #[param(max_length = 2000)]
    pub code: Option<String>,
    /// The `state` the flow began with.
    #[param(max_length = 500)]
    pub state: Option<String>,
    /// The provider's refusal (`access_denied` when the person cancelled).
    #[param(max_length = 200)]
    pub error: Option<String>,
}

/// A sign-in at a provider waiting for the person to prove the account that has its e-mail.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "provider": "franceconnect", "email": "camille.martin@example.fr" }))]
pub struct PendingLink {
    pub provider: ProviderId,
    pub email: String,
}

/// The account's password: the proof that the account is theirs.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmLink {
    #[validate(length(min = 1, max = MAX_PASSWORD_LEN))]
    #[schema(format = "password", min_length = 1, max_length = 128)]
    pub password: String,
}

/// An identity at a provider linked to the account.
#[derive(Debug, Serialize, ToSchema)]
pub struct Identity {
    pub id: i64,
    pub provider: ProviderId,
    /// The e-mail the provider gave at the last sign-in.
    pub email: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

/// The ways the signed-in account signs in.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "password": true, "identities": [{ "id": 3, "provider": "proconnect", "email": "agent@dinum.gouv.fr", "created_at": "2026-12-05T09:00:00Z", "last_used_at": "2026-12-05T09:00:00Z" }] }))]
pub struct SignInMethods {
    /// The account has a password (one may be chosen with "mot de passe oublié").
    pub password: bool,
    pub identities: Vec<Identity>,
}

/// An official who signed in with ProConnect for an organisation that is an institution's (its
/// SIREN), waiting for an admin to confirm them as that institution's official.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstitutionClaim {
    pub user_id: i64,
    pub display_name: String,
    pub handle: String,
    pub email: String,
    /// Their role now: confirming makes a member an official and leaves staff their role.
    pub role: crate::types::Role,
    /// The establishment ProConnect named.
    #[schema(example = "13002526500013")]
    pub siret: String,
    pub institution: InstitutionRef,
    /// When they signed in with it last.
    pub at: DateTime<Utc>,
}
