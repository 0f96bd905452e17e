//! Accounts and sessions: `/auth/register`, `/auth/login`, `/me`.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::auth::ip_limit::Action;
use crate::auth::password::{self, MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
use crate::auth::throttle;
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::{ApiError, ApiResult};
use crate::http::extract::{ApiJson, AuthedBody};
use crate::types::Role;
use crate::resources::users::{self, Account, NewUser, User};
use crate::http::validation::{clean_opt, normalize_name, nullable};
use crate::AppState;

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
    #[schema(example = "Camille Martin", min_length = 1, max_length = 100, pattern = r"^[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb][^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*$")]
    pub display_name: String,
    #[validate(length(max = 200))]
    #[schema(example = "Association Données Citoyennes", max_length = 200)]
    pub organisation: Option<String>,
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
}

/// A bearer token and the account it belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct Session {
    /// Always `Bearer`.
    pub token_type: String,
    pub access_token: String,
    pub expires_at: DateTime<Utc>,
    pub user: Account,
}

/// Changes to the signed-in user's own profile. Roles are not changed here.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateAccountRequest {
    /// At least one visible character; no control or bidirectional control character.
    #[validate(length(min = 1, max = 100), custom(function = "crate::http::validation::display_name"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"^[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*[^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u0020\u007f-\u00a0\u00ad\u034f\u115f-\u1160\u1680\u17b4-\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufffb][^\u061c\u200e-\u200f\u202a-\u202e\u2066-\u2069\u0000-\u001f\u007f-\u009f]*$")]
    pub display_name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 200))]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub organisation: Option<Option<String>>,
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

fn session(state: &AppState, user: User) -> ApiResult<Session> {
    let (access_token, expires_at) = state
        .tokens
        .issue(user.id, user.session_version)
        .map_err(ApiError::internal)?;
    Ok(Session {
        token_type: "Bearer".into(),
        access_token,
        expires_at,
        user: user.into(),
    })
}

/// Create an account (role `member`) and sign in.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created; a session token is returned", body = Session),
        (status = 409, description = "An account already uses this email", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many sign-ups from this address (`RATE_LIMIT_SIGN_UP`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    http: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let bucket = state.ip_limits.client_bucket(&http);
    let limits = state.ip_limits.clone();
    db::run(&state.pool, move |conn| limits.take(conn, Action::SignUp, &bucket)).await?;
    let hash = state.hasher.hash(req.password.clone()).await?;
    let user = db::run(&state.pool, move |conn| {
        let organisation = clean_opt(req.organisation.as_deref());
        let new = NewUser {
            email: req.email.trim(),
            display_name: &normalize_name(&req.display_name),
            password_hash: &hash,
            role: Role::Member,
            organisation: organisation.as_deref(),
        };
        Ok(users::insert(conn, &new)?)
    })
    .await?;
    log::info!("user {} registered", user.id);
    Ok(HttpResponse::Created().json(session(&state, user)?))
}

/// Sign in with email and password.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 401, description = "Wrong email or password", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account suspended", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account, or too many sign-ins from this address (`RATE_LIMIT_SIGN_IN`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    http: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let email = req.email.trim().to_string();
    let lookup = email.clone();
    let bucket = state.ip_limits.client_bucket(&http);
    let limits = state.ip_limits.clone();
    // Every refusal is decided here, before any hashing: per address, then per account (the
    // attempt is counted in advance; see `throttle::admit`).
    let (admitted, user) = db::run(&state.pool, move |conn| {
        limits.take(conn, Action::SignIn, &bucket)?;
        let admitted = throttle::admit(conn, &lookup)?;
        Ok((admitted, users::find_by_email(conn, &lookup)?))
    })
    .await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok = state.hasher.verify(req.password.clone(), stored).await?;
    let user = match (user, ok) {
        (Some(u), true) => u,
        _ => {
            if let Some(until) = admitted.blocked_until_if_wrong {
                log::warn!("sign-ins blocked for an account after repeated failures");
                return Err(throttle::too_many(until));
            }
            return Err(ApiError::Unauthorized("Wrong email or password.".into()));
        }
    };
    // Hashes made with older parameters are replaced now that the password is known.
    let rehash = match password::is_outdated(&user.password_hash) {
        true => Some(state.hasher.hash(req.password).await?),
        false => None,
    };
    let user_id = user.id;
    db::run(&state.pool, move |conn| {
        throttle::clear(conn, &email)?;
        if let Some(hash) = rehash {
            use crate::db::schema::users as u;
            diesel::update(u::table.find(user_id))
                .set(u::password_hash.eq(hash))
                .execute(conn)?;
        }
        Ok(())
    })
    .await?;
    if user.suspended_at.is_some() {
        return Err(ApiError::Forbidden("This account is suspended.".into()));
    }
    Ok(HttpResponse::Ok().json(session(&state, user)?))
}

