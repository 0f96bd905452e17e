//! `/users/{id}` (public profile) and the admin's `/admin/users`.

use actix_web::{get, patch, web, HttpRequest, HttpResponse};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{Account, PublicUser, User};
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::{ApiError, ApiResult};
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::users;
use crate::types::Role;
use crate::AppState;

crate::page_type!(AccountPage, Account, "A page of accounts (admin view).");

/// A user's public profile (no email).
#[utoipa::path(
    tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, description = "The profile", body = PublicUser))
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<web::Json<PublicUser>> {
    let id = id.into_inner();
    let user = db::run(&state.read_pool, move |conn| {
        Ok(users::table
            .find(id)
            .select(PublicUser::as_select())
            .first(conn)
            .optional()?)
    })
    .await?;
    user.map(web::Json)
        .ok_or_else(|| ApiError::not_found("User"))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserFilters {
    /// Only users with this role.
    pub role: Option<Role>,
    /// Case-insensitive match on email or display name.
    pub q: Option<String>,
}

/// All accounts, oldest first (admins only).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    auth.require(|r| r == Role::Admin, "manage users")?;
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let filters = filters.into_inner();
    let rows = db::run(&state.pool, move |conn| {
        let mut query = users::table
            .select(User::as_select())
            .order(users::id.asc())
            .into_boxed();
        if let Some(after) = after {
            query = query.filter(users::id.gt(after));
        }
        if let Some(role) = filters.role {
            query = query.filter(users::role.eq(role));
        }
        if let Some(q) = filters
            .q
            .as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
        {
            let pattern = format!("%{}%", escape_like(q));
            query = query.filter(
                users::email
                    .ilike(pattern.clone())
                    .or(users::display_name.ilike(pattern)),
            );
        }
        Ok(query.limit(limit + 1).load(conn)?)
    })
    .await?;
    let (rows, next) = finish_page(rows, limit, |u: &User| u.id);
    let body = AccountPage {
        items: rows.into_iter().map(Account::from).collect(),
        next_cursor: next.clone(),
    };
    Ok(page_response(&req, &body, next.as_deref()))
}

/// Escapes `%`, `_` and `\` so user text matches literally in LIKE patterns.
pub fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUpdateUser {
    pub role: Option<Role>,
    /// `true` suspends the account (it can no longer sign in or write), `false` lifts it.
    pub suspended: Option<bool>,
}

/// Change a user's role or suspend them (admins only).
#[utoipa::path(
    tag = "admin",
    security(("bearer" = [])),
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
    auth.require(|r| r == Role::Admin, "manage users")?;
    let id = id.into_inner();
    let req = body?.into_inner();
    if id == auth.id && (req.role.is_some_and(|r| r != Role::Admin) || req.suspended == Some(true))
    {
        return Err(ApiError::Conflict {
            code: "self_lockout",
            detail: "Admins cannot demote or suspend themselves; ask another admin.".into(),
        });
    }
    let user = db::transaction(&state.pool, move |conn| {
        let target = users::table.find(id);
        let current: User = target
            .select(User::as_select())
            .first(conn)
            .optional()?
            .ok_or_else(|| ApiError::not_found("User"))?;
        let role = req.role.unwrap_or(current.role);
        let suspended_at = match req.suspended {
            None => current.suspended_at,
            Some(false) => None,
            Some(true) => current.suspended_at.or_else(|| Some(chrono::Utc::now())),
        };
        let user = diesel::update(target)
            .set((users::role.eq(role), users::suspended_at.eq(suspended_at)))
            .returning(User::as_returning())
            .get_result(conn)?;
        Ok(user)
    })
    .await?;
    log::info!(
        "admin {} updated user {}: role={} suspended={}",
        auth.id,
        user.id,
        user.role.as_str(),
        user.suspended_at.is_some()
    );
    Ok(web::Json(user.into()))
}
