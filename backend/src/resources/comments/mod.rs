//! The public discussion: comments on a forum, a commitment or a milestone, threaded to any
//! depth. Each row stores its root and depth, and its parent keeps a reply count, so a page of
//! a 50,000-comment discussion costs what a page of a 50-comment one does: one index range scan
//! for the top-level comments and one LATERAL index probe per thread for its first replies.

pub mod routes;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Int4, Int8, Nullable, Text, Timestamptz};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::http::page::encode_cursor;
use crate::types::Role;

/// What a comment is about: exactly one of a forum, a commitment or a milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Forum(i64),
    Commitment(i64),
    Milestone(i64),
}

impl Target {
    /// The comments column holding this kind of target (a constant, never user input).
    fn column(self) -> &'static str {
        match self {
            Target::Forum(_) => "forum_id",
            Target::Commitment(_) => "commitment_id",
            Target::Milestone(_) => "milestone_id",
        }
    }

    fn id(self) -> i64 {
        match self {
            Target::Forum(id) | Target::Commitment(id) | Target::Milestone(id) => id,
        }
    }

    fn of(forum: Option<i64>, commitment: Option<i64>, milestone: Option<i64>) -> Target {
        match (forum, commitment, milestone) {
            (Some(id), _, _) => Target::Forum(id),
            (_, Some(id), _) => Target::Commitment(id),
            (_, _, Some(id)) => Target::Milestone(id),
            // The table's CHECK constraint makes this unreachable.
            _ => Target::Forum(0),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Forum,
    Commitment,
    Milestone,
}

/// What the comment is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentTarget {
    #[serde(rename = "type")]
    pub kind: TargetKind,
    pub id: i64,
}

impl From<Target> for CommentTarget {
    fn from(t: Target) -> Self {
        let kind = match t {
            Target::Forum(_) => TargetKind::Forum,
            Target::Commitment(_) => TargetKind::Commitment,
            Target::Milestone(_) => TargetKind::Milestone,
        };
        CommentTarget { kind, id: t.id() }
    }
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
    /// Number of direct replies (deleted ones included: they remain as tombstones).
    pub reply_count: i32,
    /// The first direct replies, oldest first (list responses only); more with
    /// `GET /comments/{id}/replies?cursor=…`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub replies: Option<ReplyPage>,
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

/// Who is reading: decides whether hidden bodies are shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer {
    pub user_id: Option<i64>,
    pub moderator: bool,
}

#[derive(Debug, Clone, QueryableByName)]
pub struct CommentRow {
    #[diesel(sql_type = Int8)]
    pub id: i64,
    #[diesel(sql_type = Nullable<Int8>)]
    pub forum_id: Option<i64>,
    #[diesel(sql_type = Nullable<Int8>)]
    pub commitment_id: Option<i64>,
    #[diesel(sql_type = Nullable<Int8>)]
    pub milestone_id: Option<i64>,
    #[diesel(sql_type = Nullable<Int8>)]
    pub parent_id: Option<i64>,
    #[diesel(sql_type = Nullable<Int8>)]
    pub root_id: Option<i64>,
    #[diesel(sql_type = Int4)]
    pub depth: i32,
    #[diesel(sql_type = Int4)]
    pub reply_count: i32,
    #[diesel(sql_type = Int8)]
    pub author_id: i64,
    #[diesel(sql_type = Text)]
    pub body: String,
    #[diesel(sql_type = Text)]
    pub body_html: String,
    #[diesel(sql_type = Timestamptz)]
    pub created_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub edited_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub deleted_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    pub hidden_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Text>)]
    pub hidden_reason: Option<String>,
    #[diesel(sql_type = Text)]
    pub author_name: String,
    #[diesel(sql_type = Text)]
    pub author_role: Role,
    #[diesel(sql_type = Nullable<Text>)]
    pub author_organisation: Option<String>,
}

impl CommentRow {
    pub fn target(&self) -> Target {
        Target::of(self.forum_id, self.commitment_id, self.milestone_id)
    }
}

const COLUMNS: &str = "c.id, c.forum_id, c.commitment_id, c.milestone_id, c.parent_id, c.root_id, \
     c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, \
     c.deleted_at, c.hidden_at, c.hidden_reason, u.display_name AS author_name, \
     u.role AS author_role, u.organisation AS author_organisation";