/// The signed-in user's account.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, description = "The account", body = Account))
)]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<Account>> {
    let user = db::run(&state.pool, move |conn| Ok(users::find(conn, auth.id)?)).await?;
    user.map(|u| web::Json(u.into()))
        .ok_or_else(|| ApiError::not_found("Account"))
}

/// Update the signed-in user's display name, organisation or password.
///
/// Changing the password ends every session of the account, this one included: tokens issued
/// before the change answer 401 from then on. Sign in again with the new password.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = [])),
    request_body = UpdateAccountRequest,
    responses((status = 200, description = "The updated account", body = Account))
)]
#[patch("/me")]
pub async fn update_me(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<UpdateAccountRequest>,
) -> ApiResult<web::Json<Account>> {
    let req = body?.into_inner();
    req.validate()?;
    let new_hash = match (&req.new_password, &req.current_password) {
        (None, _) => None,
        (Some(_), None) => {
            return Err(ApiError::field(
                "current_password",
                "required",
                "is required to change the password",
            ))
        }
        (Some(new), Some(current)) => {
            let current = current.clone();
            let user = db::run(&state.pool, move |conn| Ok(users::find(conn, auth.id)?))
                .await?
                .ok_or_else(|| ApiError::not_found("Account"))?;
            let ok = state
                .hasher
                .verify(current, Some(user.password_hash))
                .await?;
            if !ok {
                return Err(ApiError::FieldForbidden {
                    code: "wrong_password",
                    errors: vec![crate::http::problem::FieldError {
                        field: "current_password".into(),
                        code: "mismatch".into(),
                        message: "is not the current password".into(),
                    }],
                });
            }
            Some(state.hasher.hash(new.clone()).await?)
        }
    };
    let user = db::transaction(&state.pool, move |conn| {
        #[derive(AsChangeset)]
        #[diesel(table_name = crate::db::schema::users)]
        struct Changes {
            display_name: Option<String>,
            organisation: Option<Option<String>>,
            password_hash: Option<String>,
        }
        let changes = Changes {
            display_name: req.display_name.as_deref().map(normalize_name),
            organisation: req.organisation.map(|o| clean_opt(o.as_deref())),
            password_hash: new_hash,
        };
        let target = crate::db::schema::users::table.find(auth.id);
        if changes.display_name.is_none()
            && changes.organisation.is_none()
            && changes.password_hash.is_none()
        {
            return Ok(target.select(User::as_select()).first(conn)?);
        }
        // A new password ends every session, this one included: whoever had a token (a
        // stolen one, another device) must sign in again with the new password.
        use crate::db::schema::users::session_version;
        let bump = i32::from(changes.password_hash.is_some());
        Ok(diesel::update(target)
            .set((&changes, session_version.eq(session_version + bump)))
            .returning(User::as_returning())
            .get_result(conn)?)
    })
    .await?;
    Ok(web::Json(user.into()))
}

/// Accounts and sessions.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("auth", "Accounts and sessions")],
    api_v1: Some(|cfg| {
        cfg.service(register)
            .service(login)
            .service(get_me)
            .service(update_me);
    }),
    at_root: None,
    unique: &[("users_email_lower_key", "An account already uses this email address.")],
    schemas: crate::schemas![],
};
