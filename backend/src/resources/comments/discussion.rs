//! A subject's discussion: its two routes, declared by each discussable resource with
//! `discussion_routes!`, and the code they share (threads or flat, and posting).

use super::dto::{Comment, CommentListParams, CommentPage, ListMode, NewCommentRequest, ThreadSort};
use super::handlers::viewer;
use super::model::CommentRow;
use super::queries::{self, After};
use crate::auth::{require_verified, AuthUser, BearerToken};
use crate::db;
use crate::db::ids::CommentId;
use crate::http::atom::{self, FeedEntry, FeedHead};
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::subjects::{self, SubjectKind};
use crate::{markdown, AppState};
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use validator::Validate;

/// The discussion of the subject of `kind` named `key` (see `discussion_routes!`).
pub async fn list_for(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: Option<AuthUser>,
    kind: SubjectKind,
    key: String,
    params: CommentListParams,
    page: PageParams,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let per_thread = params.replies()?;
    let mode = params.mode.unwrap_or(ListMode::Threads);
    let by_usefulness = mode == ListMode::Threads && params.sort == Some(ThreadSort::Useful);
    let mode_tag = if mode == ListMode::Flat {
        "flat"
    } else if by_usefulness {
        "useful"
    } else {
        "threads"
    };
    // The cursor's middle part is an instant (by date) or a count (by usefulness).
    let after: Option<(String, serde_json::Value, CommentId)> = page.cursor()?;
    let bad_cursor = |detail: &str| ApiError::BadRequest { code: ErrorCode::InvalidCursor, detail: detail.into() };
    if after.as_ref().is_some_and(|(m, _, _)| m != mode_tag) {
        return Err(bad_cursor("This cursor belongs to another `mode` or `sort`; start again without it."));
    }
    let (by_date, by_count): (After, Option<(i32, CommentId)>) = match &after {
        None => (None, None),
        Some((_, v, id)) if by_usefulness => {
            let n = v
                .as_i64()
                .and_then(|n| i32::try_from(n).ok())
                .ok_or_else(|| bad_cursor("This cursor is not one of this list."))?;
            (None, Some((n, *id)))
        }
        Some((_, v, id)) => {
            let at = serde_json::from_value::<DateTime<Utc>>(v.clone())
                .map_err(|_| bad_cursor("This cursor is not one of this list."))?;
            (Some((at, *id)), None)
        }
    };
    let viewer = viewer(&auth);
    let reader = auth.as_ref().map(|a| a.id);
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let subject = subjects::resolve(conn, kind, &key)?;
        let rows = match mode {
            ListMode::Threads if by_usefulness => {
                queries::threads_by_usefulness(conn, subject.id, by_count, limit + 1)?
            }
            ListMode::Threads => queries::threads(conn, subject.id, by_date, limit + 1)?,
            ListMode::Flat => queries::flat(conn, subject.id, by_date, limit + 1)?,
        };
        let (rows, next) = page::finish_page(rows, limit, |r: &CommentRow| {
            let key = if by_usefulness { serde_json::json!(r.useful_count) } else { serde_json::json!(r.created_at) };
            (mode_tag, key, r.id)
        });
        let mut items: Vec<Comment> = rows.into_iter().map(|r| queries::present(r, viewer)).collect();
        if mode == ListMode::Threads {
            queries::attach_replies(conn, &mut items, per_thread, viewer)?;
        }
        if let Some(user) = reader {
            queries::attach_mine(conn, &mut items, user)?;
        }
        Ok((items, next))
    })
    .await?;
    Ok(page::respond::<CommentPage, _>(&req, items, next))
}

/// The Atom feed of a subject's discussion (see `discussion_routes!`): its 50 most recent
/// public comments, replies included; hidden and deleted ones appear nowhere.
pub async fn feed_for(
    req: HttpRequest,
    state: web::Data<AppState>,
    kind: SubjectKind,
    key: String,
) -> ApiResult<HttpResponse> {
    let site = state.public_url.trim_end_matches('/').to_string();
    let url = format!("{site}{}", req.path());
    let xml = db::run(&state.read_pool, move |conn| {
        let subject = subjects::resolve(conn, kind, &key)?;
        let described = subjects::describe(conn, &[subject.id])?
            .remove(&subject.id)
            .ok_or_else(|| ApiError::not_found(kind.noun()))?;
        let page = format!("{site}{}", described.path);
        let rows = queries::recent_of(conn, subject.id, atom::ENTRIES)?;
        let since = rows.last().map(|r| r.created_at).unwrap_or(DateTime::UNIX_EPOCH);
        let entries = rows
            .into_iter()
            .map(|r| FeedEntry {
                id: format!("{site}/api/v1/comments/{}", r.id),
                title: format!("{} : {}", r.author_name, atom::excerpt(&r.body, 12)),
                link: format!("{page}#comment-{}", r.id),
                published: r.created_at,
                updated: r.edited_at.unwrap_or(r.created_at),
                author: r.author_name,
                html: r.body_html,
                lang: None,
            })
            .collect();
        let title = format!("Open d'État — Commentaires : {}", described.title);
        Ok(atom::render(FeedHead { url, title, page, since }, entries))
    })
    .await?;
    Ok(atom::respond(xml))
}

