//! `POST /comments/{id}/reports`, the queue under `/moderation`, suspensions, and the public
//! `/moderation-log`.

use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{
    HideRequest, ModerationLogPage, NewReportRequest, Report, ReportQueuePage, ReportReason, Suspension,
    SuspensionRequest,
};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::{require_verified, AuthUser};
use crate::db;
use crate::db::ids::{CommentId, UserId};
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::resources::comments::dto::{Comment, Viewer};
use crate::resources::comments::queries as comment_queries;
use crate::AppState;

/// Report a comment to the moderators (members whose address is confirmed; once per comment:
/// 409 `already_exists`; never one's own: 409 `own_comment`). With `AUTO_HIDE_REPORTS` set,
/// the report that reaches that many distinct members hides the comment at once — counting
/// only accounts whose address is confirmed and that are at least `AUTO_HIDE_MIN_ACCOUNT_DAYS`
/// days old (7 by default). Comments by officials, moderators and admins, and institutions'
/// answers, are never hidden automatically: they wait in the moderators' queue. Reports are
/// private: they do not appear in the change feed.
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = NewReportRequest,
    responses(
        (status = 201, description = "Reported", body = Report),
        (status = 409, description = "Already reported by you (`already_exists`), your own comment (`own_comment`), or the comment is deleted or hidden (`comment_unavailable`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/comments/{id}/reports")]
pub async fn report_comment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<NewReportRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Comment)?;
    require_verified(&state, auth.verified)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    if r.reason == ReportReason::Other && r.details.is_none() {
        checks.add(Err(ApiError::field("details", "required", "say what is wrong when the reason is `other`")));
    }
    checks.finish()?;
    let id = CommentId(id.into_inner());
    let auto_hide =
        queries::AutoHide { reports: state.auto_hide_reports, min_account_days: state.auto_hide_min_account_days };
    let report = db::transaction(&state.pool, move |conn| queries::report(conn, id, auth.id, r, auto_hide)).await?;
    Ok(HttpResponse::Created().json(report))
}

fn moderator_viewer(auth: &AuthUser) -> Viewer {
    Viewer { user_id: Some(auth.id.get()), moderator: true }
}

/// The moderators' queue: comments with open reports, grouped, the longest waiting first, with
/// the text even when hidden and every open report (never who made it).
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["moderate"])),
    params(PageParams),
    responses((status = 200, description = "A page of the queue", body = ReportQueuePage))
)]
#[get("/moderation/reports")]
pub async fn list_reports(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Moderate)?;
    let limit = page.limit()?;
    let after: Option<(chrono::DateTime<chrono::Utc>, i64)> = page.cursor()?;
    let viewer = moderator_viewer(&auth);
    let (items, next) = db::run(&state.pool, move |conn| {
        let rows = queries::queue(conn, after, limit + 1, viewer)?;
        Ok(page::finish_page(rows, limit, |r| (r.first_reported_at, r.comment.id)))
    })
    .await?;
    Ok(page::respond::<ReportQueuePage, _>(&req, items, next))
}

/// Hide a reported comment with a reason everyone sees in its place ("masqué par la
/// modération : …"); its open reports close. Restore with `PUT /comments/{id}/moderation`.
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["moderate"])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = HideRequest,
    responses((status = 200, description = "The comment as moderators see it", body = Comment))
)]
#[post("/moderation/reports/{id}/hide")]
pub async fn hide_reported(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<HideRequest>,
) -> ApiResult<web::Json<Comment>> {
    auth.require(Permission::Moderate)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let id = CommentId(id.into_inner());
    let viewer = moderator_viewer(&auth);
    let comment = db::transaction(&state.pool, move |conn| {
        let row = comment_queries::find(conn, id)?;
        let row = crate::resources::comments::writes::moderate(
            conn,
            row,
            Some(auth.id),
            true,
            Some(r.reason.trim().to_string()),
        )?;
        queries::resolve_reports(conn, id, Some("hidden"), auth.id)?;
        Ok(comment_queries::present(row, viewer))
    })
    .await?;
    Ok(web::Json(comment))
}

