//! Two factors in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::password::MAX_PASSWORD_LEN;

/// Where the signed-in person's second factor stands.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "enabled": true, "enabled_at": "2026-12-05T09:12:00Z", "recovery_codes_left": 9, "required": true }))]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub enabled_at: Option<DateTime<Utc>>,
    /// Recovery codes not used yet (0 when off).
    pub recovery_codes_left: i64,
    /// The account's role holds its rights only with a second factor (`TWO_FACTOR_ROLES`).
    pub required: bool,
}

/// The password again, to begin.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BeginTwoFactor {
    #[validate(length(min = 1, max = MAX_PASSWORD_LEN))]
    #[schema(format = "password", min_length = 1, max_length = 128)]
    pub password: String,
}

/// The secret to give the authenticator app: scan `otpauth_uri` (as a QR code), or type
/// `secret`. Nothing is on until a first code confirms it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "otpauth_uri": "otpauth://totp/Open%20d%27%C3%89tat:camille-martin?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Open%20d%27%C3%89tat"
}))]
pub struct TwoFactorSetup {
    /// Base 32 (RFC 4648), 32 characters: SHA-1, six digits, 30 seconds.
    pub secret: String,
    pub otpauth_uri: String,
}

/// A code of the authenticator app.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TwoFactorCode {
    /// Six digits (spaces allowed).
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "123456")]
    pub code: String,
}

/// The password and a code, to turn the factor off.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TurnOffTwoFactor {
    #[validate(length(min = 1, max = MAX_PASSWORD_LEN))]
    #[schema(format = "password", min_length = 1, max_length = 128)]
    pub password: String,
    /// A code of the authenticator app, or a recovery code.
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "123456")]
    pub code: String,
}

/// Recovery codes, shown this once: each signs in once in place of a code of the app.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({ "codes": ["k3mf-q7ra-2xbd", "…"] }))]
pub struct RecoveryCodes {
    pub codes: Vec<String>,
}
