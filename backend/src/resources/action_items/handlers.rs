//! `/forums/{id}/minutes`, `/forums/{id}/action-items` and `/action-items`: anyone reads;
//! organisers (officials, admins) write, once the forum is held.

use actix_web::{get, patch, post, put, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{
    ActionItem, ActionItemChanges, ActionItemFilters, ActionItemPage, Minutes, MinutesRequest, NewActionItemRequest,
    StatusChangeRequest,
};
use super::minutes;
use super::queries::{self, ListCursor};
use super::writes;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::ActionItemId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::resources::forums::queries as forums;
use crate::AppState;

/// A forum's minutes, with the versions a correction replaced; 404 `not_found` while none are
/// published (the forum exists: its page says so).
#[utoipa::path(
    tag = "action-items",
    params(("id" = String, Path, description = "Forum id or slug")),
    responses(
        (status = 200, description = "The minutes", body = Minutes),
        (status = 404, description = "No such forum, or no minutes published yet (`not_found`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forums/{id}/minutes")]
pub async fn get_minutes(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Minutes>> {
    let key = id.into_inner();
    let minutes = db::run(&state.read_pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        minutes::minutes(conn, &forum)?
            .ok_or_else(|| ApiError::NotFound("This forum has no minutes published yet.".into()))
    })
    .await?;
    Ok(web::Json(minutes))
}

/// Publish or correct a held forum's minutes (organisers). The attendees count defaults to
/// the check-ins at the door. `201` when first published, `200` for a correction.
#[utoipa::path(
    tag = "action-items",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = MinutesRequest,
    responses(
        (status = 200, description = "Corrected", body = Minutes),
        (status = 201, description = "Published", body = Minutes),
        (status = 409, description = "The forum is not held (`forum_not_held`) or archived (`archived`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/forums/{id}/minutes")]
pub async fn put_minutes(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<MinutesRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let key = id.into_inner();
    let (minutes, first) = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        minutes::put_minutes(conn, &forum, r, auth.id)
    })
    .await?;
    Ok(if first { HttpResponse::Created().json(minutes) } else { HttpResponse::Ok().json(minutes) })
}

/// Action items, soonest due first: the public follow-up ("Suivi"). Overdue ones (due date
/// passed in Paris, not closed) are flagged.
#[utoipa::path(
    tag = "action-items",
    params(ActionItemFilters, PageParams),
    responses((status = 200, description = "A page of action items", body = ActionItemPage))
)]
#[get("/action-items")]
pub async fn list_action_items(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<ActionItemFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<ListCursor> = page.cursor()?;
    let filters = filters.into_inner();
    Checks::of(filters.validate()).finish()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, filters, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |(r, _)| (r.due_on, r.id));
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<ActionItemPage, _>(&req, items, next))
}

/// Record a decision or next step of a held forum (organisers). Due not before the forum.
#[utoipa::path(
    tag = "action-items",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = NewActionItemRequest,
    responses(
        (status = 201, description = "Created", body = ActionItem),
        (status = 409, description = "The forum is not held (`forum_not_held`), a link names nothing (`unknown_reference`), or the due date is before the forum (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/action-items")]
pub async fn create_action_item(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewActionItemRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let key = id.into_inner();
    let item = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        let id = writes::insert(conn, &forum, r, auth.id)?;
        queries::present_one(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/action-items/{}", item.id))).json(item))
}

fn item_id(raw: &str) -> ApiResult<ActionItemId> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).map(ActionItemId).ok_or_else(|| ApiError::not_found("Action item"))
}

/// One action item, with its history.
#[utoipa::path(
    tag = "action-items",
    params(("id" = i64, Path, description = "Action item id", minimum = 1)),
    responses((status = 200, description = "The action item", body = ActionItem))
)]
#[get("/action-items/{id}")]
pub async fn get_action_item(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<ActionItem>> {
    let id = item_id(&id)?;
    let item = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, id)?;
        queries::present_one(conn, row.id)
    })
    .await?;
    Ok(web::Json(item))
}

/// Change an action item's text, owner, due date or links (organisers).
#[utoipa::path(
    tag = "action-items",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Action item id", minimum = 1)),
    request_body = ActionItemChanges,
    responses(
        (status = 200, description = "Updated", body = ActionItem),
        (status = 409, description = "A link names nothing (`unknown_reference`), or the due date is before the forum (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/action-items/{id}")]
pub async fn update_action_item(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ActionItemChanges>,
) -> ApiResult<web::Json<ActionItem>> {
    auth.require(Permission::EditContent)?;
    let c = body?.into_inner();
    Checks::of(c.validate()).finish()?;
    let id = item_id(&id)?;
    let item = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, id)?;
        let id = writes::update(conn, current, c, auth.id)?;
        queries::present_one(conn, id)
    })
    .await?;
    Ok(web::Json(item))
}

/// Give an action item a new status (organisers): kept in its history, which no one edits.
/// Closing (`done`, `dropped`) needs an `outcome`; another status takes none.
#[utoipa::path(
    tag = "action-items",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Action item id", minimum = 1)),
    request_body = StatusChangeRequest,
    responses(
        (status = 200, description = "The item with its new status", body = ActionItem),
        (status = 409, description = "It already has this status (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-items/{id}/status")]
pub async fn change_status(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<StatusChangeRequest>,
) -> ApiResult<web::Json<ActionItem>> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    match (r.status.closes(), r.outcome.is_some()) {
        (true, false) => {
            checks.add(Err(ApiError::field("outcome", "required", "an outcome is required to close an action item")));
        }
        (false, true) => {
            checks.add(Err(ApiError::field(
                "outcome",
                "only_when_closing",
                "an outcome goes with `done` or `dropped` only",
            )));
        }
        _ => {}
    }
    checks.finish()?;
    let id = item_id(&id)?;
    let item = db::transaction(&state.pool, move |conn| {
        let id = writes::change_status(conn, id, r, auth.id)?;
        queries::present_one(conn, id)
    })
    .await?;
    Ok(web::Json(item))
}

crate::discussion_routes!(
    list_action_item_comments,
    create_action_item_comment,
    action_item_comments_feed,
    "/action-items/{id}/comments",
    "/action-items/{id}/comments.atom",
    crate::resources::action_items::subject::KIND,
    "action item",
    "Action item id"
);
