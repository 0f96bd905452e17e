//! Subjects: what people talk about. Each record that can be discussed (and later followed,
//! reported, reacted to, audited…) has one row in `subjects`, made by a trigger when the record
//! is inserted; comments and events point at subjects, not at each kind of record.
//!
//! What is particular to each kind of subject is in this file, and only here: how a client
//! names it (id, slug or code), its title, its page in the web app, its parent, whether its
//! discussion is closed. Adding a kind: a variant of `SubjectKind`, an arm in `resolve` and in
//! `describe` (and, in the database, the trigger on its table: see the migration).

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::ids::SubjectId;
use crate::db::schema::{action_items, action_plans, commitments, forums, milestones, questions, subjects};
use crate::http::problem::{ApiError, ApiResult};

crate::text_enum! {
    /// The kinds of things people talk about.
    SubjectKind {
        ActionPlan => "action_plan",
        Commitment => "commitment",
        Milestone => "milestone",
        Forum => "forum",
        ActionItem => "action_item",
        Question => "question",
    }
}

impl SubjectKind {
    /// What to call it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            SubjectKind::ActionPlan => "Action plan",
            SubjectKind::Commitment => "Commitment",
            SubjectKind::Milestone => "Milestone",
            SubjectKind::Forum => "Forum",
            SubjectKind::ActionItem => "Action item",
            SubjectKind::Question => "Question",
        }
    }
}

/// A subject found from a client's key: its row, its record, and how to address it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRef {
    pub id: SubjectId,
    pub kind: SubjectKind,
    /// The record's own id (forum id, commitment id…).
    pub ref_id: i64,
    /// How the record is addressed in URLs: a slug, an OGP code, an id.
    pub key: String,
    /// Archived, itself or with what it belongs to: readable, closed to new comments.
    pub closed: bool,
}

/// The subject of the record of `kind` that `key` names (numeric id, slug or OGP code, as
/// each kind allows); 404 when there is none.
pub fn resolve(conn: &mut PgConnection, kind: SubjectKind, key: &str) -> ApiResult<SubjectRef> {
    let id = key.parse::<i64>().ok();
    let found: Option<(i64, SubjectId, String, bool)> = match kind {
        SubjectKind::ActionPlan => {
            let q = action_plans::table
                .select((
                    action_plans::id,
                    action_plans::subject_id,
                    action_plans::slug,
                    false.into_sql::<diesel::sql_types::Bool>(),
                ))
                .into_boxed();
            match id {
                Some(id) => q.filter(action_plans::id.eq(id)),
                None => q.filter(action_plans::slug.eq(key.to_string())),
            }
            .first(conn)
            .optional()?
        }
        SubjectKind::Commitment => {
            let q = commitments::table
                .select((
                    commitments::id,
                    commitments::subject_id,
                    commitments::code,
                    commitments::archived_at.is_not_null(),
                ))
                .into_boxed();
            match id {
                Some(id) => q.filter(commitments::id.eq(id)),
                None => q.filter(commitments::code.eq(key.to_ascii_uppercase())),
            }
            .first(conn)
            .optional()?
        }
        SubjectKind::Milestone => match id {
            // A milestone is closed when it is archived or its commitment is.
            Some(id) => milestones::table
                .inner_join(commitments::table)
                .filter(milestones::id.eq(id))
                .select((
                    milestones::id,
                    milestones::subject_id,
                    milestones::archived_at.is_not_null().or(commitments::archived_at.is_not_null()),
                ))
                .first::<(i64, SubjectId, bool)>(conn)
                .optional()?
                .map(|(id, subject, closed)| (id, subject, id.to_string(), closed)),
            None => None,
        },
        SubjectKind::Forum => {
            let q = forums::table
                .select((forums::id, forums::subject_id, forums::slug, forums::archived_at.is_not_null()))
                .into_boxed();
            match id {
                Some(id) => q.filter(forums::id.eq(id)),
                None => q.filter(forums::slug.eq(key.to_string())),
            }
            .first(conn)
            .optional()?
        }
        // An action item is closed to new comments when its forum is archived.
        SubjectKind::ActionItem => match id {
            Some(id) => action_items::table
                .inner_join(forums::table)
                .filter(action_items::id.eq(id))
                .select((action_items::id, action_items::subject_id, forums::archived_at.is_not_null()))
                .first::<(i64, SubjectId, bool)>(conn)
                .optional()?
                .map(|(id, subject, closed)| (id, subject, id.to_string(), closed)),
            None => None,
        },
        SubjectKind::Question => match id {
            Some(id) => questions::table
                .filter(questions::id.eq(id))
                .select((questions::id, questions::subject_id))
                .first::<(i64, SubjectId)>(conn)
                .optional()?
                .map(|(id, subject)| (id, subject, id.to_string(), false)),
            None => None,
        },
    };
    let (ref_id, subject_id, key, closed) = found.ok_or_else(|| ApiError::not_found(kind.noun()))?;
    Ok(SubjectRef { id: subject_id, kind, ref_id, key, closed })
}

