//! Writing comments: posting, editing (an answer on the record keeps its earlier texts),
//! deleting as a tombstone, hiding and showing again; each write records its event.

use super::model::{CommentRow, NewComment};
use super::queries::lookup;
use crate::auth::user::User;
use crate::db::ids::{CommentId, UserId};
use crate::db::schema::comments;
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::subjects::SubjectRef;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::Timestamptz;

fn event_subject(id: CommentId) -> EventSubject {
    EventSubject::new("comment", id.get(), id.to_string())
}

/// What the log keeps of a comment: where it is and its state, never its text (which its
/// author may later erase; the log is never changed).
fn outline(row: &CommentRow) -> serde_json::Value {
    serde_json::json!({
        "subject": { "type": row.subject_kind, "id": row.subject_ref },
        "parent_id": row.parent_id,
        "author_id": row.author_id,
        "hidden": row.hidden_at.is_some(),
        "hidden_reason": row.hidden_reason,
        "deleted": row.deleted_at.is_some(),
    })
}

/// Posts a comment on `subject` (a reply when `parent_id` is set) by `author`.
pub fn insert(
    conn: &mut PgConnection,
    subject: &SubjectRef,
    parent_id: Option<CommentId>,
    author: User,
    body: String,
    body_html: String,
) -> ApiResult<CommentRow> {
    if subject.closed {
        return Err(ApiError::Conflict {
            code: ErrorCode::Archived,
            detail: "This discussion is archived: it stays readable, and takes no new comments.".into(),
        });
    }
    let (root_id, depth) = match parent_id {
        None => (None, 0),
        Some(pid) => {
            let parent = lookup(conn, pid)?.ok_or_else(|| {
                ApiError::conflict_field(ErrorCode::UnknownReference, "parent_id", "unknown", "names no comment")
            })?;
            if parent.subject_id != subject.id {
                return Err(ApiError::conflict_field(
                    ErrorCode::UnknownReference,
                    "parent_id",
                    "other_target",
                    "is a comment on something else",
                ));
            }
            if parent.deleted_at.is_some() || parent.hidden_at.is_some() {
                return Err(ApiError::Conflict {
                    code: crate::resources::comments::codes::PARENT_UNAVAILABLE,
                    detail: "The comment you answer has been deleted or hidden.".into(),
                });
            }
            diesel::update(comments::table.find(pid))
                .set(comments::reply_count.eq(comments::reply_count + 1))
                .execute(conn)?;
            (Some(parent.root_id.unwrap_or(pid)), parent.depth + 1)
        }
    };
    let new = NewComment { subject_id: subject.id, parent_id, root_id, depth, author_id: author.id, body, body_html };
    let (id, created_at): (CommentId, DateTime<Utc>) = diesel::insert_into(comments::table)
        .values(&new)
        .returning((comments::id, comments::created_at))
        .get_result(conn)?;
    // Everything else about a new comment is known here: no read-back needed.
    let row = CommentRow {
        id,
        subject_id: subject.id,
        subject_kind: subject.kind,
        subject_ref: subject.ref_id,
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
        on_record: false,
        useful_count: 0,
        agree_count: 0,
        disagree_count: 0,
        author_name: author.display_name,
        author_handle: author.handle,
        author_role: author.role,
        author_organisation: author.organisation,
    };
    events::record(
        conn,
        NewEvent::new(crate::resources::comments::events::COMMENT_CREATED)
            .subject(event_subject(id))
            .by(author.id)
            .payload(outline(&row)),
    )?;
    Ok(row)
}

/// Replaces the text of a comment (its author only; 409 when deleted or hidden).
pub fn edit(
    conn: &mut PgConnection,
    row: CommentRow,
    by: UserId,
    body: String,
    body_html: String,
) -> ApiResult<CommentRow> {
    if row.author_id != by {
        return Err(ApiError::Forbidden("Only its author may edit a comment.".into()));
    }
    if row.deleted_at.is_some() || row.hidden_at.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::comments::codes::COMMENT_UNAVAILABLE,
            detail: "A deleted or hidden comment cannot be edited.".into(),
        });
    }
    let (body, body_html, edited_at) = diesel::update(comments::table.find(row.id))
        .set((
            comments::body.eq(body),
            comments::body_html.eq(body_html),
            // The transaction's time, the one an answer's kept version is stamped with.
            comments::edited_at.eq(diesel::dsl::sql::<diesel::sql_types::Nullable<Timestamptz>>("now()")),
        ))
        .returning((comments::body, comments::body_html, comments::edited_at))
        .get_result(conn)?;
    let edited = CommentRow { body, body_html, edited_at, ..row.clone() };
    events::record(
        conn,
        NewEvent::new(crate::resources::comments::events::COMMENT_UPDATED)
            .subject(event_subject(row.id))
            .by(by)
            .payload(outline(&edited)),
    )?;
    Ok(edited)
}

/// Turns a comment into a tombstone: replies keep their place, the text is erased. Audited
/// when someone other than its author does it. A comment on the record (an institution's
/// answer) is never deleted: 409 `answer_on_record`.
pub fn delete(conn: &mut PgConnection, row: CommentRow, by: UserId) -> ApiResult<()> {
    if row.deleted_at.is_some() {
        return Ok(());
    }
    if row.on_record {
        return Err(ApiError::Conflict {
            code: crate::resources::comments::codes::ANSWER_ON_RECORD,
            detail: "This comment is an institution's answer to a question: it is part of the public record and is not deleted. Edit it (earlier versions stay readable), or ask a moderator to hide it.".into(),
        });
    }
    diesel::update(comments::table.find(row.id))
        .set((comments::deleted_at.eq(Some(Utc::now())), comments::body.eq(""), comments::body_html.eq("")))
        .execute(conn)?;
    let mut after = outline(&row);
    after["deleted"] = true.into();
    let mut event =
        NewEvent::new(crate::resources::comments::events::COMMENT_DELETED).subject(event_subject(row.id)).by(by);
    event = if row.author_id == by { event.payload(after) } else { event.audit(Some(&outline(&row)), Some(&after)) };
    Ok(events::record(conn, event)?)
}

/// Hides a comment's text from the public, or shows it again (audited).
pub fn moderate(
    conn: &mut PgConnection,
    row: CommentRow,
    by: Option<UserId>,
    hidden: bool,
    reason: Option<String>,
) -> ApiResult<CommentRow> {
    let (hidden_at, hidden_reason) = diesel::update(comments::table.find(row.id))
        .set((
            comments::hidden_at.eq(hidden.then(Utc::now)),
            comments::hidden_by.eq(by.filter(|_| hidden)),
            comments::hidden_reason.eq(reason.filter(|_| hidden)),
        ))
        .returning((comments::hidden_at, comments::hidden_reason))
        .get_result(conn)?;
    let after = CommentRow { hidden_at, hidden_reason, ..row.clone() };
    let mut event = NewEvent::new(if hidden {
        crate::resources::comments::events::COMMENT_HIDDEN
    } else {
        crate::resources::comments::events::COMMENT_RESTORED
    })
    .subject(event_subject(row.id))
    .audit(Some(&outline(&row)), Some(&outline(&after)));
    // No actor: hidden automatically after reports from several members.
    if let Some(by) = by {
        event = event.by(by);
    }
    events::record(conn, event)?;
    Ok(after)
}
