//! `/milestones` and `/commitments/{id}/milestones`. Anyone reads; officials and admins write.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{with_codes, Milestone, MilestoneChanges, MilestoneFilters, MilestonePage, NewMilestoneRequest};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::archive;
use crate::db::ids::MilestoneId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::ApiResult;
use crate::AppState;

/// Every milestone of every commitment, by id (for synchronisation).
#[utoipa::path(
    tag = "milestones",
    params(MilestoneFilters, PageParams),
    responses((status = 200, description = "A page of milestones", body = MilestonePage))
)]
#[get("/milestones")]
pub async fn list_all_milestones(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<MilestoneFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<MilestoneId> = page.cursor()?;
    let filters = filters.into_inner();
    let rows = db::run(&state.read_pool, move |conn| Ok(queries::list_all(conn, filters, after, limit + 1)?)).await?;
    let (rows, next) = page::finish_page(rows, limit, |(m, _)| m.id);
    Ok(page::respond::<MilestonePage, _>(&req, with_codes(rows), next))
}

/// The milestones of one commitment, in order.
#[utoipa::path(
    tag = "milestones",
    params(("id" = String, Path, description = "Commitment id or OGP code"), MilestoneFilters, PageParams),
    responses((status = 200, description = "A page of milestones", body = MilestonePage))
)]
#[get("/commitments/{id}/milestones")]
pub async fn list_milestones(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    filters: web::Query<MilestoneFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(i32, MilestoneId)> = page.cursor()?;
    let filters = filters.into_inner();
    let key = id.into_inner();
    let rows = db::run(&state.read_pool, move |conn| {
        let commitment = crate::resources::shared::refs::commitment(conn, &key)?;
        Ok(queries::list_of(conn, &commitment, filters, after, limit + 1)?)
    })
    .await?;
    let (rows, next) = page::finish_page(rows, limit, |(m, _)| (m.position, m.id));
    Ok(page::respond::<MilestonePage, _>(&req, with_codes(rows), next))
}

/// Add a milestone to a commitment (officials and admins).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Commitment id or OGP code")),
    request_body = NewMilestoneRequest,
    responses(
        (status = 201, description = "Created", body = Milestone),
        (status = 409, description = "The commitment already has a milestone with this code", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/milestones")]
pub async fn create_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewMilestoneRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    r.validate()?;
    let key = id.into_inner();
    let created = db::transaction(&state.pool, move |conn| {
        let commitment = crate::resources::shared::refs::commitment(conn, &key)?;
        let row = queries::insert(conn, &commitment, r, auth.id)?;
        Ok(queries::present(row, commitment.code))
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One milestone.
#[utoipa::path(
    tag = "milestones",
    params(("id" = i64, Path, description = "Milestone id")),
    responses((status = 200, description = "The milestone", body = Milestone))
)]
#[get("/milestones/{id}")]
pub async fn get_milestone(state: web::Data<AppState>, id: web::Path<i64>) -> ApiResult<web::Json<Milestone>> {
    let id = MilestoneId(id.into_inner());
    let (row, code) = db::run(&state.read_pool, move |conn| queries::find(conn, id)).await?;
    Ok(web::Json(queries::present(row, code)))
}

/// Update a milestone, e.g. its status (officials and admins).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Milestone id")),
    request_body = MilestoneChanges,
    responses(
        (status = 200, description = "Updated", body = Milestone),
        (status = 409, description = "Code already used in this commitment", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/milestones/{id}")]
pub async fn update_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<MilestoneChanges>,
) -> ApiResult<web::Json<Milestone>> {
    auth.require(Permission::EditContent)?;
    let changes = body?.into_inner();
    changes.validate()?;
    let id = MilestoneId(id.into_inner());
    let (row, code) = db::transaction(&state.pool, move |conn| {
        let (current, code) = queries::find(conn, id)?;
        Ok((queries::update(conn, current, changes, auth.id)?, code))
    })
    .await?;
    Ok(web::Json(queries::present(row, code)))
}

/// Delete a milestone (admins only). What citizens wrote is never destroyed: a milestone with
/// a discussion (any comment, even deleted), action items serving it or a progress log is archived instead, and the answer is the archived
/// milestone (200): left out of lists and progress, its page and discussion still readable,
/// closed to new comments, restorable with `POST /milestones/{id}/restore`. One without
/// contributions is deleted (204).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Milestone id")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Milestone),
        (status = 204, description = "Deleted: it had no contributions"),
    )
)]
#[delete("/milestones/{id}")]
pub async fn delete_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::DeleteContent)?;
    let id = MilestoneId(id.into_inner());
    let archived = db::transaction(&state.pool, move |conn| {
        let (row, code) = queries::find(conn, id)?;
        archive::remove(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?.archived(|row| Ok(queries::present(row, code)))
    })
    .await?;
    Ok(crate::http::removed(archived))
}

/// Bring an archived milestone back into lists and progress, and open its discussion again
/// (admins only).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Milestone id")),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Milestone))
)]
#[post("/milestones/{id}/restore")]
pub async fn restore_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Milestone>> {
    auth.require(Permission::DeleteContent)?;
    let id = MilestoneId(id.into_inner());
    let (row, code) = db::transaction(&state.pool, move |conn| {
        let (row, code) = queries::find(conn, id)?;
        Ok((archive::restore(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?, code))
    })
    .await?;
    Ok(web::Json(queries::present(row, code)))
}

// Its discussion (the routes are the comments' own, for a milestone).
crate::discussion_routes!(
    list_milestone_comments,
    create_milestone_comment,
    milestone_comments_feed,
    "/milestones/{id}/comments",
    "/milestones/{id}/comments.atom",
    crate::resources::milestones::subject::KIND,
    "milestone",
    "Milestone id"
);
