//! `/auth/verify-email`, `/auth/password-reset`: what the mailed single-use links do, and asking
//! for another.

use actix_web::{post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{MailRequested, NewPasswordRequest, PasswordResetRequest, TokenRequest};
use super::queries;
use crate::auth::ip_limit::Action;
use crate::auth::user;
use crate::auth::{AuthUser, OptionalAuth};
use crate::db;
use crate::http::extract::ApiJson;
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::users::Account;
use crate::AppState;

/// Confirm the account's address with the token of the link mailed at sign-up. Opened in a
/// session, the link must be for that session's account.
#[utoipa::path(
    tag = "auth",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "Confirmed: the account", body = Account),
        (status = 403, description = "The link is for another account than the signed-in one", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No link has this token", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The link was already used, or a newer one replaced it (`token_used`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link has expired (`token_expired`): ask for a new one", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/verify-email")]
pub async fn verify_email(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    body: ApiJson<TokenRequest>,
) -> ApiResult<web::Json<Account>> {
    let req = body.into_inner();
    req.validate()?;
    let signed_in = auth.map(|a| a.id);
    let user = db::transaction(&state.pool, move |conn| queries::verify(conn, &req.token, signed_in)).await?;
    Ok(web::Json(user.into()))
}

/// Send the signed-in account a new link that confirms its address (the older ones stop
/// working). Limited per client address (`RATE_LIMIT_MAIL`).
#[utoipa::path(
    tag = "auth",
    security(("bearer" = ["account"])),
    responses(
        (status = 202, description = "A new link is on its way (nothing is sent when the address is confirmed already)", body = MailRequested),
        (status = 429, description = "Too many mails asked for from this address; retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/verify-email/resend")]
pub async fn resend_verification(
    http: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
) -> ApiResult<HttpResponse> {
    let bucket = state.ip_limits.client_bucket(&http);
    let limits = state.ip_limits.clone();
    let public_url = state.public_url.clone();
    db::transaction(&state.pool, move |conn| {
        limits.take(conn, Action::Mail, &bucket)?;
        let user = user::find(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        if user.email_verified_at.is_none() {
            queries::send_verification(conn, &user, &public_url)?;
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Accepted().json(MailRequested { status: "sent".into() }))
}

/// "Mot de passe oublié": mail a link, valid one hour and once, that sets a new password. The
/// answer, and the work done before it, are the same whether or not the address has an
/// account: a job decides afterwards. Limited per client address and per address asked for
/// (`RATE_LIMIT_MAIL`; sign-ups naming the address do not spend this budget).
#[utoipa::path(
    tag = "auth",
    request_body = PasswordResetRequest,
    responses(
        (status = 202, description = "If the address has an account, a link is on its way", body = MailRequested),
        (status = 429, description = "Too many mails asked for; retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset")]
pub async fn request_password_reset(
    http: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<PasswordResetRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let bucket = state.ip_limits.client_bucket(&http);
    let limits = state.ip_limits.clone();
    // The same work whether or not the address has an account: two budgets taken, one job
    // recorded; the job decides (`jobs::run_reset`). The budget per address asked for is
    // reset links' own: sign-ups naming the address do not spend it.
    db::transaction(&state.pool, move |conn| {
        limits.take(conn, Action::Mail, &bucket)?;
        limits.take(conn, Action::Mail, &format!("reset_to:{}", crate::auth::ip_limit::address_bucket(&req.email)))?;
        crate::jobs::enqueue(conn, super::jobs::RESET_JOB, super::jobs::reset_payload(req.email.trim()))?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::Accepted().json(MailRequested { status: "sent_if_known".into() }))
}

/// Set a new password with the token of a reset link. Every session of the account ends; sign
/// in with the new password. The owner is told by mail.
#[utoipa::path(
    tag = "auth",
    request_body = NewPasswordRequest,
    responses(
        (status = 204, description = "The password is changed"),
        (status = 404, description = "No link has this token", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The link was already used, or a newer one replaced it (`token_used`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 410, description = "The link has expired (`token_expired`): ask for a new one", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/password-reset/confirm")]
pub async fn reset_password(state: web::Data<AppState>, body: ApiJson<NewPasswordRequest>) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    // The token is checked (not spent) before the slow hash, so a bad link answers at once.
    let token = req.token.clone();
    db::run(&state.pool, move |conn| queries::check_reset(conn, &token)).await?;
    let hash = state.hasher.hash(req.new_password).await?;
    db::transaction(&state.pool, move |conn| {
        let user = queries::redeem_reset(conn, &req.token)?;
        queries::set_password(conn, user, &hash, true)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
