//! `/action-plans`: anyone reads; admins write (every write is in the audit trail).

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{ActionPlan, ActionPlanChanges, ActionPlanFilters, ActionPlanPage, NewActionPlan};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::ActionPlanId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

fn check_period(start: i32, end: i32) -> ApiResult<()> {
    if end < start {
        return Err(ApiError::field("period_end", "range", "must not be before period_start"));
    }
    Ok(())
}

/// List action plans.
#[utoipa::path(
    tag = "action-plans",
    params(ActionPlanFilters, PageParams),
    responses((status = 200, description = "A page of action plans", body = ActionPlanPage))
)]
#[get("/action-plans")]
pub async fn list_action_plans(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<ActionPlanFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let updated_since = filters.updated_since;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, updated_since, after.map(ActionPlanId), limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |p| p.id.get());
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<ActionPlanPage, _>(&req, items, next))
}

/// Create an action plan (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = ["content"])),
    request_body = NewActionPlan,
    responses(
        (status = 201, description = "Created", body = ActionPlan),
        (status = 409, description = "Slug already used (`already_exists`), or `coordinating_institution_id` names no institution (`unknown_reference`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans")]
pub async fn create_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewActionPlan>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let new = body?.into_inner();
    let mut checks = Checks::of(new.validate());
    checks.add(check_period(new.period_start, new.period_end));
    checks.finish()?;
    let plan = db::transaction(&state.pool, move |conn| {
        if let Some(id) = new.coordinating_institution_id {
            crate::resources::institutions::queries::resolve(conn, id, "coordinating_institution_id")?;
        }
        let row = queries::insert(conn, &new, auth.id)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(HttpResponse::Created().json(plan))
}

/// One action plan, by id or slug.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = String, Path, description = "Numeric id or slug, e.g. `fr-2018-2020`")),
    responses((status = 200, description = "The action plan", body = ActionPlan))
)]
#[get("/action-plans/{id}")]
pub async fn get_action_plan(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<ActionPlan>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let row = queries::find(conn, &key)?;
            queries::present_one(conn, row)
        })
        .await?,
    ))
}

/// Update an action plan (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = ActionPlanChanges,
    responses(
        (status = 200, description = "Updated", body = ActionPlan),
        (status = 409, description = "Slug already used (`already_exists`), `coordinating_institution_id` names no institution (`unknown_reference`), or the period would end before it starts with what is stored (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/action-plans/{id}")]
pub async fn update_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ActionPlanChanges>,
) -> ApiResult<web::Json<ActionPlan>> {
    auth.require(Permission::ManagePlans)?;
    let changes = body?.into_inner();
    let mut checks = Checks::of(changes.validate());
    let key = id.into_inner();
    let plan = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, &key)?;
        let both_sent = changes.period_start.is_some() && changes.period_end.is_some();
        let period = check_period(
            changes.period_start.unwrap_or(current.period_start),
            changes.period_end.unwrap_or(current.period_end),
        );
        checks.add(if both_sent { period } else { period.map_err(ApiError::against_stored) });
        checks.finish()?;
        if let Some(Some(id)) = changes.coordinating_institution_id {
            crate::resources::institutions::queries::resolve(conn, id, "coordinating_institution_id")?;
        }
        let row = queries::update(conn, current, &changes, auth.id)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(web::Json(plan))
}

/// Delete an action plan that has no commitments (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "The plan still has commitments", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/action-plans/{id}")]
pub async fn delete_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let key = id.into_inner();
    db::transaction(&state.pool, move |conn| {
        let plan = queries::find(conn, &key)?;
        queries::delete(conn, &plan, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
