//! Accounts and sessions: sign-up, sign-in, the signed-in user's own profile, and the
//! `AuthUser` extractor every protected route takes (401 without a valid token, 403 when
//! the account is suspended or lacks the role).

pub mod api_limit;
pub mod api_token;
pub mod cookie;
pub mod ip_limit;
pub mod oidc;
pub mod password;
pub mod permission;
pub mod scope;
pub mod session;
pub mod throttle;
pub mod token;
pub mod two_factor;
pub mod user;

use actix_web::http::header;
use actix_web::{web, FromRequest, HttpRequest};
use diesel::pg::PgConnection;
use futures_util::future::LocalBoxFuture;

use crate::db::ids::UserId;
use crate::http::problem::ApiError;
use crate::types::{Role, Scope};
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
    /// The scopes of the API token the request came with; `None` for a signed-in session,
    /// which holds everything its role allows.
    pub token_scopes: Option<Vec<Scope>>,
    /// The app token the request came with, when it came with one (an organisation's app).
    pub app_token: Option<api_token::ApiTokenId>,
    /// The session the request's token belongs to (none for an API token, or a token from
    /// before sessions were kept).
    pub session: Option<crate::db::ids::SessionId>,
    /// The role requires a second factor (`TWO_FACTOR_ROLES`) and the account has none yet:
    /// it acts as a member until it turns one on (`acting_role`).
    pub missing_factor: bool,
}

impl AuthUser {
    /// The role whose rights the request holds: the account's, or a member's while a role that
    /// requires a second factor has none (what every check of rights asks, never `role`).
    pub fn acting_role(&self) -> Role {
        if self.missing_factor {
            Role::Member
        } else {
            self.role
        }
    }

    /// 403 unless the account's role grants `permission` (`forbidden`; `two_factor_required`
    /// when the role would with a second factor), and the API token, if the request came with
    /// one, holds the scope it takes (`insufficient_scope`).
    pub fn require(&self, permission: permission::Permission) -> Result<(), ApiError> {
        self.holds(permission)?;
        self.require_scope(Scope::for_permission(permission))
    }

    /// 403 `two_factor_required`: what a role that requires a second factor is answered where
    /// its rights are needed, until it turns one on.
    pub fn second_factor_missing() -> ApiError {
        ApiError::Refused {
            code: crate::http::problem::ErrorCode::TwoFactorRequired,
            detail: "Your role's rights need a second factor: turn on two-factor sign-in from your account page."
                .into(),
        }
    }

    /// `require` without the token's scope: whether the account's acting role grants
    /// `permission` (403 `forbidden`, or `two_factor_required`).
    pub fn holds(&self, permission: permission::Permission) -> Result<(), ApiError> {
        if !self.acting_role().grants(permission) {
            if self.role.grants(permission) {
                return Err(AuthUser::second_factor_missing());
            }
            return Err(ApiError::Forbidden(format!("Your role does not allow you to {}.", permission.what())));
        }
        Ok(())
    }

