//! `/cycles`: anyone reads; officials and admins create and edit.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{Cycle, CycleChanges, CyclePage, NewCycleRequest};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::CycleId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

fn check_dates(starts: chrono::NaiveDate, ends: chrono::NaiveDate) -> ApiResult<()> {
    if ends < starts {
        return Err(ApiError::field("ends_on", "range", "must not be before starts_on"));
    }
    Ok(())
}

/// Cycles, newest first, with how many forums they hold and how many of their commitments a
/// forum worked on.
#[utoipa::path(
    tag = "cycles",
    params(PageParams),
    responses((status = 200, description = "A page of cycles", body = CyclePage))
)]
#[get("/cycles")]
pub async fn list_cycles(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(chrono::NaiveDate, CycleId)> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, after, limit + 1)?;
        Ok(page::finish_page(rows, limit, |c| (c.starts_on, CycleId(c.id))))
    })
    .await?;
    Ok(page::respond::<CyclePage, _>(&req, items, next))
}

/// Start a cycle (officials and admins).
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = ["content"])),
    request_body = NewCycleRequest,
    responses(
        (status = 201, description = "Created", body = Cycle),
        (status = 409, description = "Slug already used, or a commitment id names nothing", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cycles")]
pub async fn create_cycle(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewCycleRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks.add(check_dates(r.starts_on, r.ends_on));
    checks.finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let row = queries::insert(conn, r, auth.id)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/cycles/{}", created.slug))).json(created))
}

/// One cycle, by id or slug: its forums, the coverage of its commitments, its action items.
#[utoipa::path(
    tag = "cycles",
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "The cycle", body = Cycle))
)]
#[get("/cycles/{id}")]
pub async fn get_cycle(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Cycle>> {
    let key = id.into_inner();
    let cycle = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, &key)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(web::Json(cycle))
}

/// Change a cycle (officials and admins).
#[utoipa::path(
    tag = "cycles",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = CycleChanges,
    responses(
        (status = 200, description = "Updated", body = Cycle),
        (status = 409, description = "Slug already used, a commitment id names nothing, or the end would come before the start (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/cycles/{id}")]
pub async fn update_cycle(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<CycleChanges>,
) -> ApiResult<web::Json<Cycle>> {
    auth.require(Permission::EditContent)?;
    let c = body?.into_inner();
    let mut checks = Checks::of(c.validate());
    if let (Some(s), Some(e)) = (c.starts_on, c.ends_on) {
        checks.add(check_dates(s, e));
    }
    checks.finish()?;
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, &key)?;
        if c.starts_on.is_none() || c.ends_on.is_none() {
            check_dates(c.starts_on.unwrap_or(current.starts_on), c.ends_on.unwrap_or(current.ends_on))
                .map_err(ApiError::against_stored)?;
        }
        let row = queries::update(conn, current, c, auth.id)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(web::Json(updated))
}
