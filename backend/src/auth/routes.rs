//! `/auth/register`, `/auth/login`, `/me`.

use actix_web::{get, patch, post, web, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use super::password::{self, MAX_PASSWORD_LEN, MIN_PASSWORD_LEN};
use super::AuthUser;
use crate::db;
use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, AuthedBody};
use crate::types::Role;
use crate::users::{self, Account, NewUser, User};
use crate::validation::{clean_opt, not_blank, nullable};
use crate::AppState;

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    #[validate(email, length(max = 254))]
    #[schema(example = "camille@example.org", format = "email")]
    pub email: String,
    /// 12 to 128 characters.
    #[validate(length(min = MIN_PASSWORD_LEN, max = MAX_PASSWORD_LEN))]
    #[schema(min_length = 12, max_length = 128, format = "password")]
    pub password: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(example = "Camille Martin", min_length = 1, max_length = 100)]
    pub display_name: String,
    #[validate(length(max = 200))]
    #[schema(example = "Association Données Citoyennes", max_length = 200)]
    pub organisation: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    #[validate(length(min = 1, max = 254))]
    #[schema(format = "email")]
    pub email: String,
    #[validate(length(min = 1, max = MAX_PASSWORD_LEN))]
    #[schema(format = "password")]
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
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    pub display_name: Option<String>,
    /// `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 200))]
    #[schema(value_type = Option<String>, max_length = 200)]
    pub organisation: Option<Option<String>>,
    /// Required to set `new_password`.
    #[validate(length(max = 128))]
    pub current_password: Option<String>,
    #[validate(length(min = MIN_PASSWORD_LEN, max = MAX_PASSWORD_LEN))]
    #[schema(min_length = 12, max_length = 128)]
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

async fn hash_off_thread(password: String) -> ApiResult<String> {
    web::block(move || password::hash(&password))
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::internal)
}

/// Create an account (role `member`) and sign in.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 201, description = "Account created; a session token is returned", body = Session),
        (status = 409, description = "An account already uses this email", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/register")]
pub async fn register(
    state: web::Data<AppState>,
    body: ApiJson<RegisterRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let hash = hash_off_thread(req.password.clone()).await?;
    let user = db::run(&state.pool, move |conn| {
        let organisation = clean_opt(req.organisation.as_deref());
        let new = NewUser {
            email: req.email.trim(),
            display_name: req.display_name.trim(),
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
        (status = 401, description = "Wrong email or password", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account suspended", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account; retry after `Retry-After` seconds", body = crate::error::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    body: ApiJson<LoginRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let email = req.email.trim().to_string();
    let lookup = email.clone();
    let user = db::run(&state.pool, move |conn| {
        super::throttle::check(conn, &lookup)?;
        Ok(users::find_by_email(conn, &lookup)?)
    })
    .await?;
    let password = req.password;
    let (user, ok) = web::block(move || {
        let ok = match &user {
            Some(u) => password::verify(&password, &u.password_hash),
            None => {
                password::verify(&password, password::dummy_hash());
                false
            }
        };
        (user, ok)
    })
    .await
    .map_err(ApiError::internal)?;
    let user = match (user, ok) {
        (Some(u), true) => {
            db::run(&state.pool, move |conn| {
                Ok(super::throttle::clear(conn, &email)?)
            })
            .await?;
            u
        }
        _ => {
            let blocked = db::run(&state.pool, move |conn| {
                Ok(super::throttle::record_failure(conn, &email)?)
            })
            .await?;
            if let Some(until) = blocked {
                log::warn!("sign-ins blocked for an account after repeated failures");
                return Err(ApiError::TooManyRequests {
                    retry_after_secs: (until - chrono::Utc::now()).num_seconds().max(1) as u64,
                });
            }
            return Err(ApiError::Unauthorized("Wrong email or password.".into()));
        }
    };
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
            let ok = web::block(move || password::verify(&current, &user.password_hash))
                .await
                .map_err(ApiError::internal)?;
            if !ok {
                return Err(ApiError::field(
                    "current_password",
                    "mismatch",
                    "is not the current password",
                ));
            }
            Some(hash_off_thread(new.clone()).await?)
        }
    };
    let user = db::transaction(&state.pool, move |conn| {
        #[derive(AsChangeset)]
        #[diesel(table_name = crate::schema::users)]
        struct Changes {
            display_name: Option<String>,
            organisation: Option<Option<String>>,
            password_hash: Option<String>,
        }
        let changes = Changes {
            display_name: req.display_name.map(|s| s.trim().to_string()),
            organisation: req.organisation.map(|o| clean_opt(o.as_deref())),
            password_hash: new_hash,
        };
        let target = crate::schema::users::table.find(auth.id);
        if changes.display_name.is_none()
            && changes.organisation.is_none()
            && changes.password_hash.is_none()
        {
            return Ok(target.select(User::as_select()).first(conn)?);
        }
        // A new password ends every session, this one included: whoever had a token (a
        // stolen one, another device) must sign in again with the new password.
        use crate::schema::users::session_version;
        let bump = i32::from(changes.password_hash.is_some());
        Ok(diesel::update(target)
            .set((&changes, session_version.eq(session_version + bump)))
            .returning(User::as_returning())
            .get_result(conn)?)
    })
    .await?;
    Ok(web::Json(user.into()))
}
