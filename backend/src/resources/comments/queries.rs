//! Every query on comments, reads and writes; each write records its event.
//!
//! Threads go to any depth. Each row stores its root and depth, and its parent keeps a reply
//! count, so a page of a 50,000-comment discussion costs what a page of a 50-comment one does:
//! one index range scan for the top-level comments and one LATERAL index probe per thread for
//! its first replies.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Timestamptz};

use super::dto::{
    Comment, CommentAuthor, CommentState, CommentTarget, MyReaction, ReactionRequest, ReactionState, Reactions,
    ReplyPage, Stance, Viewer,
};
use super::model::{CommentRow, COLUMNS, JOINS};
use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::comments;
use crate::http::page::encode_cursor;
use crate::http::problem::{ApiError, ApiResult};

/// Where a keyset page of comments starts: after this `(created_at, id)`.
pub type After = Option<(DateTime<Utc>, CommentId)>;

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
        CommentState::Hidden => viewer.moderator || viewer.user_id == Some(row.author_id.get()),
        CommentState::Deleted => false,
    };
    Comment {
        id: row.id.get(),
        target: CommentTarget { kind: row.subject_kind, id: row.subject_ref },
        parent_id: row.parent_id.map(CommentId::get),
        root_id: row.root_id.map(CommentId::get),
        depth: row.depth,
        author: (state != CommentState::Deleted).then_some(CommentAuthor {
            id: row.author_id.get(),
            display_name: row.author_name,
            handle: row.author_handle,
            role: row.author_role,
            organisation: row.author_organisation,
        }),
        body: readable.then_some(row.body),
        body_html: readable.then_some(row.body_html),
        state,
        hidden_reason: if state == CommentState::Hidden { row.hidden_reason } else { None },
        created_at: row.created_at,
        edited_at: row.edited_at,
        deleted_at: row.deleted_at,
        on_record: row.on_record,
        reply_count: row.reply_count,
        reactions: Reactions { useful: row.useful_count, agree: row.agree_count, disagree: row.disagree_count },
        my_reaction: None,
        replies: None,
    }
}

/// Several comments by id, in no order (one query).
pub fn find_many(conn: &mut PgConnection, ids: &[CommentId]) -> QueryResult<Vec<CommentRow>> {
    let ids: Vec<i64> = ids.iter().map(|i| i.get()).collect();
    diesel::sql_query(format!("SELECT {COLUMNS} FROM comments c {JOINS} WHERE c.id = ANY($1)"))
        .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
        .load(conn)
}

pub fn lookup(conn: &mut PgConnection, id: CommentId) -> QueryResult<Option<CommentRow>> {
    crate::db::Prepared(
        diesel::sql_query(format!("SELECT {COLUMNS} FROM comments c {JOINS} WHERE c.id = $1")).bind::<BigInt, _>(id),
    )
    .get_result(conn)
    .optional()
}

/// The comment `id`, or 404.
pub fn find(conn: &mut PgConnection, id: CommentId) -> ApiResult<CommentRow> {
    lookup(conn, id)?.ok_or_else(|| ApiError::not_found("Comment"))
}