pub fn present(row: CommentRow, viewer: Viewer) -> Comment {
    let state = if row.deleted_at.is_some() {
        CommentState::Deleted
    } else if row.hidden_at.is_some() {
        CommentState::Hidden
    } else {
        CommentState::Visible
    };
    let readable = match state {
        CommentState::Visible => true,
        CommentState::Hidden => viewer.moderator || viewer.user_id == Some(row.author_id),
        CommentState::Deleted => false,
    };
    let target = row.target().into();
    Comment {
        id: row.id,
        target,
        parent_id: row.parent_id,
        root_id: row.root_id,
        depth: row.depth,
        author: (state != CommentState::Deleted).then_some(CommentAuthor {
            id: row.author_id,
            display_name: row.author_name,
            role: row.author_role,
            organisation: row.author_organisation,
        }),
        body: readable.then_some(row.body),
        body_html: readable.then_some(row.body_html),
        state,
        hidden_reason: if state == CommentState::Hidden {
            row.hidden_reason
        } else {
            None
        },
        created_at: row.created_at,
        edited_at: row.edited_at,
        deleted_at: row.deleted_at,
        reply_count: row.reply_count,
        replies: None,
    }
}

pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Option<CommentRow>> {
    crate::db::Prepared(
        diesel::sql_query(format!(
            "SELECT {COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1"
        ))
        .bind::<BigInt, _>(id),
    )
    .get_result(conn)
    .optional()
}

/// One keyset page of comments (with their authors) matching `filter`, ordered by
/// `(created_at, id)` and starting after `after`. `filter` may use `$1`, bound to `key`.
fn keyset_page(
    conn: &mut PgConnection,
    filter: &str,
    key: Option<i64>,
    newest_first: bool,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let (cmp, dir) = if newest_first {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    let mut next = usize::from(key.is_some());
    let mut placeholder = || {
        next += 1;
        format!("${next}")
    };
    let seek = match after {
        Some(_) => format!(
            " AND (c.created_at, c.id) {cmp} ({}, {})",
            placeholder(),
            placeholder()
        ),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM comments c JOIN users u ON u.id = c.author_id \
         WHERE {filter}{seek} ORDER BY c.created_at {dir}, c.id {dir} LIMIT {}",
        placeholder()
    );
    let mut query = diesel::sql_query(sql).into_boxed();
    if let Some(key) = key {
        query = query.bind::<BigInt, _>(key);
    }
    if let Some((at, id)) = after {
        query = query.bind::<Timestamptz, _>(at).bind::<BigInt, _>(id);
    }
    // One of a few fixed texts (target column, direction, with or without a cursor), and the
    // plan is the same index walk whatever the values: prepared once per connection.
    crate::db::Prepared(query.bind::<BigInt, _>(limit)).load(conn)
}

/// Top-level comments of a target, newest first, after `(created_at, id)`.
pub fn threads(
    conn: &mut PgConnection,
    target: Target,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let filter = format!("c.{} = $1 AND c.parent_id IS NULL", target.column());
    keyset_page(conn, &filter, Some(target.id()), true, after, limit)
}

/// Every comment of a target, oldest first, after `(created_at, id)`.
pub fn flat(
    conn: &mut PgConnection,
    target: Target,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let filter = format!("c.{} = $1", target.column());
    keyset_page(conn, &filter, Some(target.id()), false, after, limit)
}

/// Direct replies of one comment, oldest first, after `(created_at, id)`.
pub fn replies(
    conn: &mut PgConnection,
    parent: i64,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    keyset_page(conn, "c.parent_id = $1", Some(parent), false, after, limit)
}

/// Attaches to each comment its first `per_parent` direct replies, in one query for the whole
/// page (a LATERAL index probe per parent, never the whole subtree).
pub fn attach_replies(
    conn: &mut PgConnection,
    items: &mut [Comment],
    per_parent: i64,
    viewer: Viewer,
) -> QueryResult<()> {
    if per_parent == 0 {
        for c in items.iter_mut() {
            let next =
                (c.reply_count > 0).then(|| encode_cursor(&Option::<(DateTime<Utc>, i64)>::None));
            c.replies = Some(ReplyPage {
                items: Vec::new(),
                next_cursor: next,
            });
        }
        return Ok(());
    }
    let parents: Vec<i64> = items
        .iter()
        .filter(|c| c.reply_count > 0)
        .map(|c| c.id)
        .collect();
    let rows: Vec<CommentRow> = if parents.is_empty() {
        Vec::new()
    } else {
        crate::db::Prepared(
            diesel::sql_query(format!(
                "SELECT {COLUMNS} FROM unnest($1::int8[]) AS p(id) \
                 CROSS JOIN LATERAL (SELECT * FROM comments r WHERE r.parent_id = p.id \
                                     ORDER BY r.created_at, r.id LIMIT $2) c \
                 JOIN users u ON u.id = c.author_id \
                 ORDER BY c.parent_id, c.created_at, c.id"
            ))
            .bind::<Array<BigInt>, _>(&parents)
            .bind::<BigInt, _>(per_parent + 1),
        )
        .load(conn)?
    };
    let mut by_parent: HashMap<i64, Vec<CommentRow>> = HashMap::new();
    for row in rows {
        by_parent
            .entry(row.parent_id.unwrap_or_default())
            .or_default()
            .push(row);
    }
    for c in items.iter_mut() {
        let mut rows = by_parent.remove(&c.id).unwrap_or_default();
        let next_cursor = if rows.len() as i64 > per_parent {
            rows.truncate(per_parent as usize);
            rows.last()
                .map(|r| encode_cursor(&Some((r.created_at, r.id))))
        } else {
            None
        };
        c.replies = Some(ReplyPage {
            items: rows.into_iter().map(|r| present(r, viewer)).collect(),
            next_cursor,
        });
    }
    Ok(())
}

/// The most recent public comments across every discussion, newest first.
pub fn recent(
    conn: &mut PgConnection,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    keyset_page(
        conn,
        "c.deleted_at IS NULL AND c.hidden_at IS NULL",
        None,
        true,
        after,
        limit,
    )
}

/// A comment with what it is about, for activity feeds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecentComment {
    pub comment: Comment,
    /// Title of the forum, commitment or milestone.
    pub target_title: String,
    /// How the target is addressed in URLs: a forum's slug, a commitment's code, a
    /// milestone's id.
    pub target_key: String,
}