/// Dismiss a comment's open reports: nothing to hide (audited).
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["moderate"])),
    params(("id" = i64, Path, description = "Comment id")),
    responses((status = 204, description = "Dismissed"))
)]
#[post("/moderation/reports/{id}/dismiss")]
pub async fn dismiss_reports(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Moderate)?;
    let id = CommentId(id.into_inner());
    db::transaction(&state.pool, move |conn| queries::dismiss(conn, id, auth.id)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Suspend an account for a period (`until`) or until lifted, with a message mailed to its
/// owner (moderators: members and officials; admins: anyone but themselves). A suspended
/// account reads but does not sign in to write. Audited.
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["moderate"])),
    params(("id" = i64, Path, description = "User id")),
    request_body = SuspensionRequest,
    responses(
        (status = 200, description = "Suspended", body = Suspension),
        (status = 409, description = "Yourself (`self_lockout`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "`until` is not in the future", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users/{id}/suspension")]
pub async fn suspend_user(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<SuspensionRequest>,
) -> ApiResult<web::Json<Suspension>> {
    auth.require(Permission::Moderate)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    if r.until.is_some_and(|u| u <= chrono::Utc::now()) {
        checks.add(Err(ApiError::field("until", "in_future", "must be in the future")));
    }
    checks.finish()?;
    let id = UserId(id.into_inner());
    let user = db::transaction(&state.pool, move |conn| {
        let target = crate::auth::user::find(conn, id)?.ok_or_else(|| ApiError::not_found("User"))?;
        queries::suspend(conn, target, auth.id, auth.acting_role(), r.until, r.message)
    })
    .await?;
    Ok(web::Json(Suspension {
        user_id: user.id.get(),
        suspended_at: user.suspended_at.unwrap_or_default(),
        until: user.suspended_until,
    }))
}

/// Lift a suspension (moderators for members and officials, admins for anyone). Audited.
#[utoipa::path(
    tag = "moderation",
    security(("bearer" = ["moderate"])),
    params(("id" = i64, Path, description = "User id")),
    responses((status = 204, description = "Lifted"))
)]
#[delete("/users/{id}/suspension")]
pub async fn lift_suspension(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Moderate)?;
    let id = UserId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let target = crate::auth::user::find(conn, id)?.ok_or_else(|| ApiError::not_found("User"))?;
        queries::lift(conn, target, auth.id, auth.acting_role())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The public moderation log: what was hidden or restored, when and why — never by whom.
#[utoipa::path(
    tag = "moderation",
    params(PageParams),
    responses((status = 200, description = "A page of the log, newest first", body = ModerationLogPage))
)]
#[get("/moderation-log")]
pub async fn moderation_log(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::log(conn, after, limit + 1)?;
        Ok(page::finish_page(rows, limit, |r| r.id))
    })
    .await?;
    Ok(page::respond::<ModerationLogPage, _>(&req, items, next))
}

/// Hide or unhide a comment (moderators and admins); hiding closes its open reports. (Its path
/// is the comment's; the decision is the moderators'.)
#[utoipa::path(
    tag = "comments",
    security(("bearer" = ["moderate"])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = crate::resources::comments::dto::ModerationRequest,
    responses((status = 200, description = "The comment as moderators see it", body = Comment))
)]
#[put("/comments/{id}/moderation")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<crate::resources::comments::dto::ModerationRequest>,
) -> ApiResult<web::Json<Comment>> {
    auth.require(Permission::Moderate)?;
    let req = body?.into_inner();
    req.validate()?;
    let id = CommentId(id.into_inner());
    let viewer = moderator_viewer(&auth);
    let reason = crate::http::validation::clean_opt(req.reason.as_deref());
    let comment = db::transaction(&state.pool, move |conn| {
        let row = comment_queries::find(conn, id)?;
        let row = crate::resources::comments::writes::moderate(conn, row, Some(auth.id), req.hidden, reason)?;
        queries::resolve_reports(conn, row.id, if req.hidden { Some("hidden") } else { None }, auth.id)?;
        Ok(comment_queries::present(row, viewer))
    })
    .await?;
    Ok(web::Json(comment))
}
