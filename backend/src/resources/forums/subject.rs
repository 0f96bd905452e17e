//! Forums as subjects: named by id or slug, closed once archived.

use diesel::prelude::*;

use crate::db::ids::SubjectId;
use crate::db::schema::forums;
use crate::subjects::{numeric, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("forum");

pub const DECL: SubjectDecl = SubjectDecl { kind: KIND, noun: "Forum", find, describe, answerer: None };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let q = forums::table
        .select((forums::id, forums::subject_id, forums::slug, forums::archived_at.is_not_null()))
        .into_boxed();
    Ok(match numeric(key) {
        Some(id) => q.filter(forums::id.eq(id)),
        None => q.filter(forums::slug.eq(key.to_string())),
    }
    .first::<(i64, SubjectId, String, bool)>(conn)
    .optional()?
    .map(|(ref_id, subject_id, key, closed)| Found { ref_id, subject_id, key, closed }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(forums::table
        .filter(forums::id.eq_any(ids))
        .select((forums::id, forums::slug, forums::title, forums::lang))
        .load::<(i64, String, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, slug, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/forums/{slug}"),
            key: slug,
            title,
            lang,
        })
        .collect())
}
