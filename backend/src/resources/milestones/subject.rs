//! Milestones as subjects: named by id, closed when they or their commitment are archived;
//! questions about one go to its commitment's lead institution.

use diesel::prelude::*;

use crate::db::ids::{CommitmentId, MilestoneId, SubjectId};
use crate::db::schema::{commitments, milestones};
use crate::http::problem::ApiResult;
use crate::resources::shared::answerer;
use crate::subjects::{numeric, Answerer, Described, Found, SubjectDecl, SubjectKind};
use crate::types::{Locale, MilestoneStatus};

pub const KIND: SubjectKind = SubjectKind::declare("milestone");

pub const DECL: SubjectDecl =
    SubjectDecl { kind: KIND, noun: "Milestone", find, describe, answerer: Some(answered_by) };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let Some(id) = numeric(key) else { return Ok(None) };
    Ok(milestones::table
        .inner_join(commitments::table)
        .filter(milestones::id.eq(id))
        .select((
            milestones::id,
            milestones::subject_id,
            milestones::archived_at.is_not_null().or(commitments::archived_at.is_not_null()),
        ))
        .first::<(i64, SubjectId, bool)>(conn)
        .optional()?
        .map(|(ref_id, subject_id, closed)| Found { ref_id, subject_id, key: ref_id.to_string(), closed }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(milestones::table
        .filter(milestones::id.eq_any(ids))
        .select((milestones::id, milestones::code, milestones::title, milestones::lang))
        .load::<(i64, String, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, code, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/jalons/{id}"),
            key: id.to_string(),
            title: format!("{code} — {title}"),
            lang,
        })
        .collect())
}

fn answered_by(conn: &mut PgConnection, id: i64) -> ApiResult<Answerer> {
    let (commitment, status): (CommitmentId, MilestoneStatus) =
        milestones::table.find(MilestoneId(id)).select((milestones::commitment_id, milestones::status)).first(conn)?;
    Ok(answerer::for_commitment(conn, Some(commitment), None, status == MilestoneStatus::Withdrawn)?)
}
