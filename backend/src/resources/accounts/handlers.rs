//! `/auth/register`, `/auth/login`, `/auth/session/extend`, `/me` (the mailed links: `links`).

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use validator::Validate;

use super::dto::{LoginRequest, RegisterRequest, Session, SignUpAccepted, UpdateAccountRequest};
use super::queries;
use crate::auth::cookie;
use crate::auth::ip_limit::Action;
use crate::auth::password;
use crate::auth::throttle;
use crate::auth::two_factor;
use crate::auth::user::{self, NewUser, User};
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::{ApiJson, AuthedBody};
use crate::http::problem::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::http::validation::{clean_opt, normalize_name};
use crate::resources::users::Account;
use crate::types::Locale;
use crate::AppState;

/// The answer to a sign-in or an extension: a token for `user`'s session `sid`, valid until
/// `expires_at`, in the body, or in the web app's cookie when `in_cookie` (`auth::cookie`).
fn session(
    http: &HttpRequest,
    state: &AppState,
    user: User,
    sid: Option<crate::db::ids::SessionId>,
    expires_at: chrono::DateTime<chrono::Utc>,
    in_cookie: bool,
) -> ApiResult<HttpResponse> {
    let (access_token, expires_at) = state
        .tokens
        .issue(user.id.get(), user.session_version, sid.map(|s| s.get()), expires_at)
        .map_err(ApiError::internal)?;
    let mut answer = HttpResponse::Ok();
    if in_cookie {
        answer.cookie(cookie::holding(&access_token, expires_at, cookie::secure(http)));
        return Ok(answer.json(Session { token_type: None, access_token: None, expires_at, user: user.into() }));
    }
    Ok(answer.json(Session {
        token_type: Some("Bearer".into()),
        access_token: Some(access_token),
        expires_at,
        user: user.into(),
    }))
}