/// Posting is the busiest write, so the author's account is read inside the insert's
/// transaction (one checkout per request); only a request whose body is refused reads it
/// apart, so that 401/403 still come before 400/422.
pub async fn create_for(
    state: web::Data<AppState>,
    token: BearerToken,
    kind: SubjectKind,
    key: String,
    body: AuthedBody<NewCommentRequest>,
) -> ApiResult<HttpResponse> {
    let body = match body.map_err(ApiError::from).and_then(|b| {
        let b = b.into_inner();
        b.validate()?;
        Ok(b)
    }) {
        Ok(body) => body,
        Err(refused) => {
            let author = token.authorize_now(&state).await?;
            require_verified(&state, author.verified)?;
            return Err(refused);
        }
    };
    let html = markdown::render(&body.body);
    // Posting limit per account (`RATE_LIMIT_POSTING`): 429 with Retry-After past it. Counted
    // in a statement of its own, so that the account's budget row is locked for a moment, not
    // for the whole post (one member's posts would otherwise queue behind each other). A
    // session's token is signed: its account id is real even before the account is read.
    let limits = state.ip_limits.clone();
    let counted = token.clone();
    db::run(&state.pool, move |conn| {
        let account = counted.account_id(conn)?;
        limits.take(conn, crate::auth::ip_limit::Action::Posting, &account.to_string())
    })
    .await?;
    let created = db::transaction(&state.clone().pool, move |conn| {
        let author = token.authorize(conn)?;
        require_verified(&state, author.email_verified_at.is_some())?;
        let viewer = viewer(&Some(AuthUser::from(&author)));
        let subject = subjects::resolve(conn, kind, &key)?;
        let row = super::writes::insert(conn, &subject, body.parent_id.map(CommentId), author, body.body, html)?;
        Ok(queries::present(row, viewer))
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/comments/{}", created.id))).json(created))
}

/// The discussion routes of a kind of subject — `GET` and `POST {path}`, and its Atom feed — declared in that
/// resource's own handlers, so that a new discussable resource does not touch this module. The
/// caller imports actix-web's `get` and `post` (utoipa recognises the routes by those names):
///
/// ```ignore
/// crate::discussion_routes!(list_forum_comments, create_forum_comment, forum_comments_feed,
///     "/forums/{id}/comments", "/forums/{id}/comments.atom",
///     crate::resources::forums::subject::KIND, "forum", "Forum id or slug");
/// ```
#[macro_export]
macro_rules! discussion_routes {
    ($list:ident, $create:ident, $feed:ident, $path:literal, $feed_path:literal, $kind:expr, $what:literal, $param_desc:literal) => {
        #[doc = concat!("The discussion of a ", $what, ": threads (default) or flat.")]
        #[utoipa::path(
            tag = "comments",
            params(("id" = String, Path, description = $param_desc), $crate::resources::comments::dto::CommentListParams, $crate::http::page::PageParams),
            responses((status = 200, description = "A page of comments", body = $crate::resources::comments::dto::CommentPage))
        )]
        #[get($path)]
        pub async fn $list(
            req: actix_web::HttpRequest,
            state: actix_web::web::Data<$crate::AppState>,
            $crate::auth::OptionalAuth(auth): $crate::auth::OptionalAuth,
            id: actix_web::web::Path<String>,
            params: actix_web::web::Query<$crate::resources::comments::dto::CommentListParams>,
            page: actix_web::web::Query<$crate::http::page::PageParams>,
        ) -> $crate::http::problem::ApiResult<actix_web::HttpResponse> {
            $crate::resources::comments::discussion::list_for(req, state, auth, $kind, id.into_inner(), params.into_inner(), page.into_inner()).await
        }

        #[doc = concat!("The discussion of a ", $what, " as an Atom 1.0 feed: its 50 most recent public comments, replies included, newest first.")]
        #[utoipa::path(
            tag = "comments",
            params(("id" = String, Path, description = $param_desc)),
            responses(
                (status = 200, description = "An Atom 1.0 feed (RFC 4287)", body = String, content_type = "application/atom+xml"),
                (status = 404, description = "No such record", body = $crate::http::problem::Problem, content_type = "application/problem+json"),
            )
        )]
        #[get($feed_path)]
        pub async fn $feed(
            req: actix_web::HttpRequest,
            state: actix_web::web::Data<$crate::AppState>,
            id: actix_web::web::Path<String>,
        ) -> $crate::http::problem::ApiResult<actix_web::HttpResponse> {
            $crate::resources::comments::discussion::feed_for(req, state, $kind, id.into_inner()).await
        }

        #[doc = concat!("Comment on a ", $what, ", or reply with `parent_id` (signed-in users whose address is confirmed, where the platform requires it).")]
        #[utoipa::path(
            tag = "comments",
            security(("bearer" = ["comment"])),
            params(("id" = String, Path, description = $param_desc)),
            request_body = $crate::resources::comments::dto::NewCommentRequest,
            responses(
                (status = 201, description = "Posted", body = $crate::resources::comments::dto::Comment),
                (status = 409, description = "The parent comment is deleted or hidden (`parent_unavailable`), or the discussion is archived (`archived`)", body = $crate::http::problem::Problem, content_type = "application/problem+json"),
                (status = 429, description = "Too many posts from this account (`RATE_LIMIT_POSTING`, 10 a minute by default); retry after `Retry-After` seconds", body = $crate::http::problem::Problem, content_type = "application/problem+json"),
            )
        )]
        #[post($path)]
        pub async fn $create(
            state: actix_web::web::Data<$crate::AppState>,
            token: $crate::auth::BearerToken,
            id: actix_web::web::Path<String>,
            body: $crate::http::extract::AuthedBody<$crate::resources::comments::dto::NewCommentRequest>,
        ) -> $crate::http::problem::ApiResult<actix_web::HttpResponse> {
            $crate::resources::comments::discussion::create_for(state, token, $kind, id.into_inner(), body).await
        }
    };
}
