//! `/me/tokens` (a member's personal tokens) and `/admin/app-tokens` (apps' tokens, admins).
//! Managed from a signed-in session only (scope `account`): a token cannot mint tokens.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use diesel::prelude::*;
use validator::Validate;

use super::codes::{SCOPE_NOT_ALLOWED, TOO_MANY_TOKENS};
use super::dto::{ApiTokenPage, ApiTokenView, CreatedApiToken, MyApiTokens, NewAppToken, NewPersonalToken};
use super::queries::{self, NewToken, MAX_ACTIVE_PER_OWNER};
use crate::auth::api_token::{self, ApiTokenId};
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::UserId;
use crate::db::schema::users;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::types::{Role, Scope, TokenKind};
use crate::AppState;

/// The scopes asked for, each once, if `role` and the kind of token allow them all (403
/// `scope_not_allowed` naming the first that they do not).
fn allowed_scopes(asked: &[Scope], role: Role, kind: TokenKind) -> ApiResult<Vec<Scope>> {
    let mut scopes: Vec<Scope> = Vec::new();
    for scope in asked {
        let for_kind = *scope != Scope::Webhooks || kind == TokenKind::App;
        if !Scope::allowed_for(role).contains(scope) || !for_kind {
            let why = if *scope == Scope::Account {
                "`account` is for signed-in sessions only; no token may hold it".to_string()
            } else if !for_kind {
                "`webhooks` is for app tokens, which admins issue".to_string()
            } else {
                format!("the account's role (`{}`) does not allow `{}`", role.as_str(), scope.as_str())
            };
            return Err(ApiError::FieldForbidden {
                code: SCOPE_NOT_ALLOWED,
                errors: vec![FieldError::new("scopes", "scope_not_allowed", &why)],
            });
        }
        if !scopes.contains(scope) {
            scopes.push(*scope);
        }
    }
    Ok(scopes)
}

fn in_the_future(expires_at: Option<chrono::DateTime<Utc>>) -> ApiResult<()> {
    match expires_at {
        Some(at) if at <= Utc::now() => Err(ApiError::field("expires_at", "future", "must be in the future")),
        _ => Ok(()),
    }
}

/// The account `id`'s role and name, locked until the transaction ends (so that two creations
/// cannot both pass the limit of active tokens).
fn lock_owner(conn: &mut PgConnection, id: UserId) -> QueryResult<Option<(Role, String)>> {
    users::table.find(id).select((users::role, users::display_name)).for_update().first(conn).optional()
}

/// Issues a token in the caller's transaction, once the limit of active tokens is checked.
fn issue(conn: &mut PgConnection, new: NewToken<'_>) -> ApiResult<api_token::ApiToken> {
    if queries::count_active(conn, new.owner_id)? >= MAX_ACTIVE_PER_OWNER {
        return Err(ApiError::Conflict {
            code: TOO_MANY_TOKENS,
            detail: format!("An account may hold {MAX_ACTIVE_PER_OWNER} working tokens at once: revoke one first."),
        });
    }
    Ok(queries::insert(conn, &new)?)
}

