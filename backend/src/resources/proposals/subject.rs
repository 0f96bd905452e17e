//! Proposals as subjects: named by id; a merged one is closed to new comments (the talk goes
//! on under the proposal it was merged into).

use diesel::prelude::*;

use crate::db::ids::SubjectId;
use crate::db::schema::proposals;
use crate::subjects::{numeric, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("proposal");

pub const DECL: SubjectDecl = SubjectDecl { kind: KIND, noun: "Proposal", find, describe, answerer: None };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let Some(id) = numeric(key) else { return Ok(None) };
    Ok(proposals::table
        .filter(proposals::id.eq(id))
        .select((proposals::id, proposals::subject_id, proposals::merged_into_id.is_not_null()))
        .first::<(i64, SubjectId, bool)>(conn)
        .optional()?
        .map(|(ref_id, subject_id, closed)| Found { ref_id, subject_id, key: ref_id.to_string(), closed }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(proposals::table
        .filter(proposals::id.eq_any(ids))
        .select((proposals::id, proposals::title, proposals::lang))
        .load::<(i64, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/propositions/{id}"),
            key: id.to_string(),
            title,
            lang,
        })
        .collect())
}