pub(crate) fn request_locale(req: &HttpRequest) -> Locale {
    Locale::from_accept_language(
        req.headers().get(actix_web::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        Locale::Fr,
    )
}

/// Create an account (role `member`). The answer is the same whether the address is new or
/// already has an account: a mail tells its owner which (a link that confirms the new account,
/// or, for an account already there, how to sign in or choose a new password), within a budget
/// of such mails per address (`RATE_LIMIT_MAIL`), past which nothing is sent and the answer is
/// still the same. The account signs in once its address is confirmed by the link; before, a
/// sign-in is answered like a wrong password. Unconfirmed, it is deleted after 7 days, which
/// frees the address.
#[utoipa::path(
    tag = "auth",
    request_body = RegisterRequest,
    responses(
        (status = 202, description = "Accepted: a mail is on its way to the address", body = SignUpAccepted),
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
    // Per client address (a 429); and per address signed up with, sign-ups' own budget, spent
    // silently: past it, no mail goes to that address, the answer is the same, and its owner's
    // own requests (a reset link, a new confirmation link) draw on other budgets.
    let recipient = format!("sign_up_to:{}", crate::auth::ip_limit::address_bucket(&req.email));
    let may_mail = db::run(&state.pool, move |conn| {
        limits.take(conn, Action::SignUp, &bucket)?;
        match limits.take(conn, Action::Mail, &recipient) {
            Ok(()) => Ok(true),
            Err(ApiError::TooManyRequests { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    })
    .await?;
    // Hashed whether or not the address is known: the time taken says nothing either.
    let hash = state.hasher.hash(req.password.clone()).await?;
    let locale = req.locale.unwrap_or_else(|| request_locale(&http));
    let public_url = state.public_url.clone();
    db::transaction(&state.pool, move |conn| {
        let organisation = clean_opt(req.organisation.as_deref());
        let display_name = normalize_name(&req.display_name);
        let new = NewUser {
            email: req.email.trim(),
            display_name: &display_name,
            password_hash: &hash,
            role: crate::types::Role::Member,
            organisation: organisation.as_deref(),
            locale,
            email_verified_at: None,
        };
        match queries::register(conn, &new, &public_url, may_mail) {
            Ok(_) => Ok(()),
            // A sign-up for the same address at the same instant: the other one made it.
            Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => Ok(()),
            Err(e) => Err(e.into()),
        }
    })
    .await?;
    Ok(HttpResponse::Accepted().json(SignUpAccepted { status: "check_your_mail".into() }))
}

/// Sign in with email and password. An account whose address is not confirmed yet is answered
/// like a wrong password (401). An account with a second factor needs its `code` too: without
/// one, a 401 `second_factor_required` (send the same request again with it); a wrong or spent
/// code is a 401 `second_factor_invalid` and counts as a failed sign-in.
#[utoipa::path(
    tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, description = "Signed in", body = Session),
        (status = 401, description = "Wrong email or password, or an address not confirmed yet (the same answer, `unauthorized`); the password was right and the account's second factor is needed (`second_factor_required`), or the `code` is wrong or already used (`second_factor_invalid`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account suspended", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed sign-ins for this account from this address (5 in 15 minutes), or for this account from everywhere (100 in an hour: its owner is mailed), or too many sign-ins from this address (`RATE_LIMIT_SIGN_IN`); retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
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
    let client = bucket.clone();
    let limits = state.ip_limits.clone();
    // Every refusal is decided here, before any hashing: per address, then per (account,
    // address) and per account (the attempt is counted in advance; see `throttle::admit`).
    let (admitted, user) = db::run(&state.pool, move |conn| {
        limits.take(conn, Action::SignIn, &bucket)?;
        let admitted = throttle::admit(conn, &lookup, &client)?;
        Ok((admitted, user::find_by_email(conn, &lookup)?))
    })
    .await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok = state.hasher.verify(req.password.clone(), stored).await?;
    let user = match (user, ok) {
        // An account whose address is not confirmed yet does not sign in, and is answered
        // exactly like a wrong password: otherwise signing up with someone's address, then
        // signing in, told whether it had an account (401) or not (200), and held it.
        (Some(u), true) if u.email_verified_at.is_some() => u,
        (user, _) => {
            if let (Some(owner), true) = (user, admitted.ceiling_reached_if_wrong) {
                log::warn!("sign-ins to an account blocked from every address after failures from many");
                let public_url = state.public_url.clone();
                db::run(&state.pool, move |conn| Ok(queries::tell_sign_ins_blocked(conn, &owner, &public_url)?))
                    .await?;
            }
            if let Some(until) = admitted.blocked_until_if_wrong {
                log::warn!("sign-ins blocked after repeated failures");
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
    let client = state.ip_limits.client_bucket(&http);
    let suspended = user.is_suspended();
    // Each sign-in is a session the server knows (`auth::session`): listed, ended at will.
    let device = crate::auth::session::device(
        http.headers().get(actix_web::http::header::USER_AGENT).and_then(|v| v.to_str().ok()),
    );
    let family = crate::auth::address_family(&http);
    let expires_at = state.tokens.expiry();
    let req_cookie = req.cookie;
    let second_factor = user.two_factor_at.is_some();
    let owner = user.clone();
    let code = req.code;
    let blocked_if_wrong = admitted.blocked_until_if_wrong;
    let sid = db::transaction(&state.pool, move |conn| {
        // The password was right: an account with a second factor needs its code too. A wrong
        // one counts as a failed sign-in (the attempt stays counted: nothing is cleared).
        if second_factor {
            let Some(code) = code else {
                return Err(ApiError::TokenRefused {
                    code: ErrorCode::SecondFactorRequired,
                    detail: "This account has a second factor: send its six-digit code (or a recovery code) as `code`."
                        .into(),
                });
            };
            match two_factor::accept(conn, user_id, &code, true)? {
                Some(two_factor::Accepted::App) => {}
                // The owner is told: a recovery code used by someone else must not go unnoticed.
                Some(two_factor::Accepted::RecoveryCode) => queries::tell_recovery_code_used(conn, &owner)?,
                None => {
                    if let Some(until) = blocked_if_wrong {
                        return Err(throttle::too_many(until));
                    }
                    return Err(ApiError::TokenRefused {
                        code: ErrorCode::SecondFactorInvalid,
                        detail: "This code is wrong, or was already used.".into(),
                    });
                }
            }
        }
        throttle::clear(conn, &email, &client)?;
        if let Some(hash) = rehash {
            use crate::db::schema::users as u;
            diesel::update(u::table.find(user_id)).set(u::password_hash.eq(hash)).execute(conn)?;
        }
        if suspended {
            return Ok(None);
        }
        Ok(Some(crate::auth::session::start(conn, user_id, &device, family, expires_at)?))
    })
    .await?;
    if suspended {
        return Err(ApiError::Forbidden("This account is suspended.".into()));
    }
    session(&http, &state, user, sid, expires_at, req_cookie)
}

/// The signed-in user's account.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["read"])),
    responses((status = 200, description = "The account", body = Account))
)]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<Account>> {
    let user = db::run(&state.pool, move |conn| Ok(user::find(conn, auth.id)?)).await?;
    user.map(|u| web::Json(u.into())).ok_or_else(|| ApiError::not_found("Account"))
}

/// Extend the signed-in session: a new token for the same account, valid `JWT_TTL_MINUTES` from
/// now, so that a person warned that the session is about to end can stay signed in with one
/// action (RGAA 13.1). The token sent stays valid until its own expiry. Needs a token that is
/// still valid: an expired one, or one from before a password change, is 401 — sign in again.
/// A session in the web app's cookie gets its new token in the cookie.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["account"])),
    responses(
        (status = 200, description = "The session, with its new token and expiry", body = Session),
        (status = 401, description = "No token, or one that is invalid, expired or of an ended session", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 403, description = "Account suspended", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/session/extend")]
pub async fn extend_session(http: HttpRequest, state: web::Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    let expires_at = state.tokens.expiry();
    let sid = auth.session;
    let user = db::run(&state.pool, move |conn| {
        if let Some(sid) = sid {
            crate::auth::session::extend(conn, sid, expires_at)?;
        }
        Ok(user::find(conn, auth.id)?)
    })
    .await?;
    let user = user.ok_or_else(|| ApiError::Unauthorized("The token's account no longer exists.".into()))?;
    session(&http, &state, user, sid, expires_at, cookie::from_cookie(&http))
}

/// Update the signed-in user's display name, organisation, language or password.
///
/// Changing the password ends every session of the account, this one included: tokens issued
/// before the change answer 401 from then on. Sign in again with the new password. A mail
/// tells the owner.
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["account"])),
    request_body = UpdateAccountRequest,
    responses(
        (status = 200, description = "The updated account", body = Account),
        (status = 403, description = "The account is suspended, or `current_password` is wrong (`wrong_password`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
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
            return Err(ApiError::field("current_password", "required", "is required to change the password"))
        }
        (Some(new), Some(current)) => {
            let current = current.clone();
            let user = db::run(&state.pool, move |conn| Ok(user::find(conn, auth.id)?))
                .await?
                .ok_or_else(|| ApiError::not_found("Account"))?;
            let ok = state.hasher.verify(current, Some(user.password_hash)).await?;
            if !ok {
                return Err(ApiError::FieldForbidden {
                    code: crate::resources::accounts::codes::WRONG_PASSWORD,
                    errors: vec![FieldError::new("current_password", "mismatch", "is not the current password")],
                });
            }
            Some(state.hasher.hash(new.clone()).await?)
        }
    };
    let user = db::transaction(&state.pool, move |conn| {
        let handle = match req.handle {
            Some(wanted) => queries::new_handle(conn, auth.id, wanted)?,
            None => None,
        };
        let changes = queries::ProfileChanges {
            handle_changed_at: handle.as_ref().map(|_| chrono::Utc::now()),
            handle,
            display_name: req.display_name.as_deref().map(normalize_name),
            organisation: req.organisation.map(|o| clean_opt(o.as_deref())),
            locale: req.locale,
        };
        queries::update_profile(conn, auth.id, &changes)?;
        if let Some(hash) = new_hash {
            // A new password ends every session, this one included: whoever had a token (a
            // stolen one, another device) must sign in again with the new password.
            return Ok(queries::set_password(conn, auth.id, &hash, false)?);
        }
        user::find(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))
    })
    .await?;
    Ok(web::Json(user.into()))
}
