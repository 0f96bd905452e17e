//! Comment routes: list and post per target, replies, edit, delete (tombstone), moderation.
//! Anyone reads; signed-in members post and edit or delete their own; moderators and admins
//! hide and unhide; admins may also delete any comment.

use actix_web::{delete, get, patch, post, put, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{
    attach_replies, find, flat, present, replies, threads, Comment, CommentPage, CommentRow,
    RecentComment, RecentCommentPage, Target, Viewer,
};
use crate::auth::{OptionalAuth, AuthUser, BearerToken};
use crate::db;
use crate::http::problem::{ApiError, ApiResult};
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::{comments, milestones};
use crate::types::Role;
use crate::http::validation::not_blank;
use crate::resources::{commitments, forums};
use crate::{markdown, AppState};

pub const MAX_REPLIES_PER_THREAD: i64 = 20;
const DEFAULT_REPLIES_PER_THREAD: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListMode {
    /// Top-level comments newest first, each with its first replies.
    Threads,
    /// Every comment oldest first, without nesting.
    Flat,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommentListParams {
    /// `threads` (default) or `flat`.
    pub mode: Option<ListMode>,
    /// Replies embedded per comment, 0 to 20 (default 3).
    #[param(minimum = 0, maximum = 20)]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub replies: Option<i64>,
}

impl CommentListParams {
    fn replies(&self) -> ApiResult<i64> {
        match self.replies {
            None => Ok(DEFAULT_REPLIES_PER_THREAD),
            Some(n) if (0..=MAX_REPLIES_PER_THREAD).contains(&n) => Ok(n),
            Some(_) => Err(ApiError::field(
                "replies",
                "range",
                "must be between 0 and 20",
            )),
        }
    }
}

fn viewer(auth: &Option<AuthUser>) -> Viewer {
    match auth {
        Some(a) => Viewer {
            user_id: Some(a.id),
            moderator: a.role.can_moderate(),
        },
        None => Viewer::default(),
    }
}

fn forum_target(conn: &mut PgConnection, key: &str) -> ApiResult<(Target, bool)> {
    let row = forums::find_row(conn, key)?;
    Ok((Target::Forum(row.id), row.archived_at.is_some()))
}

fn commitment_target(conn: &mut PgConnection, key: &str) -> ApiResult<(Target, bool)> {
    let row = commitments::find_row(conn, key)?;
    Ok((Target::Commitment(row.id), row.archived_at.is_some()))
}

/// A milestone is closed when it is archived or its commitment is.
fn milestone_target(conn: &mut PgConnection, key: &str) -> ApiResult<(Target, bool)> {
    use crate::db::schema::commitments as c;
    let id: i64 = key.parse().map_err(|_| ApiError::not_found("Milestone"))?;
    milestones::table
        .inner_join(c::table)
        .filter(milestones::id.eq(id))
        .select((
            milestones::id,
            milestones::archived_at.is_not_null().or(c::archived_at.is_not_null()),
        ))
        .first::<(i64, bool)>(conn)
        .optional()?
        .map(|(id, archived)| (Target::Milestone(id), archived))
        .ok_or_else(|| ApiError::not_found("Milestone"))
}

/// What a discussion is about, and whether it is archived (readable, closed to new comments).
type Resolve = fn(&mut PgConnection, &str) -> ApiResult<(Target, bool)>;

async fn list_for(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Option<AuthUser>,
    key: String,
    resolve: Resolve,
    params: CommentListParams,
    page: PageParams,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let per_thread = params.replies()?;
    let mode = params.mode.unwrap_or(ListMode::Threads);
    let mode_tag = if mode == ListMode::Flat {
        "flat"
    } else {
        "threads"
    };
    let after: Option<(String, DateTime<Utc>, i64)> = page.cursor()?;
    if after.as_ref().is_some_and(|(m, _, _)| m != mode_tag) {
        return Err(ApiError::BadRequest {
            code: "invalid_cursor",
            detail: "This cursor belongs to another `mode`; start again without it.".into(),
        });
    }
    let viewer = viewer(&auth);
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let (target, _) = resolve(conn, &key)?;
        let after = after.map(|(_, at, id)| (at, id));
        let rows = match mode {
            ListMode::Threads => threads(conn, target, after, limit + 1)?,
            ListMode::Flat => flat(conn, target, after, limit + 1)?,
        };
        let (rows, next) =
            finish_page(rows, limit, |r: &CommentRow| (mode_tag, r.created_at, r.id));
        let mut items: Vec<Comment> = rows.into_iter().map(|r| present(r, viewer)).collect();
        if mode == ListMode::Threads {
            attach_replies(conn, &mut items, per_thread, viewer)?;
        }
        Ok((items, next))
    })
    .await?;
    Ok(page_response(
        &req,
        &CommentPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommentRequest {
    /// Markdown, 1 to 20,000 characters. Raw HTML is not rendered.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(example = "Merci pour ce compte rendu ! **Quand** aura lieu le prochain forum ?", min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
    /// The comment this one answers (same forum, commitment or milestone).
    pub parent_id: Option<i64>,
}

#[derive(Insertable)]
#[diesel(table_name = comments)]
// NULLs are bound rather than sent as DEFAULT, so the INSERT has one text whatever the target
// and Diesel prepares it once per connection instead of planning it on every post.
#[diesel(treat_none_as_default_value = false)]
struct NewComment {
    forum_id: Option<i64>,
    commitment_id: Option<i64>,
    milestone_id: Option<i64>,
    parent_id: Option<i64>,
    root_id: Option<i64>,
    depth: i32,
    author_id: i64,
    body: String,
    body_html: String,
}

/// Posting is the busiest write, so the author's account is read inside the insert's
/// transaction (one checkout per request); only a request whose body is refused reads it
/// apart, so that 401/403 still come before 400/422.
async fn create_for(
    state: web::Data<AppState>,
    token: BearerToken,
    key: String,
    resolve: Resolve,
    body: AuthedBody<NewCommentRequest>,
) -> ApiResult<HttpResponse> {
    let body = match body.map_err(ApiError::from).and_then(|b| {
        let b = b.into_inner();
        b.validate()?;
        Ok(b)
    }) {
        Ok(body) => body,
        Err(refused) => {
            token.authorize_now(&state).await?;
            return Err(refused);
        }
    };
    let html = markdown::render(&body.body);
    let created = db::transaction(&state.pool, move |conn| {
        let author = token.authorize(conn)?;
        let viewer = viewer(&Some(AuthUser::from(&author)));
        let (target, archived) = resolve(conn, &key)?;
        if archived {
            return Err(ApiError::Conflict {
                code: "archived",
                detail: "This discussion is archived: it stays readable, and takes no new comments."
                    .into(),
            });
        }
        let (root_id, depth) = match body.parent_id {
            None => (None, 0),
            Some(pid) => {
                let parent = find(conn, pid)?.ok_or_else(|| {
                    ApiError::conflict_field(
                        "unknown_reference",
                        "parent_id",
                        "unknown",
                        "names no comment",
                    )
                })?;
                if parent.target() != target {
                    return Err(ApiError::conflict_field(
                        "unknown_reference",
                        "parent_id",
                        "other_target",
                        "is a comment on something else",
                    ));
                }
                if parent.deleted_at.is_some() || parent.hidden_at.is_some() {
                    return Err(ApiError::Conflict {
                        code: "parent_unavailable",
                        detail: "The comment you answer has been deleted or hidden.".into(),
                    });
                }
                diesel::update(comments::table.find(pid))
                    .set(comments::reply_count.eq(comments::reply_count + 1))
                    .execute(conn)?;
                (Some(parent.root_id.unwrap_or(pid)), parent.depth + 1)
            }
        };
        let (forum_id, commitment_id, milestone_id) = match target {
            Target::Forum(id) => (Some(id), None, None),
            Target::Commitment(id) => (None, Some(id), None),
            Target::Milestone(id) => (None, None, Some(id)),
        };
        let new = NewComment {
            forum_id,
            commitment_id,
            milestone_id,
            parent_id: body.parent_id,
            root_id,
            depth,
            author_id: author.id,
            body: body.body,
            body_html: html,
        };
        let (id, created_at): (i64, DateTime<Utc>) = diesel::insert_into(comments::table)
            .values(&new)
            .returning((comments::id, comments::created_at))
            .get_result(conn)?;
        // Everything else about a new comment is known here: no read-back needed.
        let row = CommentRow {
            id,
            forum_id: new.forum_id,
            commitment_id: new.commitment_id,
            milestone_id: new.milestone_id,
            parent_id: new.parent_id,
            root_id: new.root_id,
            depth: new.depth,
            reply_count: 0,
            author_id: author.id,
            body: new.body,
            body_html: new.body_html,
            created_at,
            edited_at: None,
            deleted_at: None,
            hidden_at: None,
            hidden_reason: None,
            author_name: author.display_name,
            author_role: author.role,
            author_organisation: author.organisation,
        };
        Ok(present(row, viewer))
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/comments/{}", created.id)))
        .json(created))
}

macro_rules! target_routes {
    ($list:ident, $create:ident, $path:literal, $resolve:path, $what:literal, $param_desc:literal) => {
        #[doc = concat!("The discussion of a ", $what, ": threads (default) or flat.")]
        #[utoipa::path(
            tag = "comments",
            params(("id" = String, Path, description = $param_desc), CommentListParams, PageParams),
            responses((status = 200, description = "A page of comments", body = CommentPage))
        )]
        #[get($path)]
        pub async fn $list(
            req: HttpRequest,
            state: web::Data<AppState>,
            OptionalAuth(auth): OptionalAuth,
            id: web::Path<String>,
            params: web::Query<CommentListParams>,
            page: web::Query<PageParams>,
        ) -> ApiResult<HttpResponse> {
            list_for(req, state, auth, id.into_inner(), $resolve, params.into_inner(), page.into_inner()).await
        }

        #[doc = concat!("Comment on a ", $what, ", or reply with `parent_id` (signed-in users).")]
        #[utoipa::path(
            tag = "comments",
            security(("bearer" = [])),
            params(("id" = String, Path, description = $param_desc)),
            request_body = NewCommentRequest,
            responses(
                (status = 201, description = "Posted", body = Comment),
                (status = 409, description = "The parent comment is deleted or hidden (`parent_unavailable`), or the discussion is archived (`archived`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $create(
            state: web::Data<AppState>,
            token: BearerToken,
            id: web::Path<String>,
            body: AuthedBody<NewCommentRequest>,
        ) -> ApiResult<HttpResponse> {
            create_for(state, token, id.into_inner(), $resolve, body).await
        }
    };
}

target_routes!(
    list_forum_comments,
    create_forum_comment,
    "/forums/{id}/comments",
    forum_target,
    "forum",
    "Forum id or slug"
);
target_routes!(
    list_commitment_comments,
    create_commitment_comment,
    "/commitments/{id}/comments",
    commitment_target,
    "commitment",
    "Commitment id or OGP code"
);
target_routes!(
    list_milestone_comments,
    create_milestone_comment,
    "/milestones/{id}/comments",
    milestone_target,
    "milestone",
    "Milestone id"
);

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
    let after: Option<(DateTime<Utc>, i64)> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = super::recent(conn, after, limit + 1)?;
        let (rows, next) = finish_page(rows, limit, |r: &CommentRow| (r.created_at, r.id));
        let wanted: Vec<Target> = rows.iter().map(CommentRow::target).collect();
        let targets = super::describe_targets(conn, &wanted)?;
        let items = rows
            .into_iter()
            .map(|row| {
                let (target_title, target_key) =
                    targets.get(&row.target()).cloned().unwrap_or_default();
                RecentComment {
                    comment: present(row, Viewer::default()),
                    target_title,
                    target_key,
                }
            })
            .collect::<Vec<_>>();
        Ok((items, next))
    })
    .await?;
    Ok(page_response(
        &req,
        &RecentCommentPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EmbedParams {
    /// Replies embedded per comment, 0 to 20 (default 3).
    #[param(minimum = 0, maximum = 20)]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub replies: Option<i64>,
}

impl EmbedParams {
    fn replies(&self) -> ApiResult<i64> {
        CommentListParams {
            mode: None,
            replies: self.replies,
        }
        .replies()
    }
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
    let id = id.into_inner();
    let per = params.replies()?;
    let viewer = viewer(&auth);
    let comment = db::run(&state.read_pool, move |conn| {
        let row = find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        let mut items = vec![present(row, viewer)];
        attach_replies(conn, &mut items, per, viewer)?;
        Ok(items.pop())
    })
    .await?;
    comment
        .map(web::Json)
        .ok_or_else(|| ApiError::not_found("Comment"))
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
    let id = id.into_inner();
    let limit = page.limit()?;
    let per = params.replies()?;
    let after: Option<(DateTime<Utc>, i64)> =
        page.cursor::<Option<(DateTime<Utc>, i64)>>()?.flatten();
    let viewer = viewer(&auth);
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let exists = comments::table
            .find(id)
            .select(comments::id)
            .first::<i64>(conn)
            .optional()?;
        exists.ok_or_else(|| ApiError::not_found("Comment"))?;
        let rows = replies(conn, id, after, limit + 1)?;
        let (rows, next) = finish_page(rows, limit, |r: &CommentRow| Some((r.created_at, r.id)));
        let mut items: Vec<Comment> = rows.into_iter().map(|r| present(r, viewer)).collect();
        attach_replies(conn, &mut items, per, viewer)?;
        Ok((items, next))
    })
    .await?;
    Ok(page_response(
        &req,
        &CommentPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommentRequest {
    /// The new markdown body.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
}

/// Edit your own comment.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
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
    let req = body?.into_inner();
    req.validate()?;
    let id = id.into_inner();
    let html = markdown::render(&req.body);
    let viewer = viewer(&Some(auth.clone()));
    let updated = db::transaction(&state.pool, move |conn| {
        let row = find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        if row.author_id != auth.id {
            return Err(ApiError::Forbidden(
                "Only its author may edit a comment.".into(),
            ));
        }
        if row.deleted_at.is_some() || row.hidden_at.is_some() {
            return Err(ApiError::Conflict {
                code: "comment_unavailable",
                detail: "A deleted or hidden comment cannot be edited.".into(),
            });
        }
        diesel::update(comments::table.find(id))
            .set((
                comments::body.eq(req.body),
                comments::body_html.eq(html),
                comments::edited_at.eq(Some(Utc::now())),
            ))
            .execute(conn)?;
        let row = find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        Ok(present(row, viewer))
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a comment (its author, or an admin). It stays as a tombstone so replies keep their
/// place; its text is erased.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Comment id")),
    responses((status = 204, description = "Deleted (also when it already was)"))
)]
#[delete("/comments/{id}")]
pub async fn delete_comment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    db::transaction(&state.pool, move |conn| {
        let row = find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        if row.author_id != auth.id && auth.role != Role::Admin {
            return Err(ApiError::Forbidden(
                "Only its author or an admin may delete a comment.".into(),
            ));
        }
        if row.deleted_at.is_none() {
            diesel::update(comments::table.find(id))
                .set((
                    comments::deleted_at.eq(Some(Utc::now())),
                    comments::body.eq(""),
                    comments::body_html.eq(""),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModerationRequest {
    /// `true` hides the comment's text from the public, `false` shows it again.
    pub hidden: bool,
    /// Public reason, shown in place of the text.
    #[validate(length(max = 500))]
    #[schema(example = "Propos injurieux", max_length = 500)]
    pub reason: Option<String>,
}

/// Hide or unhide a comment (moderators and admins).
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Comment id")),
    request_body = ModerationRequest,
    responses((status = 200, description = "The comment as moderators see it", body = Comment))
)]
#[put("/comments/{id}/moderation")]
pub async fn moderate_comment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<ModerationRequest>,
) -> ApiResult<web::Json<Comment>> {
    auth.require(Role::can_moderate, "moderate comments")?;
    let req = body?.into_inner();
    req.validate()?;
    let id = id.into_inner();
    let viewer = viewer(&Some(auth.clone()));
    let comment = db::transaction(&state.pool, move |conn| {
        find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        let changes = if req.hidden {
            diesel::update(comments::table.find(id))
                .set((
                    comments::hidden_at.eq(Some(Utc::now())),
                    comments::hidden_by.eq(Some(auth.id)),
                    comments::hidden_reason.eq(crate::http::validation::clean_opt(req.reason.as_deref())),
                ))
                .execute(conn)
        } else {
            diesel::update(comments::table.find(id))
                .set((
                    comments::hidden_at.eq(None::<DateTime<Utc>>),
                    comments::hidden_by.eq(None::<i64>),
                    comments::hidden_reason.eq(None::<String>),
                ))
                .execute(conn)
        };
        changes?;
        log::info!(
            "moderator {} set comment {} hidden={}",
            auth.id,
            id,
            req.hidden
        );
        let row = find(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))?;
        Ok(present(row, viewer))
    })
    .await?;
    Ok(web::Json(comment))
}
