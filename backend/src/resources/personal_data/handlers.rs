//! `GET /me/data`, `POST /me/erasure`, `POST /admin/users/{id}/erasure`.

use actix_web::{get, post, web, HttpResponse};
use validator::Validate;

use super::dto::{EraseMyAccount, PersonalData};
use super::erasure::{self, ErasedBy};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::UserId;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// A copy of everything the platform holds about the signed-in person, as one JSON document
/// (RGPD, articles 15 and 20): the account, comments (as written, deleted and hidden ones
/// included), reactions, reports made, forum registrations and attendance, questions, feedback,
/// progress updates published, follows, notifications, API tokens (never their secret). Served
/// as an attachment. With a session only: API tokens never carry the `account` scope.
#[utoipa::path(
    tag = "personal_data",
    security(("bearer" = ["account"])),
    responses(
        (status = 200, description = "The document, as an attachment (`mes-donnees-opendetat.json`)", body = PersonalData),
    )
)]
#[get("/me/data")]
pub async fn my_data(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<HttpResponse> {
    let data = db::run(&state.pool, move |conn| queries::gather(conn, auth.id)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Content-Disposition", "attachment; filename=\"mes-donnees-opendetat.json\""))
        .json(data))
}

/// Erase the signed-in person's account (RGPD, article 17), after they give their password
/// again (an account made at a provider, without a password: after signing in there again, less
/// than 10 minutes before). At once and for good: every session and token stops; comments stay in their threads
/// as "Compte supprimé", without their text unless `keep_comment_text`; questions and progress
/// updates stay without their author; registrations for forums to come are cancelled; follows,
/// notifications, reactions and tokens go. The `docs/ARCHITECTURE.md` section "Erasure" lists
/// every table. The only admin left cannot erase their account (409 `last_admin`).
#[utoipa::path(
    tag = "personal_data",
    security(("bearer" = ["account"])),
    request_body = EraseMyAccount,
    responses(
        (status = 204, description = "Erased: the token that asked no longer works"),
        (status = 403, description = "The password is not the account's (`wrong_password`); the account has no password and its session did not begin at its provider in the last 10 minutes (`reauthentication_required`); or the account is suspended", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The platform's only admin (`last_admin`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/erasure")]
pub async fn erase_my_account(
    http: actix_web::HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<EraseMyAccount>,
) -> ApiResult<HttpResponse> {
    let req = body?.into_inner();
    req.validate()?;
    crate::resources::accounts::confirm_identity(&state, &auth, req.password).await?;
    let keep = req.keep_comment_text;
    db::transaction(&state.pool, move |conn| erasure::erase(conn, auth.id, ErasedBy::Owner, keep)).await?;
    // The web app's session cookie goes with the account.
    Ok(HttpResponse::NoContent().cookie(crate::auth::cookie::removal(crate::auth::cookie::secure(&http))).finish())
}

/// Erase an account (admins only; audited), as its owner could: comments lose their text. An
/// admin erases their own account from `POST /me/erasure` (409 `self_lockout` here).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    responses(
        (status = 204, description = "Erased"),
        (status = 404, description = "No such account, or already erased", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "One's own account (`self_lockout`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/users/{id}/erasure")]
pub async fn erase_account(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let id = UserId(id.into_inner());
    if id == auth.id {
        return Err(ApiError::Conflict {
            code: crate::resources::shared::codes::SELF_LOCKOUT,
            detail: "Erase your own account from your account page (`POST /me/erasure`), with your password.".into(),
        });
    }
    db::transaction(&state.pool, move |conn| erasure::erase(conn, id, ErasedBy::Admin(auth.id), false)).await?;
    Ok(HttpResponse::NoContent().finish())
}