/// One keyset page of comments (with their authors) matching `filter`, ordered by
/// `(created_at, id)` and starting after `after`. `filter` may use `$1`, bound to `key`.
fn keyset_page(
    conn: &mut PgConnection,
    filter: &str,
    key: Option<i64>,
    newest_first: bool,
    after: After,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let (cmp, dir) = if newest_first { ("<", "DESC") } else { (">", "ASC") };
    let mut next = usize::from(key.is_some());
    let mut placeholder = || {
        next += 1;
        format!("${next}")
    };
    let seek = match after {
        Some(_) => format!(" AND (c.created_at, c.id) {cmp} ({}, {})", placeholder(), placeholder()),
        None => String::new(),
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM comments c {JOINS} \
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
    // One of a few fixed texts (filter, direction, with or without a cursor), and the plan is
    // the same index walk whatever the values: prepared once per connection.
    crate::db::Prepared(query.bind::<BigInt, _>(limit)).load(conn)
}

/// Top-level comments of a subject, newest first.
pub fn threads(conn: &mut PgConnection, subject: SubjectId, after: After, limit: i64) -> QueryResult<Vec<CommentRow>> {
    keyset_page(conn, "c.subject_id = $1 AND c.parent_id IS NULL", Some(subject.get()), true, after, limit)
}

/// Top-level comments of a subject, most useful first (ties: newest first), after
/// `(useful_count, id)`.
pub fn threads_by_usefulness(
    conn: &mut PgConnection,
    subject: SubjectId,
    after: Option<(i32, CommentId)>,
    limit: i64,
) -> QueryResult<Vec<CommentRow>> {
    let seek = if after.is_some() { " AND (c.useful_count, c.id) < ($2, $3)" } else { "" };
    let limit_at = if after.is_some() { "$4" } else { "$2" };
    let mut query = diesel::sql_query(format!(
        "SELECT {COLUMNS} FROM comments c {JOINS} \
         WHERE c.subject_id = $1 AND c.parent_id IS NULL{seek} \
         ORDER BY c.useful_count DESC, c.id DESC LIMIT {limit_at}"
    ))
    .into_boxed()
    .bind::<BigInt, _>(subject.get());
    if let Some((n, id)) = after {
        query = query.bind::<diesel::sql_types::Int4, _>(n).bind::<BigInt, _>(id);
    }
    crate::db::Prepared(query.bind::<BigInt, _>(limit)).load(conn)
}

/// Sets `user`'s reaction to a comment (none: removes it); 409 when the comment is deleted
/// or hidden. The counts on the comment follow (trigger).
pub fn react(
    conn: &mut PgConnection,
    comment: CommentId,
    user: UserId,
    r: ReactionRequest,
) -> ApiResult<ReactionState> {
    use crate::db::schema::comment_reactions as cr;
    let row = find(conn, comment)?;
    if row.deleted_at.is_some() || row.hidden_at.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::comments::codes::COMMENT_UNAVAILABLE,
            detail: "This comment is deleted or hidden: it takes no reactions.".into(),
        });
    }
    if !r.useful && r.stance.is_none() {
        diesel::delete(cr::table.find((comment, user))).execute(conn)?;
    } else {
        diesel::insert_into(cr::table)
            .values((
                cr::comment_id.eq(comment),
                cr::user_id.eq(user),
                cr::useful.eq(r.useful),
                cr::stance.eq(r.stance),
            ))
            .on_conflict((cr::comment_id, cr::user_id))
            .do_update()
            .set((cr::useful.eq(r.useful), cr::stance.eq(r.stance), cr::updated_at.eq(diesel::dsl::now)))
            .execute(conn)?;
    }
    let reactions = reaction_counts(conn, comment)?;
    reacted(conn, &row, reactions)?;
    Ok(ReactionState {
        comment_id: comment.get(),
        reactions,
        mine: (r.useful || r.stance.is_some()).then_some(MyReaction { useful: r.useful, stance: r.stance }),
    })
}

/// Records that a comment's counts changed, for streams and webhooks: the counts and the
/// discussion, never who reacted.
fn reacted(conn: &mut PgConnection, row: &CommentRow, reactions: Reactions) -> ApiResult<()> {
    crate::events::record(
        conn,
        crate::events::NewEvent::new(crate::resources::comments::events::COMMENT_REACTED)
            .subject(crate::events::EventSubject::new("comment", row.id.get(), row.id.to_string()))
            .payload(serde_json::json!({
                "subject": { "type": row.subject_kind, "id": row.subject_ref },
                "reactions": reactions,
            })),
    )?;
    Ok(())
}

/// Removes `user`'s reaction to a comment (404 when there is no such comment).
pub fn unreact(conn: &mut PgConnection, comment: CommentId, user: UserId) -> ApiResult<ReactionState> {
    use crate::db::schema::comment_reactions as cr;
    let row = find(conn, comment)?;
    let removed = diesel::delete(cr::table.find((comment, user))).execute(conn)?;
    let reactions = reaction_counts(conn, comment)?;
    if removed > 0 {
        reacted(conn, &row, reactions)?;
    }
    Ok(ReactionState { comment_id: comment.get(), reactions, mine: None })
}

/// A comment's counts as the trigger keeps them.
fn reaction_counts(conn: &mut PgConnection, comment: CommentId) -> QueryResult<Reactions> {
    let (useful, agree, disagree): (i32, i32, i32) = comments::table
        .find(comment)
        .select((comments::useful_count, comments::agree_count, comments::disagree_count))
        .first(conn)?;
    Ok(Reactions { useful, agree, disagree })
}