    /// 403 `insufficient_scope` when the request came with an API token without `scope`.
    pub fn require_scope(&self, scope: Scope) -> Result<(), ApiError> {
        match &self.token_scopes {
            Some(scopes) if !scopes.contains(&scope) => Err(ApiError::InsufficientScope { scope }),
            _ => Ok(()),
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
                // An API token without `read` reads public pages as a visitor does.
                Ok(user) if user.require_scope(Scope::Read).is_err() => Ok(OptionalAuth(None)),
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

/// An API token sent on a read is checked against the database before routing (revoked,
/// expired, unknown: 401), so that an app learns at once that its token no longer works, even
/// on a public page. Session JWTs need no read (`check_credentials`); a suspended owner's
/// token reads public pages as a visitor, as a suspended session does.
pub async fn check_api_token(req: &HttpRequest) -> Result<(), ApiError> {
    if !bearer_token(req).is_some_and(|t| api_token::is_api_token(&t)) {
        return Ok(());
    }
    let state = req.app_data::<web::Data<AppState>>().cloned().ok_or_else(|| ApiError::internal("AppState missing"))?;
    match BearerToken::verify(req)?.authorize_now(&state).await {
        Ok(_) | Err(ApiError::Forbidden(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

/// A request's bearer credential, checked as far as it can be without the database (a session
/// JWT's signature, issuer, audience and expiry; an API token's shape), with the scope its route
/// declares: 401 when it is missing or invalid.
///
/// For hot write paths: `authorize` loads the account as the first statement of the write's
/// own transaction, one connection checkout per request instead of two (`AuthUser` takes its
/// own). The account is still read on every request, so suspensions, role changes and token
/// revocations apply at once, and it is checked before the body is judged (`authorize_now`
/// when the body is bad).
#[derive(Debug, Clone)]
pub struct BearerToken {
    credential: Credential,
    /// The scope the route declares in the contract (`scope::RouteScopes`); `None` on a public
    /// route.
    route_scope: Option<Scope>,
    /// The client's address family, for an API token's "last used".
    family: &'static str,
}

/// A credential found good: its account, its token's scopes (`None`: a session) and, for an
/// app token, its id.
struct Authorized {
    user: User,
    scopes: Option<Vec<Scope>>,
    app_token: Option<api_token::ApiTokenId>,
    session: Option<crate::db::ids::SessionId>,
    /// The session began at a provider that asserted a strong authentication.
    provider_second_factor: bool,
}

#[derive(Debug, Clone)]
enum Credential {
    /// A session: the JWT of a sign-in, valid until `expires` (seconds since the epoch).
    Session { user_id: UserId, session_version: i32, expires: u64, sid: Option<crate::db::ids::SessionId> },
    /// An API token, by the hash of its secret.
    Api { secret_hash: Vec<u8> },
}

impl BearerToken {
    fn verify(req: &HttpRequest) -> Result<Self, ApiError> {
        let state = req.app_data::<web::Data<AppState>>().ok_or_else(|| ApiError::internal("AppState missing"))?;
        let token = bearer_token(req).ok_or_else(|| {
            ApiError::Unauthorized("Sign in: this route needs an `Authorization: Bearer` token.".into())
        })?;
        let route_scope = req.app_data::<scope::RouteScopes>().and_then(|routes| routes.of(req));
        let family = address_family(req);
        let credential = if api_token::is_api_token(&token) {
            Credential::Api { secret_hash: api_token::hash(&token) }
        } else {
            let verified = state
                .tokens
                .verify_fully(&token)
                .ok_or_else(|| ApiError::Unauthorized("The token is invalid or has expired.".into()))?;
            Credential::Session {
                user_id: UserId(verified.user),
                session_version: verified.session_version,
                expires: verified.expires,
                sid: verified.sid.map(crate::db::ids::SessionId),
            }
        };
        Ok(BearerToken { credential, route_scope, family })
    }

    /// The account the credential acts for, for per-account budgets taken before the write:
    /// a session's is in its signed claims, an API token's is read.
    pub fn account_id(&self, conn: &mut PgConnection) -> Result<UserId, ApiError> {
        match &self.credential {
            Credential::Session { user_id, .. } => Ok(*user_id),
            Credential::Api { .. } => Ok(self.authorize_with_scopes(conn)?.0.id),
        }
    }

    /// The credential's account, if it still exists, the credential is still good (a session
    /// of the current version; a token neither revoked nor expired, holding the route's
    /// scope) and the account is not suspended (401 / 403 otherwise), read on `conn`.
    pub fn authorize(&self, conn: &mut PgConnection) -> Result<User, ApiError> {
        self.authorize_with_scopes(conn).map(|(user, _)| user)
    }

    /// `authorize`, with the API token's scopes (`None` for a session).
    fn authorize_with_scopes(&self, conn: &mut PgConnection) -> Result<(User, Option<Vec<Scope>>), ApiError> {
        self.authorize_fully(conn).map(|a| (a.user, a.scopes))
    }

    /// `authorize_with_scopes`, with the app token's id when the credential is one.
    fn authorize_fully(&self, conn: &mut PgConnection) -> Result<Authorized, ApiError> {
        let (user, scopes, app_token, session, provider_second_factor) = match &self.credential {
            Credential::Session { user_id, session_version, expires, sid } => {
                // Checked at the request's start; asked again by what outlives it (a stream).
                if *expires <= chrono::Utc::now().timestamp().max(0) as u64 {
                    return Err(ApiError::Unauthorized("The token is invalid or has expired.".into()));
                }
                let (user, session_on) = session::user_and_session(conn, *user_id, *sid)?
                    .ok_or_else(|| ApiError::Unauthorized("The token's account no longer exists.".into()))?;
                if user.erased_at.is_some() {
                    return Err(ApiError::Unauthorized("The token's account no longer exists.".into()));
                }
                if user.session_version != *session_version {
                    return Err(ApiError::Unauthorized(
                        "This session has ended because the password was changed; sign in again.".into(),
                    ));
                }
                if session_on.is_some_and(|s| !s.on) {
                    return Err(ApiError::Unauthorized("This session has ended; sign in again.".into()));
                }
                if let Some(sid) = sid {
                    session::touch(conn, *sid)?;
                }
                (user, None, None, *sid, session_on.is_some_and(|s| s.provider_second_factor))
            }
            Credential::Api { secret_hash } => {
                let (token, user) = api_token::find_by_hash(conn, secret_hash)?
                    .ok_or_else(|| ApiError::Unauthorized("This API token is unknown.".into()))?;
                if token.revoked_at.is_some() {
                    api_token::forget(secret_hash);
                    return Err(ApiError::TokenRefused {
                        code: crate::http::problem::ErrorCode::TokenRevoked,
                        detail: "This API token was revoked.".into(),
                    });
                }
                if token.expires_at.is_some_and(|at| at <= chrono::Utc::now()) {
                    api_token::forget(secret_hash);
                    return Err(ApiError::TokenRefused {
                        code: crate::http::problem::ErrorCode::TokenExpired,
                        detail: "This API token has expired.".into(),
                    });
                }
                match self.route_scope {
                    // Routes tokens never reach (account settings, tokens themselves).
                    Some(Scope::Account) => {
                        return Err(ApiError::InsufficientScope { scope: Scope::Account });
                    }
                    Some(scope) if !token.scopes.contains(&scope) => {
                        return Err(ApiError::InsufficientScope { scope });
                    }
                    _ => {}
                }
                if token.kind == crate::types::TokenKind::Personal {
                    api_token::remember_personal(secret_hash, user.id);
                }
                api_token::mark_used(conn, token.id, self.family)?;
                let app = (token.kind == crate::types::TokenKind::App).then_some(token.id);
                (user, Some(token.scopes), app, None, false)
            }
        };
        if user.is_suspended() {
            return Err(ApiError::Forbidden("This account is suspended.".into()));
        }
        Ok(Authorized { user, scopes, app_token, session, provider_second_factor })
    }

    /// `authorize` on a connection of its own.
    pub async fn authorize_now(self, state: &AppState) -> Result<AuthUser, ApiError> {
        let found = crate::db::run(&state.pool, move |conn| self.authorize_fully(conn)).await?;
        Ok(AuthUser {
            token_scopes: found.scopes,
            app_token: found.app_token,
            session: found.session,
            // A ProConnect sign-in with a strong `acr` stands for the second factor.
            missing_factor: state.two_factor_roles.contains(&found.user.role)
                && found.user.two_factor_at.is_none()
                && !found.provider_second_factor,
            ..AuthUser::from(&found.user)
        })
    }
}

impl From<&User> for AuthUser {
    /// The account as a signed-in session sees it (every scope its role allows). Without the
    /// settings at hand, every role above a member's is taken to need a second factor (the hot
    /// paths that build it only ask for a member's rights).
    fn from(user: &User) -> Self {
        AuthUser {
            id: user.id,
            role: user.role,
            verified: user.email_verified_at.is_some(),
            institution_id: user.institution_id,
            token_scopes: None,
            app_token: None,
            session: None,
            missing_factor: user.role != Role::Member && user.two_factor_at.is_none(),
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

/// The client's address family (`ipv4`, `ipv6`): what a person's list of sessions and tokens
/// says of where they were used, never the address.
pub fn address_family(req: &HttpRequest) -> &'static str {
    match req.peer_addr().map(|a| a.ip()) {
        Some(std::net::IpAddr::V6(ip)) if ip.to_ipv4_mapped().is_none() => "ipv6",
        _ => "ipv4",
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
