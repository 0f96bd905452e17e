//! `/users/{id}` (public profile) and the admin's `/admin/users`.

use actix_web::{get, patch, web, HttpRequest, HttpResponse};

use super::dto::{Account, AccountPage, AdminUpdateUser, PublicUser, UserFilters};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::UserId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::types::Role;
use crate::AppState;

/// A user's public profile (no email).
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "The profile", body = PublicUser))
)]
#[get("/users/{id}")]
pub async fn get_user(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<web::Json<PublicUser>> {
    let id = UserId(id.into_inner());
    db::run(&state.read_pool, move |conn| Ok(queries::find_public(conn, id)?))
        .await?
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("User"))
}

/// All accounts, oldest first (admins only).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(UserFilters, PageParams),
    responses((status = 200, description = "A page of accounts", body = AccountPage))
)]
#[get("/admin/users")]
pub async fn list_users(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    filters: web::Query<UserFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let f = filters.into_inner();
    let rows = db::run(&state.pool, move |conn| {
        Ok(queries::list(conn, f.role, f.q.as_deref(), after.map(UserId), limit + 1)?)
    })
    .await?;
    let (rows, next) = page::finish_page(rows, limit, |u| u.id.get());
    Ok(page::respond::<AccountPage, _>(&req, rows.into_iter().map(Account::from).collect(), next))
}

/// Change a user's role or institution, or suspend them (admins only). Recorded in the audit
/// trail.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(("id" = i64, Path, description = "User id")),
    request_body = AdminUpdateUser,
    responses(
        (status = 200, description = "The updated account", body = Account),
        (status = 409, description = "An admin cannot demote or suspend themselves", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<AdminUpdateUser>,
) -> ApiResult<web::Json<Account>> {
    auth.require(Permission::ManageUsers)?;
    let id = UserId(id.into_inner());
    let req = body?.into_inner();
    crate::http::problem::Checks::of(validator::Validate::validate(&req)).finish()?;
    if id == auth.id && (req.role.is_some_and(|r| r != Role::Admin) || req.suspended == Some(true)) {
        return Err(ApiError::Conflict {
            code: crate::resources::shared::codes::SELF_LOCKOUT,
            detail: "Admins cannot demote or suspend themselves; ask another admin.".into(),
        });
    }
    let user = db::transaction(&state.pool, move |conn| {
        let current = crate::auth::user::find_live(conn, id)?.ok_or_else(|| ApiError::not_found("User"))?;
        let institution = match req.institution_id {
            Some(Some(id)) => Some(Some(crate::resources::institutions::queries::resolve(conn, id, "institution_id")?)),
            Some(None) => Some(None),
            None => None,
        };
        Ok(queries::admin_update(conn, &current, req.role, req.suspended, institution, auth.id)?)
    })
    .await?;
    Ok(web::Json(user.into()))
}
