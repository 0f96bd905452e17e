//! `/milestones/{id}/progress`, `/progress-updates/{id}`, `/commitments/{id}/progress`.
//! Anyone reads; officials of the commitment's lead institution and admins append.

use actix_web::{get, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{CommitmentProgress, NewProgressUpdate, ProgressUpdate, ProgressUpdatePage};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::{MilestoneId, ProgressUpdateId};
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks, ErrorCode};
use crate::resources::commitments::queries as commitment_queries;
use crate::resources::institutions::queries as institution_queries;
use crate::resources::milestones::queries as milestone_queries;
use crate::types::Role;
use crate::AppState;

/// A milestone's progress log, latest first (by the date reported on, then posting order).
#[utoipa::path(
    tag = "progress",
    params(("id" = i64, Path, description = "Milestone id"), PageParams),
    responses((status = 200, description = "A page of the log", body = ProgressUpdatePage))
)]
#[get("/milestones/{id}/progress")]
pub async fn list_progress(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(chrono::NaiveDate, ProgressUpdateId)> = page.cursor()?;
    let id = MilestoneId(id.into_inner());
    let (items, next) = db::run(&state.read_pool, move |conn| {
        milestone_queries::find(conn, id)?;
        let rows = queries::list(conn, id, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |r| (r.as_of, r.id));
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<ProgressUpdatePage, _>(&req, items, next))
}

/// Report progress on a milestone: officials of its commitment's lead institution (403
/// `not_your_institution` for others) and admins. The update becomes the milestone's status
/// and completion when it is the latest by date. It is never changed nor deleted: to correct
/// one, post another naming it in `corrects`.
#[utoipa::path(
    tag = "progress",
    security(("bearer" = ["respond"])),
    params(("id" = i64, Path, description = "Milestone id")),
    request_body = NewProgressUpdate,
    responses(
        (status = 201, description = "Appended to the log", body = ProgressUpdate),
        (status = 403, description = "Not an official of the lead institution (`not_your_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The milestone is archived (`archived`), or `corrects` names no update of it (`unknown_reference`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or `as_of` after today in Paris (`not_in_future`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/milestones/{id}/progress")]
pub async fn report_progress(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<NewProgressUpdate>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ReportProgress)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let id = MilestoneId(id.into_inner());
    let created = db::transaction(&state.pool, move |conn| {
        let (milestone, _) = milestone_queries::find(conn, id)?;
        let lead = institution_queries::lead_of(conn, milestone.commitment_id)?;
        if auth.acting_role() != Role::Admin && (lead.is_none() || auth.institution_id != lead) {
            return Err(ApiError::Refused {
                code: crate::resources::shared::codes::NOT_YOUR_INSTITUTION,
                detail: "Only officials of the commitment's lead institution, and admins, report progress on its milestones.".into(),
            });
        }
        if milestone.archived_at.is_some() {
            return Err(ApiError::Conflict {
                code: ErrorCode::Archived,
                detail: "This milestone is archived: its log is closed.".into(),
            });
        }
        if r.as_of > db::today_in_paris(conn)? {
            return Err(ApiError::field("as_of", "not_in_future", "must not be after today (in Paris)"));
        }
        let row = queries::append(conn, id, r, auth.id, auth.institution_id)?;
        Ok(queries::present(conn, vec![row])?.remove(0))
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/progress-updates/{}", created.id)))
        .json(created))
}

/// One entry of the progress log.
#[utoipa::path(
    tag = "progress",
    params(("id" = i64, Path, description = "Progress update id")),
    responses((status = 200, description = "The update", body = ProgressUpdate))
)]
#[get("/progress-updates/{id}")]
pub async fn get_progress_update(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ProgressUpdate>> {
    let id = ProgressUpdateId(id.into_inner());
    let found = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, id)?;
        Ok(queries::present(conn, vec![row])?.remove(0))
    })
    .await?;
    Ok(web::Json(found))
}

/// A commitment's completion, computed from its milestones: now (the share complete and
/// OGP's level), at the end of each day of the log (for a chart), each milestone's standing
/// (overdue ones flagged) and the latest updates.
#[utoipa::path(
    tag = "progress",
    params(("id" = String, Path, description = "Commitment id or OGP code")),
    responses((status = 200, description = "The commitment's progress", body = CommitmentProgress))
)]
#[get("/commitments/{id}/progress")]
pub async fn commitment_progress(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<CommitmentProgress>> {
    let key = id.into_inner();
    let progress = db::run(&state.read_pool, move |conn| {
        let c = commitment_queries::find(conn, &key)?;
        let lead = institution_queries::lead_of(conn, c.id)?;
        Ok(queries::commitment_progress(conn, c.id, c.code, lead)?)
    })
    .await?;
    Ok(web::Json(progress))
}
