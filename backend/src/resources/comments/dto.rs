//! Comments in the contract: what readers get, what writers send.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::http::problem::{ApiError, ApiResult};
use crate::http::validation::not_blank;
use crate::subjects::{Described, SubjectKind};
use crate::types::Role;

pub const MAX_REPLIES_PER_THREAD: i64 = 20;
const DEFAULT_REPLIES_PER_THREAD: i64 = 3;

/// What the comment is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentTarget {
    #[serde(rename = "type")]
    pub kind: SubjectKind,
    pub id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CommentState {
    Visible,
    /// Hidden by a moderator: the body is withheld from everyone but its author and moderators.
    Hidden,
    /// Deleted by its author or an admin: a tombstone that keeps the replies in place.
    Deleted,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentAuthor {
    pub id: i64,
    pub display_name: String,
    /// What a mention names (`@handle`), unique where names are not.
    pub handle: String,
    pub role: Role,
    pub organisation: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Comment {
    pub id: i64,
    pub target: CommentTarget,
    /// The comment this one answers; null for a top-level comment.
    pub parent_id: Option<i64>,
    /// The top-level comment of the thread; null for a top-level comment.
    pub root_id: Option<i64>,
    /// 0 for a top-level comment, 1 for its replies, and so on.
    pub depth: i32,
    /// Null once deleted.
    pub author: Option<CommentAuthor>,
    /// Markdown as written; null when deleted, or hidden from this reader.
    pub body: Option<String>,
    /// `body` rendered to sanitised HTML.
    pub body_html: Option<String>,
    pub state: CommentState,
    /// Why a moderator hid it (public).
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Part of the public record: an institution's answer to a question. It is never deleted
    /// (409 `answer_on_record`), and each edit keeps the text it replaces, readable by anyone
    /// on the question (`GET /questions/{id}`).
    pub on_record: bool,
    /// Number of direct replies (deleted ones included: they remain as tombstones).
    pub reply_count: i32,
    /// How many members marked it useful, agree and disagree.
    pub reactions: Reactions,
    /// The reader's own reaction (lists read by a signed-in member; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub my_reaction: Option<MyReaction>,
    /// The first direct replies, oldest first (list responses only); more with
    /// `GET /comments/{id}/replies?cursor=…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub replies: Option<ReplyPage>,
}

/// Reaction counts of a comment.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema, PartialEq)]
pub struct Reactions {
    pub useful: i32,
    pub agree: i32,
    pub disagree: i32,
}

crate::text_enum! {
    /// Agreeing or disagreeing with a comment.
    Stance {
        Agree => "agree",
        Disagree => "disagree",
    }
}

/// One member's reaction to a comment.
#[derive(Debug, Clone, Copy, Serialize, ToSchema, PartialEq)]
pub struct MyReaction {
    pub useful: bool,
    pub stance: Option<Stance>,
}

/// Set your reaction to a comment: `useful` false and `stance` null removes it.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReactionRequest {
    pub useful: bool,
    pub stance: Option<Stance>,
}

/// A comment's counts after a reaction, and the member's reaction.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReactionState {
    pub comment_id: i64,
    pub reactions: Reactions,
    /// Null once removed.
    pub mine: Option<MyReaction>,
}

crate::text_enum! {
    /// Threads' order: `newest` (default) or `useful` (most marked useful first, then newest).
    ThreadSort {
        Newest => "newest",
        Useful => "useful",
    }
}

/// A page of direct replies.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReplyPage {
    #[schema(no_recursion)]
    pub items: Vec<Comment>,
    /// Cursor for `GET /comments/{parent}/replies`; null when there are no more.
    pub next_cursor: Option<String>,
}

crate::page_type!(CommentPage, Comment, "A page of comments.");

/// A comment with what it is about, for activity feeds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecentComment {
    pub comment: Comment,
    /// Title of the forum, commitment or milestone.
    pub target_title: String,
    /// How the target is addressed in URLs: a forum's slug, a commitment's code, a
    /// milestone's id.
    pub target_key: String,
    /// What it is about, described: its title, its page in the web app, its language.
    pub subject: Described,
}

crate::page_type!(RecentCommentPage, RecentComment, "A page of recent comments, newest first.");

/// Who is reading: decides whether hidden bodies are shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    pub moderator: bool,
}

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
    /// Threads' order (threads mode only).
    pub sort: Option<ThreadSort>,
}

impl CommentListParams {
    pub fn replies(&self) -> ApiResult<i64> {
        replies_wanted(self.replies)
    }
}

fn replies_wanted(n: Option<i64>) -> ApiResult<i64> {
    match n {
        None => Ok(DEFAULT_REPLIES_PER_THREAD),
        Some(n) if (0..=MAX_REPLIES_PER_THREAD).contains(&n) => Ok(n),
        Some(_) => Err(ApiError::field("replies", "range", "must be between 0 and 20")),
    }
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
    pub fn replies(&self) -> ApiResult<i64> {
        replies_wanted(self.replies)
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommentRequest {
    /// Markdown, 1 to 20,000 characters. Raw HTML is not rendered.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(
        example = "Merci pour ce compte rendu ! **Quand** aura lieu le prochain forum ?",
        min_length = 1,
        max_length = 20000,
        pattern = r"\S"
    )]
    pub body: String,
    /// The comment this one answers (same forum, commitment or milestone).
    pub parent_id: Option<i64>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateCommentRequest {
    /// The new markdown body.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
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
