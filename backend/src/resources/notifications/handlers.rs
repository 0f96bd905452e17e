//! `/me/follows`, `/me/notifications`, `/me/notification-settings` (the signed-in member's
//! own, nobody else's) and `/mentions/suggestions`.

use actix_web::{delete, get, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use validator::Validate;

use super::dto::{
    FollowPage, FollowState, MarkedRead, MentionSuggestion, NotificationListParams, NotificationPage,
    NotificationSettings, ReadAllParams, SuggestionParams, UnreadCount,
};
use super::queries;
use crate::auth::{AuthUser, BearerToken};
use crate::db;
use crate::db::ids::SubjectId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::subjects::{self, SubjectKind, SubjectRef};
use crate::AppState;
use diesel::PgConnection;

/// `/me/follows/{type}/{key}`: a subject, by its kind and its key.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(names("type", "key"), parameter_in = Path)]
pub struct SubjectPath(
    /// The kind of subject
    #[param(value_type = SubjectKind)]
    String,
    /// Its id, slug or OGP code (as its own routes take)
    String,
);

/// The subject the path names; 404 for an unknown kind or key.
fn subject(conn: &mut PgConnection, SubjectPath(kind, key): &SubjectPath) -> ApiResult<SubjectRef> {
    let kind: SubjectKind = kind.parse().map_err(|_| ApiError::not_found("Kind of subject"))?;
    subjects::resolve(conn, kind, key)
}

/// What the signed-in member follows, latest followed first.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(PageParams),
    responses((status = 200, description = "A page of followed subjects", body = FollowPage))
)]
#[get("/me/follows")]
pub async fn list_follows(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(DateTime<Utc>, SubjectId)> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list_follows(conn, auth.id, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |(f, id)| (f.since, *id));
        Ok((rows.into_iter().map(|(f, _)| f).collect::<Vec<_>>(), next))
    })
    .await?;
    Ok(page::respond::<FollowPage, _>(&req, items, next))
}

/// Whether the signed-in member follows a subject, and how many members do.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(SubjectPath),
    responses((status = 200, description = "Following or not", body = FollowState))
)]
#[get("/me/follows/{type}/{key}")]
pub async fn follow_state(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<SubjectPath>,
) -> ApiResult<web::Json<FollowState>> {
    let path = path.into_inner();
    let s = db::run(&state.read_pool, move |conn| {
        let subject = subject(conn, &path)?;
        Ok(queries::follow_state(conn, Some(auth.id), subject.id)?)
    })
    .await?;
    Ok(web::Json(s))
}

/// Follow a subject: new comments on it, its progress updates, answers, changes of status, time
/// or place become notifications (following again changes nothing).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(SubjectPath),
    responses((status = 200, description = "Following", body = FollowState))
)]
#[put("/me/follows/{type}/{key}")]
pub async fn follow(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<SubjectPath>,
) -> ApiResult<web::Json<FollowState>> {
    let path = path.into_inner();
    let s = db::transaction(&state.pool, move |conn| {
        let subject = subject(conn, &path)?;
        Ok(queries::follow(conn, auth.id, &subject)?)
    })
    .await?;
    Ok(web::Json(s))
}

/// Stop following a subject (not following: nothing changes).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(SubjectPath),
    responses((status = 200, description = "Not following", body = FollowState))
)]
#[delete("/me/follows/{type}/{key}")]
pub async fn unfollow(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<SubjectPath>,
) -> ApiResult<web::Json<FollowState>> {
    let path = path.into_inner();
    let s = db::transaction(&state.pool, move |conn| {
        let subject = subject(conn, &path)?;
        queries::unfollow(conn, auth.id, subject.id)?;
        Ok(queries::follow_state(conn, Some(auth.id), subject.id)?)
    })
    .await?;
    Ok(web::Json(s))
}

/// The signed-in member's notifications, newest first (`unread=true`: only those not read).
/// Written by a background job within seconds of what caused them.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(NotificationListParams, PageParams),
    responses((status = 200, description = "A page of notifications", body = NotificationPage))
)]
#[get("/me/notifications")]
pub async fn list_notifications(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    params: web::Query<NotificationListParams>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let before: Option<i64> = page.cursor()?;
    let unread_only = params.unread.unwrap_or(false);
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, auth.id, unread_only, before, limit + 1)?;
        Ok(page::finish_page(rows, limit, |n| n.id))
    })
    .await?;
    Ok(page::respond::<NotificationPage, _>(&req, items, next))
}

