//! Questions as subjects (their replies are comments, one of them the answer): named by id.

use diesel::prelude::*;

use crate::db::ids::SubjectId;
use crate::db::schema::questions;
use crate::subjects::{numeric, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("question");

pub const DECL: SubjectDecl = SubjectDecl { kind: KIND, noun: "Question", find, describe, answerer: None };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let Some(id) = numeric(key) else { return Ok(None) };
    Ok(questions::table
        .filter(questions::id.eq(id))
        .select((questions::id, questions::subject_id))
        .first::<(i64, SubjectId)>(conn)
        .optional()?
        .map(|(ref_id, subject_id)| Found { ref_id, subject_id, key: ref_id.to_string(), closed: false }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(questions::table
        .filter(questions::id.eq_any(ids))
        .select((questions::id, questions::title, questions::lang))
        .load::<(i64, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/questions/{id}"),
            key: id.to_string(),
            title,
            lang,
        })
        .collect())
}