crate::page_type!(
    RecentCommentPage,
    RecentComment,
    "A page of recent comments, newest first."
);

/// Titles and keys of the targets of `rows`, three batched queries at most.
pub fn describe_targets(
    conn: &mut PgConnection,
    targets: &[Target],
) -> QueryResult<HashMap<Target, (String, String)>> {
    use crate::db::schema::{commitments as c, forums as f, milestones as m};
    let pick = |want: fn(Target) -> Option<i64>| -> Vec<i64> {
        targets.iter().filter_map(|t| want(*t)).collect()
    };
    let forum_ids = pick(|t| {
        if let Target::Forum(id) = t {
            Some(id)
        } else {
            None
        }
    });
    let commitment_ids = pick(|t| {
        if let Target::Commitment(id) = t {
            Some(id)
        } else {
            None
        }
    });
    let milestone_ids = pick(|t| {
        if let Target::Milestone(id) = t {
            Some(id)
        } else {
            None
        }
    });
    let mut out = HashMap::new();
    for (id, slug, title) in f::table
        .filter(f::id.eq_any(&forum_ids))
        .select((f::id, f::slug, f::title))
        .load::<(i64, String, String)>(conn)?
    {
        out.insert(Target::Forum(id), (title, slug));
    }
    for (id, code, title) in c::table
        .filter(c::id.eq_any(&commitment_ids))
        .select((c::id, c::code, c::title))
        .load::<(i64, String, String)>(conn)?
    {
        out.insert(Target::Commitment(id), (format!("{code} — {title}"), code));
    }
    for (id, code, title) in m::table
        .filter(m::id.eq_any(&milestone_ids))
        .select((m::id, m::code, m::title))
        .load::<(i64, String, String)>(conn)?
    {
        out.insert(
            Target::Milestone(id),
            (format!("{code} — {title}"), id.to_string()),
        );
    }
    Ok(out)
}

/// Public discussion on forums, commitments and milestones.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("comments", "Public discussion on forums, commitments and milestones")],
    api_v1: Some(|cfg| {
        cfg.service(routes::list_forum_comments)
            .service(routes::create_forum_comment)
            .service(routes::list_commitment_comments)
            .service(routes::create_commitment_comment)
            .service(routes::list_milestone_comments)
            .service(routes::create_milestone_comment)
            .service(routes::list_recent_comments)
            .service(routes::get_comment)
            .service(routes::list_replies)
            .service(routes::update_comment)
            .service(routes::delete_comment)
            .service(routes::moderate_comment);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![routes::ListMode, ReplyPage],
};