/// How many notifications wait unread (counted up to 100; `more` beyond).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    responses((status = 200, description = "The unread count", body = UnreadCount))
)]
#[get("/me/notifications/unread-count")]
pub async fn unread_count(state: web::Data<AppState>, token: BearerToken) -> ApiResult<web::Json<UnreadCount>> {
    // Every page of the web app asks for it: the account is read in the count's own checkout
    // (one trip to the pool, not two), as posting a comment does.
    let count = db::run(&state.read_pool, move |conn| {
        let user = token.authorize(conn)?;
        Ok(queries::unread_count(conn, user.id)?)
    })
    .await?;
    Ok(web::Json(count))
}

/// Mark every unread notification read (`up_to`: only those up to that id).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(ReadAllParams),
    responses((status = 200, description = "How many were marked read", body = MarkedRead))
)]
#[post("/me/notifications/read-all")]
pub async fn mark_all_read(
    state: web::Data<AppState>,
    auth: AuthUser,
    params: web::Query<ReadAllParams>,
) -> ApiResult<web::Json<MarkedRead>> {
    let up_to = params.up_to;
    if up_to.is_some_and(|n| n < 1) {
        return Err(ApiError::field("up_to", "range", "must be a notification id (1 or more)"));
    }
    let marked = db::transaction(&state.pool, move |conn| Ok(queries::mark_all_read(conn, auth.id, up_to)?)).await?;
    Ok(web::Json(MarkedRead { marked }))
}

/// Mark one notification read (already read: nothing changes).
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    params(("id" = i64, Path, description = "Notification id")),
    responses(
        (status = 204, description = "Read"),
        (status = 404, description = "The member has no notification with this id", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/notifications/{id}/read")]
pub async fn mark_read(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let found = db::transaction(&state.pool, move |conn| Ok(queries::mark_read(conn, auth.id, id)?)).await?;
    if found {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(ApiError::not_found("Notification"))
    }
}

/// How notifications come by mail: `off`, `immediate` (one mail each) or `daily` (a digest at
/// 7:00, Paris time, of those still unread; the default). Mail goes only to a confirmed address.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    responses((status = 200, description = "The settings", body = NotificationSettings))
)]
#[get("/me/notification-settings")]
pub async fn get_settings(state: web::Data<AppState>, auth: AuthUser) -> ApiResult<web::Json<NotificationSettings>> {
    let mail = db::run(&state.pool, move |conn| Ok(queries::mail_preference(conn, auth.id)?)).await?;
    Ok(web::Json(NotificationSettings { mail }))
}

/// Choose how notifications come by mail.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["follow"])),
    request_body = NotificationSettings,
    responses((status = 200, description = "The settings", body = NotificationSettings))
)]
#[put("/me/notification-settings")]
pub async fn put_settings(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NotificationSettings>,
) -> ApiResult<web::Json<NotificationSettings>> {
    let settings = body?.into_inner();
    let mail = settings.mail;
    db::transaction(&state.pool, move |conn| Ok(queries::set_mail_preference(conn, auth.id, mail)?)).await?;
    Ok(web::Json(settings))
}

/// Members whose display name starts with `q`, to mention them (`@Nom affiché`) in a comment;
/// signed-in members only.
#[utoipa::path(
    tag = "notifications",
    security(("bearer" = ["comment"])),
    params(SuggestionParams),
    responses((status = 200, description = "At most `limit` members, by name", body = Vec<MentionSuggestion>))
)]
#[get("/mentions/suggestions")]
pub async fn mention_suggestions(
    state: web::Data<AppState>,
    _auth: AuthUser,
    // Judged after the caller (401/403 first), as `AuthedBody` does for bodies.
    params: Result<web::Query<SuggestionParams>, actix_web::Error>,
) -> ApiResult<web::Json<Vec<MentionSuggestion>>> {
    let params = params?.into_inner();
    params.validate()?;
    let limit = params.limit.unwrap_or(8);
    if !(1..=10).contains(&limit) {
        return Err(ApiError::field("limit", "range", "must be from 1 to 10"));
    }
    let q = params.q.trim().to_string();
    let found = db::run(&state.read_pool, move |conn| Ok(queries::suggestions(conn, &q, limit)?)).await?;
    Ok(web::Json(found))
}
