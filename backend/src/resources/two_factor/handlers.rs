//! `/me/two-factor`, `/admin/users/{id}/two-factor`.

use actix_web::{delete, get, post, web, HttpResponse};
use validator::Validate;

use super::codes;
use super::dto::{BeginTwoFactor, RecoveryCodes, TurnOffTwoFactor, TwoFactorCode, TwoFactorSetup, TwoFactorStatus};
use crate::auth::permission::Permission;
use crate::auth::{two_factor, AuthUser};
use crate::db;
use crate::db::ids::UserId;
use crate::events::{self, EventSubject, EventType, NewEvent};
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::mail::templates::Template;
use crate::AppState;

/// 409 `second_factor_invalid` on the `code` field.
fn invalid_code() -> ApiError {
    ApiError::FieldConflict {
        code: ErrorCode::SecondFactorInvalid,
        errors: vec![FieldError::new("code", "second_factor", "is not the code shown now, or was already used")],
    }
}

/// Records `event` about `user`'s second factor (audited) and mails its owner `template`, so
/// that a change they did not make does not go unnoticed; in the caller's transaction.
fn record(
    conn: &mut diesel::PgConnection,
    user: UserId,
    by: UserId,
    event: EventType,
    template: Template,
) -> ApiResult<()> {
    events::record(
        conn,
        NewEvent::new(event)
            .subject(EventSubject::new("user", user.get(), user.to_string()))
            .by(by)
            .audit(None::<&()>, None::<&()>),
    )?;
    let person = crate::auth::user::find_live(conn, user)?.ok_or_else(|| ApiError::not_found("User"))?;
    crate::mail::enqueue(
        conn,
        &crate::mail::Outgoing {
            to: person.email,
            name: person.display_name,
            locale: person.locale,
            template,
            link: Some(format!("{}/compte", crate::config::site_url())),
            forum: None,
            note: None,
            notices: Vec::new(),
        },
    )?;
    Ok(())
}

