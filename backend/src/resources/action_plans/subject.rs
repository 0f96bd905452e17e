//! Action plans as subjects: named by id or slug, never closed; their page is the concertation
//! while they are co-created, their commitments after.

use diesel::prelude::*;

use super::model::PlanStatus;
use crate::db::ids::SubjectId;
use crate::db::schema::action_plans;
use crate::subjects::{numeric, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("action_plan");

pub const DECL: SubjectDecl = SubjectDecl { kind: KIND, noun: "Action plan", find, describe, answerer: None };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let q = action_plans::table.select((action_plans::id, action_plans::subject_id, action_plans::slug)).into_boxed();
    Ok(match numeric(key) {
        Some(id) => q.filter(action_plans::id.eq(id)),
        None => q.filter(action_plans::slug.eq(key.to_string())),
    }
    .first::<(i64, SubjectId, String)>(conn)
    .optional()?
    .map(|(ref_id, subject_id, key)| Found { ref_id, subject_id, key, closed: false }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(action_plans::table
        .filter(action_plans::id.eq_any(ids))
        .select((action_plans::id, action_plans::slug, action_plans::title, action_plans::lang, action_plans::status))
        .load::<(i64, String, String, Locale, PlanStatus)>(conn)?
        .into_iter()
        .map(|(id, slug, title, lang, status)| Described {
            kind: KIND,
            id,
            // While it is co-created, what people hear of it is its concertation.
            path: if status == PlanStatus::InPreparation {
                format!("/plans/{slug}/concertation")
            } else {
                format!("/engagements?action_plan={slug}")
            },
            key: slug,
            title,
            lang,
        })
        .collect())
}
