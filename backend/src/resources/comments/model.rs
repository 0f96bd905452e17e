//! Comments as stored, read with their author and their subject's kind.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Int4, Int8, Nullable, Text, Timestamptz};

use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::comments;
use crate::subjects::SubjectKind;
use crate::types::Role;

#[derive(Debug, Clone, QueryableByName)]
pub struct CommentRow {
    #[diesel(sql_type = Int8)]
    pub id: CommentId,
    #[diesel(sql_type = Int8)]
    pub subject_id: SubjectId,
    #[diesel(sql_type = Text)]
    pub subject_kind: SubjectKind,
    /// The id of the forum, commitment or milestone.
    #[diesel(sql_type = Int8)]
    pub subject_ref: i64,
    #[diesel(sql_type = Nullable<Int8>)]
    pub parent_id: Option<CommentId>,
    #[diesel(sql_type = Nullable<Int8>)]
    pub root_id: Option<CommentId>,
    #[diesel(sql_type = Int4)]
    pub depth: i32,
    #[diesel(sql_type = Int4)]
    pub reply_count: i32,
    #[diesel(sql_type = Int8)]
    pub author_id: UserId,
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
    /// Part of the public record (an institution's answer): never deleted, edits keep versions.
    #[diesel(sql_type = diesel::sql_types::Bool)]
    pub on_record: bool,
    #[diesel(sql_type = Int4)]
    pub useful_count: i32,
    #[diesel(sql_type = Int4)]
    pub agree_count: i32,
    #[diesel(sql_type = Int4)]
    pub disagree_count: i32,
    #[diesel(sql_type = Text)]
    pub author_name: String,
    #[diesel(sql_type = Text)]
    pub author_handle: String,
    #[diesel(sql_type = Text)]
    pub author_role: Role,
    #[diesel(sql_type = Nullable<Text>)]
    pub author_organisation: Option<String>,
}

/// The columns of a `CommentRow`, from `comments c JOIN users u … JOIN subjects s …`.
pub const COLUMNS: &str = "c.id, c.subject_id, s.kind AS subject_kind, s.ref_id AS subject_ref, \
     c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, \
     c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, c.on_record, \
     c.useful_count, c.agree_count, c.disagree_count, \
     u.display_name AS author_name, u.handle AS author_handle, u.role AS author_role, u.organisation AS author_organisation";

/// What `COLUMNS` reads from, `c` being the comments.
pub const JOINS: &str = "JOIN users u ON u.id = c.author_id JOIN subjects s ON s.id = c.subject_id";

#[derive(Debug, Insertable)]
#[diesel(table_name = comments)]
// NULLs are bound rather than sent as DEFAULT, so the INSERT has one text whether it is a reply
// or not, and Diesel prepares it once per connection instead of planning it on every post.
#[diesel(treat_none_as_default_value = false)]
pub struct NewComment {
    pub subject_id: SubjectId,
    pub parent_id: Option<CommentId>,
    pub root_id: Option<CommentId>,
    pub depth: i32,
    pub author_id: UserId,
    pub body: String,
    pub body_html: String,
}
