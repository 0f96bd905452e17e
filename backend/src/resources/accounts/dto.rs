//! Accounts and sessions in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::password::{MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
use crate::http::validation::nullable;
use crate::resources::users::Account;
use crate::types::Locale;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[validate(email, length(max = 254))]
    #[schema(example = "camille@example.org", format = "email", max_length = 254)]
    pub email: String,
    /// 12 to 128 characters.
    #[validate(length(min = MIN_PASSWORD_LEN, max = MAX_PASSWORD_LEN))]
    #[schema(min_length = 12, max_length = 128, format = "password")]
    pub password: String,
    /// Shown with everything the person writes. At least one visible character; no control or
    /// bidirectional control character. Stored trimmed and NFC-normalised.
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::validation::display_name"))]
    #[schema(
        example = "Camille Martin",
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb][^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub display_name: String,
    #[validate(length(max = 200))]
    #[schema(example = "Association Données Citoyennes", max_length = 200)]
    pub organisation: Option<String>,
    /// The language of the account's mail; by default the request's `Accept-Language`
    /// (French unless it prefers English).
    pub locale: Option<Locale>,
}

/// The same answer whether the address was new or already had an account: the mail sent to
/// it says which (a link to confirm the new account, or how to sign in to the old one).
#[derive(Debug, Serialize, ToSchema)]
pub struct SignUpAccepted {
    /// Always `check_your_mail`.
    #[schema(example = "check_your_mail")]
    pub status: String,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254))]
    #[schema(format = "email", min_length = 1, max_length = 254)]
    pub email: String,
    #[validate(length(min = 1, max = MAX_PASSWORD_LEN))]
    #[schema(format = "password", min_length = 1, max_length = 128)]
    pub password: String,
    /// For an account with a second factor: the six-digit code of its authenticator app, or
    /// one of its recovery codes (each works once). Asked for by a 401 `second_factor_required`.
    #[validate(length(min = 1, max = 32))]
    #[schema(min_length = 1, max_length = 32, example = "123456")]
    pub code: Option<String>,
    /// For this site's web app: the token goes into an `HttpOnly`, `SameSite=Strict` cookie
    /// (`od_session`, path `/api`) that the browser sends and no script reads, and is left out
    /// of the answer. API clients leave it out and send the token they get.
    #[serde(default)]
    pub cookie: bool,
}

/// A bearer token and the account it belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    /// `Bearer`; absent with `access_token`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_type: Option<String>,
    /// The token to send as `Authorization: Bearer`. Absent when the session went into the web
    /// app's cookie instead (`cookie: true`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    pub expires_at: DateTime<Utc>,
    pub user: Account,
}

/// Changes to the signed-in user's own profile. Roles are not changed here.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccountRequest {
    /// At least one visible character; no control or bidirectional control character.
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::validation::display_name"))]
    #[schema(
        min_length = 1,
        max_length = 100,
        pattern = r"^[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb][^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*$"
    )]
    pub display_name: Option<String>,
    /// What mentions name (`@handle`): unique (409 `already_exists` when taken), at most one
    /// change every 30 days (409 `handle_recently_changed`).
    #[validate(custom(function = "crate::http::validation::handle"))]
    #[schema(
        min_length = 1,
        max_length = 30,
        pattern = "^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$",
        example = "camille-martin"
    )]
    pub handle: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 200))]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub organisation: Option<Option<String>>,
    /// The language of the account's mail.
    pub locale: Option<Locale>,
    /// Required with `new_password`. A wrong one is refused with 403 `wrong_password`.
    #[serde(default, deserialize_with = "crate::http::validation::not_null")]
    #[validate(length(max = 128))]
    #[schema(value_type = String, max_length = 128)]
    pub current_password: Option<String>,
    /// 12 to 128 characters; needs `current_password`.
    #[serde(default, deserialize_with = "crate::http::validation::not_null")]
    #[validate(length(min = MIN_PASSWORD_LEN, max = MAX_PASSWORD_LEN))]
    #[schema(value_type = String, min_length = 12, max_length = 128)]
    pub new_password: Option<String>,
}

/// The token of a link from a mail (the `jeton` of its address).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    #[validate(length(min = 20, max = 100))]
    #[schema(min_length = 20, max_length = 100, pattern = "^[A-Za-z0-9_-]+$")]
    pub token: String,
}

/// "Mot de passe oublié": the address to send a reset link to.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[validate(length(min = 1, max = 254), email)]
    #[schema(format = "email", min_length = 1, max_length = 254, example = "camille@example.org")]
    pub email: String,
}

/// A new password, with the token of the reset link.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPasswordRequest {
    #[validate(length(min = 20, max = 100))]
    #[schema(min_length = 20, max_length = 100, pattern = "^[A-Za-z0-9_-]+$")]
    pub token: String,
    /// 12 to 128 characters.
    #[validate(length(min = MIN_PASSWORD_LEN, max = MAX_PASSWORD_LEN))]
    #[schema(min_length = 12, max_length = 128, format = "password")]
    pub new_password: String,
}

/// The answer to a request for a mail: the same whether or not the address has an account.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailRequested {
    /// Always `sent_if_known` (or `sent` for the signed-in user's own address).
    #[schema(example = "sent_if_known")]
    pub status: String,
}