/// Fills `my_reaction` on a page of comments and their embedded replies (one query).
pub fn attach_mine(conn: &mut PgConnection, items: &mut [Comment], user: UserId) -> QueryResult<()> {
    use crate::db::schema::comment_reactions as cr;
    fn ids(items: &[Comment], out: &mut Vec<i64>) {
        for c in items {
            out.push(c.id);
            if let Some(r) = &c.replies {
                ids(&r.items, out);
            }
        }
    }
    let mut all = Vec::new();
    ids(items, &mut all);
    let mine: std::collections::HashMap<i64, MyReaction> = cr::table
        .filter(cr::user_id.eq(user))
        .filter(cr::comment_id.eq_any(&all))
        .select((cr::comment_id, cr::useful, cr::stance))
        .load::<(i64, bool, Option<Stance>)>(conn)?
        .into_iter()
        .map(|(id, useful, stance)| (id, MyReaction { useful, stance }))
        .collect();
    fn fill(items: &mut [Comment], mine: &std::collections::HashMap<i64, MyReaction>) {
        for c in items {
            c.my_reaction = mine.get(&c.id).copied();
            if let Some(r) = &mut c.replies {
                fill(&mut r.items, mine);
            }
        }
    }
    fill(items, &mine);
    Ok(())
}

/// Every comment of a subject, oldest first.
pub fn flat(conn: &mut PgConnection, subject: SubjectId, after: After, limit: i64) -> QueryResult<Vec<CommentRow>> {
    keyset_page(conn, "c.subject_id = $1", Some(subject.get()), false, after, limit)
}

/// Direct replies of one comment, oldest first.
pub fn replies(conn: &mut PgConnection, parent: CommentId, after: After, limit: i64) -> QueryResult<Vec<CommentRow>> {
    keyset_page(conn, "c.parent_id = $1", Some(parent.get()), false, after, limit)
}

/// A subject's most recent public comments, replies included, newest first (its Atom feed).
pub fn recent_of(conn: &mut PgConnection, subject: SubjectId, limit: i64) -> QueryResult<Vec<CommentRow>> {
    keyset_page(
        conn,
        "c.subject_id = $1 AND c.deleted_at IS NULL AND c.hidden_at IS NULL",
        Some(subject.get()),
        true,
        None,
        limit,
    )
}

/// The most recent public comments across every discussion, newest first.
pub fn recent(conn: &mut PgConnection, after: After, limit: i64) -> QueryResult<Vec<CommentRow>> {
    keyset_page(conn, "c.deleted_at IS NULL AND c.hidden_at IS NULL", None, true, after, limit)
}

/// Whether a comment exists.
pub fn exists(conn: &mut PgConnection, id: CommentId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(comments::table.find(id))).get_result(conn)
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
            let next = (c.reply_count > 0).then(|| encode_cursor(&Option::<(DateTime<Utc>, i64)>::None));
            c.replies = Some(ReplyPage { items: Vec::new(), next_cursor: next });
        }
        return Ok(());
    }
    let parents: Vec<i64> = items.iter().filter(|c| c.reply_count > 0).map(|c| c.id).collect();
    let rows: Vec<CommentRow> = if parents.is_empty() {
        Vec::new()
    } else {
        crate::db::Prepared(
            diesel::sql_query(format!(
                "SELECT {COLUMNS} FROM unnest($1::int8[]) AS p(id) \
                 CROSS JOIN LATERAL (SELECT * FROM comments r WHERE r.parent_id = p.id \
                                     ORDER BY r.created_at, r.id LIMIT $2) c \
                 {JOINS} \
                 ORDER BY c.parent_id, c.created_at, c.id"
            ))
            .bind::<Array<BigInt>, _>(&parents)
            .bind::<BigInt, _>(per_parent + 1),
        )
        .load(conn)?
    };
    let mut by_parent: HashMap<CommentId, Vec<CommentRow>> = HashMap::new();
    for row in rows {
        by_parent.entry(row.parent_id.unwrap_or_default()).or_default().push(row);
    }
    for c in items.iter_mut() {
        let mut rows = by_parent.remove(&CommentId(c.id)).unwrap_or_default();
        let next_cursor = if rows.len() as i64 > per_parent {
            rows.truncate(per_parent as usize);
            rows.last().map(|r| encode_cursor(&Some((r.created_at, r.id))))
        } else {
            None
        };
        c.replies = Some(ReplyPage { items: rows.into_iter().map(|r| present(r, viewer)).collect(), next_cursor });
    }
    Ok(())
}
