//! Accounts and sessions: sign-up, sign-in, the signed-in user's own profile, and the
//! `AuthUser` extractor every protected route takes (401 without a valid token, 403 when
//! the account is suspended or lacks the role).

pub mod password;
pub mod routes;
pub mod throttle;
pub mod token;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;

use crate::error::ApiError;
use crate::types::Role;
use crate::users::{self, User};
use crate::AppState;

/// The signed-in user of a request, loaded from the database on each request so that role
/// changes and suspensions take effect at once.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: i64,
    pub role: Role,
}

impl AuthUser {
    pub fn require(&self, allowed: impl Fn(Role) -> bool, what: &str) -> Result<(), ApiError> {
        if allowed(self.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!(
                "Your role does not allow you to {what}."
            )))
        }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = bearer_token(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            let token = token.ok_or_else(|| {
                ApiError::Unauthorized(
                    "Sign in: this route needs an `Authorization: Bearer` token.".into(),
                )
            })?;
            let user_id = state.tokens.verify(&token).ok_or_else(|| {
                ApiError::Unauthorized("The token is invalid or has expired.".into())
            })?;
            let user: Option<User> =
                crate::db::run(&state.pool, move |conn| Ok(users::find(conn, user_id)?)).await?;
            let user = user.ok_or_else(|| {
                ApiError::Unauthorized("The token's account no longer exists.".into())
            })?;
            if user.suspended_at.is_some() {
                return Err(ApiError::Forbidden("This account is suspended.".into()));
            }
            Ok(AuthUser {
                id: user.id,
                role: user.role,
            })
        })
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_string())
}
