//! Comment routes: list and post per subject, replies, edit, delete (tombstone), moderation.
//! Anyone reads; signed-in members post (once their address is confirmed, where that is
//! required) and edit or delete their own; moderators and admins hide and unhide; admins may
//! also delete any comment.

use actix_web::{delete, get, patch, put, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{
    Comment, CommentPage, EmbedParams, ReactionRequest, ReactionState, RecentComment, RecentCommentPage,
    UpdateCommentRequest, Viewer,
};
use super::model::CommentRow;
use super::queries::{self, After};
use crate::auth::permission::Permission;
use crate::auth::{require_verified, AuthUser, OptionalAuth};
use crate::db;
use crate::db::ids::CommentId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::subjects::{self};
use crate::{markdown, AppState};

pub(super) fn viewer(auth: &Option<AuthUser>) -> Viewer {
    match auth {
        Some(a) => Viewer { user_id: Some(a.id.get()), moderator: a.acting_role().grants(Permission::Moderate) },
        None => Viewer::default(),
    }
}

/// The latest public comments across every discussion (hidden and deleted ones left out),
/// each with the title of what it is about: the platform's activity feed.
#[utoipa::path(
    tag = "comments",
    params(PageParams),
    responses((status = 200, description = "A page of comments, newest first", body = RecentCommentPage))
)]
#[get("/comments")]
pub async fn list_recent_comments(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: After = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::recent(conn, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |r: &CommentRow| (r.created_at, r.id));
        let wanted: Vec<_> = rows.iter().map(|r| r.subject_id).collect();
        let described = subjects::describe(conn, &wanted)?;
        let items = rows
            .into_iter()
            .filter_map(|row| {
                let subject = described.get(&row.subject_id)?.clone();
                Some(RecentComment {
                    comment: queries::present(row, Viewer::default()),
                    target_title: subject.title.clone(),
                    target_key: subject.key.clone(),
                    subject,
                })
            })
            .collect::<Vec<_>>();
        Ok((items, next))
    })
    .await?;
    Ok(page::respond::<RecentCommentPage, _>(&req, items, next))
}

/// One comment, with its first replies.
#[utoipa::path(
    tag = "comments",
    params(("id" = i64, Path, description = "Comment id"), EmbedParams),
    responses((status = 200, description = "The comment", body = Comment))
)]
#[get("/comments/{id}")]
pub async fn get_comment(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<i64>,
    params: web::Query<EmbedParams>,
) -> ApiResult<web::Json<Comment>> {
    let id = CommentId(id.into_inner());
    let per = params.replies()?;
    let viewer = viewer(&auth);
    let comment = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, id)?;
        let mut items = vec![queries::present(row, viewer)];
        queries::attach_replies(conn, &mut items, per, viewer)?;
        Ok(items.pop())
    })
    .await?;
    comment.map(web::Json).ok_or_else(|| ApiError::not_found("Comment"))
}

/// Direct replies of a comment, oldest first, each with its own first replies.
#[utoipa::path(
    tag = "comments",
    params(("id" = i64, Path, description = "Comment id"), EmbedParams, PageParams),
    responses((status = 200, description = "A page of replies", body = CommentPage))
)]
#[get("/comments/{id}/replies")]
pub async fn list_replies(
    req: HttpRequest,
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<i64>,
    params: web::Query<EmbedParams>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let id = CommentId(id.into_inner());
    let limit = page.limit()?;
    let per = params.replies()?;
    let after: After = page.cursor::<After>()?.flatten();
    let viewer = viewer(&auth);
    let (items, next) = db::run(&state.read_pool, move |conn| {
        if !queries::exists(conn, id)? {
            return Err(ApiError::not_found("Comment"));
        }
        let rows = queries::replies(conn, id, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |r: &CommentRow| Some((r.created_at, r.id)));
        let mut items: Vec<Comment> = rows.into_iter().map(|r| queries::present(r, viewer)).collect();
        queries::attach_replies(conn, &mut items, per, viewer)?;
        Ok((items, next))
    })
    .await?;
    Ok(page::respond::<CommentPage, _>(&req, items, next))
}

/// Edit your own comment. Editing an institution's answer (`on_record`) keeps the text it
/// replaces, readable by anyone on the question.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = UpdateCommentRequest,
    responses(
        (status = 200, description = "Edited", body = Comment),
        (status = 409, description = "The comment is deleted or hidden", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/comments/{id}")]
pub async fn update_comment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<UpdateCommentRequest>,
) -> ApiResult<web::Json<Comment>> {
    require_verified(&state, auth.verified)?;
    let req = body?.into_inner();
    req.validate()?;
    let id = CommentId(id.into_inner());
    let html = markdown::render(&req.body);
    let viewer = viewer(&Some(auth.clone()));
    let updated = db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, id)?;
        let row = super::writes::edit(conn, row, auth.id, req.body, html)?;
        Ok(queries::present(row, viewer))
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a comment (its author, or an admin). It stays as a tombstone so replies keep their
/// place; its text is erased. An institution's answer to a question is part of the public
/// record and is never deleted (409 `answer_on_record`): edit it, or a moderator hides it.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Comment id")),
    responses(
        (status = 204, description = "Deleted (also when it already was)"),
        (status = 409, description = "An institution's answer to a question, on the record (`answer_on_record`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let id = CommentId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, id)?;
        if row.author_id != auth.id {
            auth.holds(Permission::DeleteAnyComment).map_err(|e| match e {
                ApiError::Forbidden(_) => {
                    ApiError::Forbidden("Only its author or an admin may delete a comment.".into())
                }
                other => other,
            })?;
        }
        super::writes::delete(conn, row, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Set your reaction to a comment: mark it useful, agree or disagree (one of each per person;
/// `useful: false, stance: null` removes it). 409 `comment_unavailable` on a deleted or hidden
/// comment.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = ReactionRequest,
    responses(
        (status = 200, description = "The counts and your reaction", body = ReactionState),
        (status = 409, description = "The comment is deleted or hidden (`comment_unavailable`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/comments/{id}/reaction")]
pub async fn set_reaction(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<ReactionRequest>,
) -> ApiResult<web::Json<ReactionState>> {
    auth.require(Permission::Comment)?;
    require_verified(&state, auth.verified)?;
    let r = body?.into_inner();
    let id = CommentId(id.into_inner());
    let done = db::transaction(&state.pool, move |conn| queries::react(conn, id, auth.id, r)).await?;
    Ok(web::Json(done))
}

/// Remove your reaction to a comment.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Comment id")),
    responses((status = 200, description = "The counts", body = ReactionState))
)]
#[delete("/comments/{id}/reaction")]
pub async fn remove_reaction(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<ReactionState>> {
    auth.require(Permission::Comment)?;
    let id = CommentId(id.into_inner());
    let done = db::transaction(&state.pool, move |conn| queries::unreact(conn, id, auth.id)).await?;
    Ok(web::Json(done))
}
