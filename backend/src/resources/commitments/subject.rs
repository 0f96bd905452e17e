//! Commitments as subjects: named by id or OGP code, closed once archived; questions about one
//! go to its lead institution.

use diesel::prelude::*;

use crate::db::ids::{CommitmentId, SubjectId};
use crate::db::schema::commitments;
use crate::http::problem::ApiResult;
use crate::resources::shared::answerer;
use crate::subjects::{numeric, Answerer, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("commitment");

pub const DECL: SubjectDecl =
    SubjectDecl { kind: KIND, noun: "Commitment", find, describe, answerer: Some(answered_by) };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let q = commitments::table
        .select((commitments::id, commitments::subject_id, commitments::code, commitments::archived_at.is_not_null()))
        .into_boxed();
    Ok(match numeric(key) {
        Some(id) => q.filter(commitments::id.eq(id)),
        None => q.filter(commitments::code.eq(key.to_ascii_uppercase())),
    }
    .first::<(i64, SubjectId, String, bool)>(conn)
    .optional()?
    .map(|(ref_id, subject_id, key, closed)| Found { ref_id, subject_id, key, closed }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(commitments::table
        .filter(commitments::id.eq_any(ids))
        .select((commitments::id, commitments::code, commitments::title, commitments::lang))
        .load::<(i64, String, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, code, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/engagements/{code}"),
            title: format!("{code} — {title}"),
            key: code,
            lang,
        })
        .collect())
}

fn answered_by(conn: &mut PgConnection, id: i64) -> ApiResult<Answerer> {
    Ok(answerer::for_commitment(conn, Some(CommitmentId(id)), None, false)?)
}