/// What a subject is, for people: enough to link to it and name it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Described {
    #[serde(rename = "type")]
    pub kind: SubjectKind,
    /// The record's id.
    pub id: i64,
    /// How the record is addressed in API URLs: a forum's slug, a commitment's OGP code, a
    /// milestone's id.
    pub key: String,
    pub title: String,
    /// Its page in the web app (a path: `/forums/…`, `/engagements/FR0041`, `/jalons/12`).
    pub path: String,
    /// The language its title is written in.
    pub lang: crate::types::Locale,
}

/// The description of each subject in `ids` (a batched query per kind present, no more).
pub fn describe(conn: &mut PgConnection, ids: &[SubjectId]) -> QueryResult<HashMap<SubjectId, Described>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(SubjectId, SubjectKind, i64)> = subjects::table
        .filter(subjects::id.eq_any(&ids))
        .select((subjects::id, subjects::kind, subjects::ref_id))
        .load(conn)?;
    describe_known(conn, rows)
}

/// The same, for subjects whose kind and record the caller already read (a join on
/// `subjects`): one batched query per kind present, and no lookup of the subjects themselves.
pub fn describe_known(
    conn: &mut PgConnection,
    mut rows: Vec<(SubjectId, SubjectKind, i64)>,
) -> QueryResult<HashMap<SubjectId, Described>> {
    rows.sort_unstable_by_key(|(id, ..)| *id);
    rows.dedup_by_key(|(id, ..)| *id);
    let mut by_kind: HashMap<SubjectKind, Vec<i64>> = HashMap::new();
    for (_, kind, ref_id) in &rows {
        by_kind.entry(*kind).or_default().push(*ref_id);
    }
    let mut found: HashMap<(SubjectKind, i64), Described> = HashMap::new();
    for (kind, refs) in by_kind {
        let described: Vec<Described> = match kind {
            SubjectKind::ActionPlan => action_plans::table
                .filter(action_plans::id.eq_any(&refs))
                .select((action_plans::id, action_plans::slug, action_plans::title, action_plans::lang))
                .load::<(i64, String, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, slug, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/engagements?action_plan={slug}"),
                    key: slug,
                    title,
                    lang,
                })
                .collect(),
            SubjectKind::Commitment => commitments::table
                .filter(commitments::id.eq_any(&refs))
                .select((commitments::id, commitments::code, commitments::title, commitments::lang))
                .load::<(i64, String, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, code, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/engagements/{code}"),
                    title: format!("{code} — {title}"),
                    key: code,
                    lang,
                })
                .collect(),
            SubjectKind::Milestone => milestones::table
                .filter(milestones::id.eq_any(&refs))
                .select((milestones::id, milestones::code, milestones::title, milestones::lang))
                .load::<(i64, String, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, code, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/jalons/{id}"),
                    key: id.to_string(),
                    title: format!("{code} — {title}"),
                    lang,
                })
                .collect(),
            SubjectKind::Forum => forums::table
                .filter(forums::id.eq_any(&refs))
                .select((forums::id, forums::slug, forums::title, forums::lang))
                .load::<(i64, String, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, slug, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/forums/{slug}"),
                    key: slug,
                    title,
                    lang,
                })
                .collect(),
            SubjectKind::ActionItem => action_items::table
                .inner_join(forums::table)
                .filter(action_items::id.eq_any(&refs))
                .select((action_items::id, action_items::title, forums::lang))
                .load::<(i64, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/actions/{id}"),
                    key: id.to_string(),
                    title,
                    lang,
                })
                .collect(),
            SubjectKind::Question => questions::table
                .filter(questions::id.eq_any(&refs))
                .select((questions::id, questions::title, questions::lang))
                .load::<(i64, String, crate::types::Locale)>(conn)?
                .into_iter()
                .map(|(id, title, lang)| Described {
                    kind,
                    id,
                    path: format!("/questions/{id}"),
                    key: id.to_string(),
                    title,
                    lang,
                })
                .collect(),
        };
        for d in described {
            found.insert((d.kind, d.id), d);
        }
    }
    Ok(rows.into_iter().filter_map(|(id, kind, ref_id)| found.remove(&(kind, ref_id)).map(|d| (id, d))).collect())
}
