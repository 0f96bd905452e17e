//! `/commitments`: anyone reads; officials and admins create and edit; only admins delete
//! (deleting a commitment deletes its milestones, or archives it when it has a discussion).

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{Commitment, CommitmentChanges, CommitmentFilters, CommitmentPage, NewCommitmentRequest};
use super::model::CommitmentRow;
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::archive;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

fn check_years(start: Option<i32>, end: Option<i32>) -> ApiResult<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(ApiError::field("end_year", "range", "must not be before start_year")),
        _ => Ok(()),
    }
}

/// Commitments ordered by code, with their milestone progress.
#[utoipa::path(
    tag = "commitments",
    params(CommitmentFilters, PageParams),
    responses((status = 200, description = "A page of commitments", body = CommitmentPage))
)]
#[get("/commitments")]
pub async fn list_commitments(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<CommitmentFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<String> = page.cursor()?;
    let filters = filters.into_inner();
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, filters, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |r: &CommitmentRow| r.code.clone());
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<CommitmentPage, _>(&req, items, next))
}

/// Create a commitment (officials and admins).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = ["content"])),
    request_body = NewCommitmentRequest,
    responses(
        (status = 201, description = "Created", body = Commitment),
        (status = 409, description = "Code already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/commitments")]
pub async fn create_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewCommitmentRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks.add(check_years(r.start_year, r.end_year));
    checks.finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let row = queries::insert(conn, r, auth.id)?;
        queries::present_full(conn, row)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One commitment by id or OGP code (e.g. `FR0041`), with its milestones.
#[utoipa::path(
    tag = "commitments",
    params(("id" = String, Path, description = "Numeric id or OGP code, e.g. `FR0041`")),
    responses((status = 200, description = "The commitment with its milestones", body = Commitment))
)]
#[get("/commitments/{id}")]
pub async fn get_commitment(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Commitment>> {
    let key = id.into_inner();
    let commitment = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, &key)?;
        queries::present_full(conn, row)
    })
    .await?;
    Ok(web::Json(commitment))
}

/// Update a commitment (officials and admins).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or OGP code")),
    request_body = CommitmentChanges,
    responses(
        (status = 200, description = "Updated", body = Commitment),
        (status = 409, description = "Code already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/commitments/{id}")]
pub async fn update_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<CommitmentChanges>,
) -> ApiResult<web::Json<Commitment>> {
    auth.require(Permission::EditContent)?;
    let c = body?.into_inner();
    let mut checks = Checks::of(c.validate());
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, &key)?;
        let both_sent = c.start_year.is_some() && c.end_year.is_some();
        let years = check_years(c.start_year.unwrap_or(current.start_year), c.end_year.unwrap_or(current.end_year));
        checks.add(if both_sent { years } else { years.map_err(ApiError::against_stored) });
        checks.finish()?;
        let row = queries::update(conn, current, c, auth.id)?;
        queries::present_full(conn, row)
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a commitment with its milestones (admins only). What citizens wrote is never
/// destroyed: a commitment with a discussion (any comment on it or on one of its milestones,
/// even deleted), action items serving it, a cycle naming it or a progress log on its milestones is archived instead, and the answer is the archived commitment (200): left
/// out of lists, its page and discussions still readable, closed to new comments, restorable
/// with `POST /commitments/{id}/restore`. One without contributions is deleted (204).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or OGP code")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Commitment),
        (status = 204, description = "Deleted: it had no contributions"),
    )
)]
#[delete("/commitments/{id}")]
pub async fn delete_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::DeleteContent)?;
    let key = id.into_inner();
    let archived = db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, &key)?;
        archive::remove(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?.archived(|row| queries::present_full(conn, row))
    })
    .await?;
    Ok(crate::http::removed(archived))
}

/// Bring an archived commitment back into lists and open its discussions again (admins only).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or OGP code", max_length = 80)),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Commitment))
)]
#[post("/commitments/{id}/restore")]
pub async fn restore_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Commitment>> {
    auth.require(Permission::DeleteContent)?;
    let key = id.into_inner();
    let commitment = db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, &key)?;
        let row = archive::restore(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?;
        queries::present_full(conn, row)
    })
    .await?;
    Ok(web::Json(commitment))
}

// Its discussion (the routes are the comments' own, for a commitment).
crate::discussion_routes!(
    list_commitment_comments,
    create_commitment_comment,
    commitment_comments_feed,
    "/commitments/{id}/comments",
    "/commitments/{id}/comments.atom",
    crate::resources::commitments::subject::KIND,
    "commitment",
    "Commitment id or OGP code"
);
