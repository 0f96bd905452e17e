//! Accounts and sessions: sign-up, sign-in, the signed-in user's own profile, and the
//! `AuthUser` extractor every protected route takes (401 without a valid token, 403 when
//! the account is suspended or lacks the role).

pub mod ip_limit;
pub mod password;
pub mod permission;

pub mod throttle;
pub mod token;
pub mod user;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use diesel::pg::PgConnection;
use futures_util::future::LocalBoxFuture;

use crate::db::ids::UserId;
use crate::http::problem::ApiError;
use crate::types::Role;
use crate::AppState;
use user::User;

/// The signed-in user of a request, loaded from the database on each request so that role
/// changes and suspensions take effect at once.
#[derive(Debug, Clone)]
pub struct AuthUser {
    pub id: UserId,
    pub role: Role,
    /// Whether the account confirmed its address.
    pub verified: bool,
    /// The institution it speaks for, if an admin set one.
    pub institution_id: Option<crate::db::ids::InstitutionId>,
}

impl AuthUser {
    /// 403 unless the account's role grants `permission`.
    pub fn require(&self, permission: permission::Permission) -> Result<(), ApiError> {
        if self.role.grants(permission) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(format!("Your role does not allow you to {}.", permission.what())))
        }
    }
}

impl FromRequest for AuthUser {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = BearerToken::verify(req);
        Box::pin(async move {
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            token?.authorize_now(&state).await
        })
    }
}

/// The signed-in user of a public route, if a token was sent: `None` without one, 401 for a
/// token that is invalid, expired or of an ended session (a client must learn that its
/// session is over rather than be silently served as a visitor). A suspended account reads as
/// a visitor: suspension takes rights away, not the public pages.
#[derive(Debug, Clone)]
pub struct OptionalAuth(pub Option<AuthUser>);

impl FromRequest for OptionalAuth {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let sent = req.headers().contains_key(header::AUTHORIZATION);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = BearerToken::verify(req);
        Box::pin(async move {
            if !sent {
                return Ok(OptionalAuth(None));
            }
            let state = state.ok_or_else(|| ApiError::internal("AppState missing"))?;
            match token?.authorize_now(&state).await {
                Ok(user) => Ok(OptionalAuth(Some(user))),
                Err(ApiError::Forbidden(_)) => Ok(OptionalAuth(None)),
                Err(e) => Err(e),
            }
        })
    }
}

/// Whether a request's `Authorization` header, if it has one, holds a bearer token with a
/// valid signature, issuer, audience and expiry (no database read); 401 otherwise.
pub fn check_credentials(req: &HttpRequest) -> Result<(), ApiError> {
    if !req.headers().contains_key(header::AUTHORIZATION) {
        return Ok(());
    }
    if bearer_token(req).is_none() {
        return Err(ApiError::Unauthorized(
            "The `Authorization` header holds no bearer token: send a valid one, or none.".into(),
        ));
    }
    BearerToken::verify(req).map(|_| ())
}

/// A request's bearer token, verified (signature, issuer, audience, expiry) but with the
/// account not yet loaded: 401 when the token is missing or invalid, without touching the
/// database.
///
/// For hot write paths: `authorize` loads the account as the first statement of the write's
/// own transaction, one connection checkout per request instead of two (`AuthUser` takes its
/// own). The account is still read on every request, so suspensions and role changes apply
/// at once, and it is checked before the body is judged (`authorize_now` when the body is bad).
#[derive(Debug, Clone, Copy)]
pub struct BearerToken {
    pub user_id: UserId,
    session_version: i32,
}

impl BearerToken {
    fn verify(req: &HttpRequest) -> Result<Self, ApiError> {
        let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::internal("AppState missing"))?;
        let token = bearer_token(req).ok_or_else(|| {
            ApiError::Unauthorized("Sign in: this route needs an `Authorization: Bearer` token.".into())
        })?;
        let (user_id, session_version) = state
            .tokens
            .verify(&token)
            .ok_or_else(|| ApiError::Unauthorized("The token is invalid or has expired.".into()))?;
        Ok(BearerToken { user_id: UserId(user_id), session_version })
    }

    /// The token's account, if it still exists, the token is of its current session version
    /// and the account is not suspended (401 / 403 otherwise), read on `conn`.
    pub fn authorize(&self, conn: &mut PgConnection) -> Result<User, ApiError> {
        let user = user::find(conn, self.user_id)?
            .ok_or_else(|| ApiError::Unauthorized("The token's account no longer exists.".into()))?;
        if user.session_version != self.session_version {
            return Err(ApiError::Unauthorized(
                "This session has ended because the password was changed; sign in again.".into(),
            ));
        }
        if user.is_suspended() {
            return Err(ApiError::Forbidden("This account is suspended.".into()));
        }
        Ok(user)
    }

    /// `authorize` on a connection of its own.
    pub async fn authorize_now(self, state: &AppState) -> Result<AuthUser, ApiError> {
        let user = crate::db::run(&state.pool, move |conn| self.authorize(conn)).await?;
        Ok(AuthUser::from(&user))
    }
}

impl From<&User> for AuthUser {
    fn from(user: &User) -> Self {
        AuthUser {
            id: user.id,
            role: user.role,
            verified: user.email_verified_at.is_some(),
            institution_id: user.institution_id,
        }
    }
}

impl FromRequest for BearerToken {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        std::future::ready(BearerToken::verify(req))
    }
}

fn bearer_token(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string())
}

/// 403 `email_not_verified` for an account that has not confirmed its address, where the
/// platform requires it (`REQUIRE_VERIFIED_EMAIL`): posting and taking a seat need an address
/// someone answers at.
pub fn require_verified(state: &AppState, verified: bool) -> Result<(), ApiError> {
    if state.require_verified_email && !verified {
        return Err(ApiError::Refused {
            code: crate::http::problem::ErrorCode::EmailNotVerified,
            detail: "Confirm your email address first: follow the link in the message sent when you signed up (or ask for another one)."
                .into(),
        });
    }
    Ok(())
}