/// The signed-in member's personal tokens (not revoked), the newest first, with their last use.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    responses((status = 200, description = "The tokens", body = MyApiTokens))
)]
#[get("/me/tokens")]
pub async fn list_my_tokens(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<MyApiTokens>> {
    let owner = auth.id;
    let items = db::run(&state.pool, move |conn| {
        let name: String = users::table.find(owner).select(users::display_name).first(conn)?;
        let tokens = queries::personal_of(conn, owner)?;
        Ok(tokens.into_iter().map(|t| ApiTokenView::new(t, name.clone())).collect())
    })
    .await?;
    Ok(web::Json(MyApiTokens { items }))
}

/// Create a personal token for one's own scripts: it acts as the account, narrowed to its
/// scopes. The answer holds the secret, shown this once.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    request_body = NewPersonalToken,
    responses(
        (status = 201, description = "Created: the secret is in `token`, shown this once", body = CreatedApiToken),
        (status = 403, description = "A scope the account's role does not allow, `account`, or `webhooks` (app tokens only) (`scope_not_allowed`, naming `scopes`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The account already holds 50 working tokens (`too_many_tokens`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/tokens")]
pub async fn create_my_token(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewPersonalToken>,
) -> ApiResult<HttpResponse> {
    let req = body?.into_inner();
    req.validate()?;
    in_the_future(req.expires_at)?;
    let scopes = allowed_scopes(&req.scopes, auth.acting_role(), TokenKind::Personal)?;
    let (secret, hash) = api_token::generate(TokenKind::Personal);
    let prefix = api_token::shown_prefix(&secret);
    let details = db::transaction(&state.pool, move |conn| {
        let (_, name) = lock_owner(conn, auth.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        let token = issue(
            conn,
            NewToken {
                owner_id: auth.id,
                kind: TokenKind::Personal,
                name: req.name.trim(),
                contact: None,
                scopes: &scopes,
                prefix: &prefix,
                secret_hash: &hash,
                created_by: auth.id,
                expires_at: req.expires_at,
            },
        )?;
        Ok(ApiTokenView::new(token, name))
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedApiToken { token: secret, details }))
}

/// Revoke one of one's personal tokens: from the next request on, it answers 401
/// `api_token_revoked`. Revoking a revoked token again changes nothing.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"))
)]
#[delete("/me/tokens/{id}")]
pub async fn revoke_my_token(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = ApiTokenId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        queries::revoke(conn, id, TokenKind::Personal, Some(auth.id), auth.id)?
            .ok_or_else(|| ApiError::not_found("Token"))
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Every app token, revoked ones included, the newest first (admins).
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    params(PageParams),
    responses((status = 200, description = "A page of app tokens", body = ApiTokenPage))
)]
#[get("/admin/app-tokens")]
pub async fn list_app_tokens(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let rows = db::run(&state.pool, move |conn| Ok(queries::apps(conn, after.map(ApiTokenId), limit + 1)?)).await?;
    let (rows, next) = page::finish_page(rows, limit, |(t, _)| t.id.get());
    let items = rows.into_iter().map(|(t, name)| ApiTokenView::new(t, name)).collect();
    Ok(page::respond::<ApiTokenPage, _>(&req, items, next))
}

/// Issue a token to an organisation's app (admins): it acts as the account `owner_id`, narrowed
/// to its scopes, which that account's role must allow. The answer holds the secret, shown this
/// once: hand it to the app's maintainers over a safe channel.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    request_body = NewAppToken,
    responses(
        (status = 201, description = "Created: the secret is in `token`, shown this once", body = CreatedApiToken),
        (status = 403, description = "Not an admin, or a scope the owner's role does not allow (`scope_not_allowed`, naming `scopes`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "No account `owner_id` (`unknown_reference`), or it already holds 50 working tokens (`too_many_tokens`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/app-tokens")]
pub async fn create_app_token(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewAppToken>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let req = body?.into_inner();
    req.validate()?;
    in_the_future(req.expires_at)?;
    let (secret, hash) = api_token::generate(TokenKind::App);
    let prefix = api_token::shown_prefix(&secret);
    let details = db::transaction(&state.pool, move |conn| {
        let owner = UserId(req.owner_id);
        let (role, name) = lock_owner(conn, owner)?.ok_or_else(|| {
            ApiError::conflict_field(ErrorCode::UnknownReference, "owner_id", "unknown", "names no account")
        })?;
        let scopes = allowed_scopes(&req.scopes, role, TokenKind::App)?;
        let token = issue(
            conn,
            NewToken {
                owner_id: owner,
                kind: TokenKind::App,
                name: req.name.trim(),
                contact: Some(req.contact.trim()),
                scopes: &scopes,
                prefix: &prefix,
                secret_hash: &hash,
                created_by: auth.id,
                expires_at: req.expires_at,
            },
        )?;
        Ok(ApiTokenView::new(token, name))
    })
    .await?;
    Ok(HttpResponse::Created().json(CreatedApiToken { token: secret, details }))
}

/// Revoke an app token (admins): from the next request on, it answers 401 `api_token_revoked`.
#[utoipa::path(
    tag = "tokens",
    security(("bearer" = ["account"])),
    params(("id" = i64, Path, description = "Token id")),
    responses((status = 204, description = "Revoked"))
)]
#[delete("/admin/app-tokens/{id}")]
pub async fn revoke_app_token(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageUsers)?;
    let id = ApiTokenId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        queries::revoke(conn, id, TokenKind::App, None, auth.id)?.ok_or_else(|| ApiError::not_found("Token"))
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
