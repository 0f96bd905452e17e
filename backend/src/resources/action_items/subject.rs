//! Action items as subjects: named by id, closed to new comments when their forum is
//! archived; questions about one go to its owner institution, else its commitment's lead.

use diesel::prelude::*;

use crate::db::ids::{ActionItemId, CommitmentId, InstitutionId, MilestoneId, SubjectId};
use crate::db::schema::{action_items, forums, milestones};
use crate::http::problem::ApiResult;
use crate::resources::shared::answerer;
use crate::subjects::{numeric, Answerer, Described, Found, SubjectDecl, SubjectKind};
use crate::types::Locale;

pub const KIND: SubjectKind = SubjectKind::declare("action_item");

pub const DECL: SubjectDecl =
    SubjectDecl { kind: KIND, noun: "Action item", find, describe, answerer: Some(answered_by) };

fn find(conn: &mut PgConnection, key: &str) -> QueryResult<Option<Found>> {
    let Some(id) = numeric(key) else { return Ok(None) };
    Ok(action_items::table
        .inner_join(forums::table)
        .filter(action_items::id.eq(id))
        .select((action_items::id, action_items::subject_id, forums::archived_at.is_not_null()))
        .first::<(i64, SubjectId, bool)>(conn)
        .optional()?
        .map(|(ref_id, subject_id, closed)| Found { ref_id, subject_id, key: ref_id.to_string(), closed }))
}

fn describe(conn: &mut PgConnection, ids: &[i64]) -> QueryResult<Vec<Described>> {
    Ok(action_items::table
        .inner_join(forums::table)
        .filter(action_items::id.eq_any(ids))
        .select((action_items::id, action_items::title, forums::lang))
        .load::<(i64, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, title, lang)| Described {
            kind: KIND,
            id,
            path: format!("/actions/{id}"),
            key: id.to_string(),
            title,
            lang,
        })
        .collect())
}

fn answered_by(conn: &mut PgConnection, id: i64) -> ApiResult<Answerer> {
    let (commitment, milestone, owner): (Option<CommitmentId>, Option<MilestoneId>, Option<InstitutionId>) =
        action_items::table
            .find(ActionItemId(id))
            .select((action_items::commitment_id, action_items::milestone_id, action_items::owner_institution_id))
            .first(conn)?;
    let commitment = match (commitment, milestone) {
        (Some(c), _) => Some(c),
        (None, Some(m)) => Some(milestones::table.find(m).select(milestones::commitment_id).first(conn)?),
        (None, None) => None,
    };
    Ok(answerer::for_commitment(conn, commitment, owner, false)?)
}