/// Where the signed-in person's second factor stands.
#[utoipa::path(
    tag = "two_factor",
    security(("bearer" = ["account"])),
    responses((status = 200, description = "The second factor's state", body = TwoFactorStatus))
)]
#[get("/me/two-factor")]
pub async fn my_two_factor(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<TwoFactorStatus>> {
    let required = state.two_factor_roles.contains(&auth.role);
    let (enabled_at, left) = db::run(&state.pool, move |conn| {
        let user = crate::auth::user::find_live(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        Ok((user.two_factor_at, two_factor::recovery_codes_left(conn, auth.id)?))
    })
    .await?;
    Ok(web::Json(TwoFactorStatus { enabled: enabled_at.is_some(), enabled_at, recovery_codes_left: left, required }))
}

/// Begin turning on a second factor: the password again, and the answer is a new secret for an
/// authenticator app. Nothing changes at sign-in until a first code confirms it
/// (`/me/two-factor/confirm`); beginning again replaces a secret not confirmed yet.
#[utoipa::path(
    tag = "two_factor",
    security(("bearer" = ["account"])),
    request_body = BeginTwoFactor,
    responses(
        (status = 201, description = "A secret to scan or type; confirm it with a code", body = TwoFactorSetup),
        (status = 403, description = "The password is not the account's (`wrong_password`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The second factor is on already (`two_factor_on`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor")]
pub async fn begin_two_factor(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<BeginTwoFactor>,
) -> ApiResult<HttpResponse> {
    let req = body?.into_inner();
    req.validate()?;
    crate::resources::accounts::confirm_password(&state, auth.id, req.password).await?;
    let secret = two_factor::new_secret();
    let kept = secret.clone();
    let handle = db::transaction(&state.pool, move |conn| {
        let user = crate::auth::user::find_live(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        if user.two_factor_at.is_some() {
            return Err(ApiError::Conflict {
                code: codes::TWO_FACTOR_ON,
                detail: "The second factor is on already: turn it off first to move it to another device.".into(),
            });
        }
        two_factor::begin(conn, auth.id, &kept)?;
        Ok(user.handle)
    })
    .await?;
    let (secret, otpauth_uri) = two_factor::provisioning(&secret, &handle);
    Ok(HttpResponse::Created().json(TwoFactorSetup { secret, otpauth_uri }))
}

/// Confirm the secret with a first code of the app: the second factor is on, and the answer
/// holds the recovery codes, shown this once. The owner is mailed.
#[utoipa::path(
    tag = "two_factor",
    security(("bearer" = ["account"])),
    request_body = TwoFactorCode,
    responses(
        (status = 200, description = "On; keep these recovery codes", body = RecoveryCodes),
        (status = 409, description = "On already (`two_factor_on`), or not begun (`two_factor_off`); or the code is wrong (`second_factor_invalid`, on `code`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/confirm")]
pub async fn confirm_two_factor(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<TwoFactorCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    let req = body?.into_inner();
    req.validate()?;
    let codes = db::transaction(&state.pool, move |conn| {
        let user = crate::auth::user::find_live(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        if user.two_factor_at.is_some() {
            return Err(ApiError::Conflict {
                code: codes::TWO_FACTOR_ON,
                detail: "The second factor is on already.".into(),
            });
        }
        if !two_factor::pending(conn, auth.id)? {
            return Err(ApiError::Conflict {
                code: codes::TWO_FACTOR_OFF,
                detail: "Begin with `POST /me/two-factor`: there is no secret to confirm.".into(),
            });
        }
        if two_factor::accept(conn, auth.id, &req.code, false)?.is_none() {
            return Err(invalid_code());
        }
        two_factor::turn_on(conn, auth.id)?;
        record(conn, auth.id, auth.id, super::events::USER_TWO_FACTOR_ON, Template::TwoFactorOn)?;
        Ok(two_factor::new_recovery_codes(conn, auth.id)?)
    })
    .await?;
    Ok(web::Json(RecoveryCodes { codes }))
}

/// New recovery codes, with a code of the app: the previous ones no longer work.
#[utoipa::path(
    tag = "two_factor",
    security(("bearer" = ["account"])),
    request_body = TwoFactorCode,
    responses(
        (status = 200, description = "The new recovery codes, shown this once", body = RecoveryCodes),
        (status = 409, description = "The second factor is off (`two_factor_off`), or the code is wrong (`second_factor_invalid`, on `code`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/recovery-codes")]
pub async fn new_recovery_codes(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<TwoFactorCode>,
) -> ApiResult<web::Json<RecoveryCodes>> {
    let req = body?.into_inner();
    req.validate()?;
    let codes = db::transaction(&state.pool, move |conn| {
        require_on(conn, auth.id)?;
        if two_factor::accept(conn, auth.id, &req.code, false)?.is_none() {
            return Err(invalid_code());
        }
        Ok(two_factor::new_recovery_codes(conn, auth.id)?)
    })
    .await?;
    Ok(web::Json(RecoveryCodes { codes }))
}

/// 409 `two_factor_off` unless `user`'s second factor is on.
fn require_on(conn: &mut diesel::PgConnection, user: UserId) -> ApiResult<crate::auth::user::User> {
    let person = crate::auth::user::find_live(conn, user)?.ok_or_else(|| ApiError::not_found("Account"))?;
    if person.two_factor_at.is_none() {
        return Err(ApiError::Conflict {
            code: codes::TWO_FACTOR_OFF,
            detail: "The second factor is not on for this account.".into(),
        });
    }
    Ok(person)
}

/// Turn the second factor off, with the password and a code (of the app, or a recovery code).
/// Refused where the account's role requires one. The owner is mailed.
#[utoipa::path(
    tag = "two_factor",
    security(("bearer" = ["account"])),
    request_body = TurnOffTwoFactor,
    responses(
        (status = 204, description = "Off: the password alone signs in again"),
        (status = 403, description = "The password is not the account's (`wrong_password`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Off already (`two_factor_off`); required by the role (`two_factor_kept`); or the code is wrong (`second_factor_invalid`, on `code`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/two-factor/off")]
pub async fn turn_off_two_factor(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<TurnOffTwoFactor>,
) -> ApiResult<HttpResponse> {
    let req = body?.into_inner();
    req.validate()?;
    if state.two_factor_roles.contains(&auth.role) {
        return Err(ApiError::Conflict {
            code: codes::TWO_FACTOR_KEPT,
            detail: "Your role requires a second factor: it cannot be turned off.".into(),
        });
    }
    crate::resources::accounts::confirm_password(&state, auth.id, req.password).await?;
    db::transaction(&state.pool, move |conn| {
        require_on(conn, auth.id)?;
        if two_factor::accept(conn, auth.id, &req.code, true)?.is_none() {
            return Err(invalid_code());
        }
        two_factor::turn_off(conn, auth.id)?;
        record(conn, auth.id, auth.id, super::events::USER_TWO_FACTOR_OFF, Template::TwoFactorOff)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Turn off someone's second factor (admins only; audited; the owner is mailed): a lost device
/// without recovery codes. They sign in with the password alone and, where the role requires
/// one, act as a member until they turn a new one on. An admin turns off their own from
/// `/me/two-factor/off` (409 `self_lockout` here).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Off"),
        (status = 404, description = "No such account", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account has no second factor on (`two_factor_off`), or it is the admin's own (`self_lockout`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/users/{id}/two-factor")]
pub async fn reset_two_factor(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let user = UserId(id.into_inner());
    if user == auth.id {
        return Err(ApiError::Conflict {
            code: crate::resources::shared::codes::SELF_LOCKOUT,
            detail: "Turn off your own second factor from your account page (`POST /me/two-factor/off`).".into(),
        });
    }
    db::transaction(&state.pool, move |conn| {
        require_on(conn, user)?;
        two_factor::turn_off(conn, user)?;
        record(conn, user, auth.id, super::events::USER_TWO_FACTOR_OFF, Template::TwoFactorOff)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
