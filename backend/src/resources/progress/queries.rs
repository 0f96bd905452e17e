//! Reading and appending to the progress log, and computing completion from it.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::dto::{
    CommitmentProgress, CompletionPoint, CompletionSummary, MilestoneStanding, NewProgressUpdate, ProgressAuthor,
    ProgressUpdate,
};
use crate::db::ids::{CommitmentId, InstitutionId, MilestoneId, ProgressUpdateId, UserId};
use crate::db::schema::{milestones, progress_updates, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::types::{Completion, MilestoneStatus};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = progress_updates, check_for_backend(diesel::pg::Pg))]
pub struct ProgressRow {
    pub id: ProgressUpdateId,
    pub milestone_id: MilestoneId,
    pub as_of: NaiveDate,
    pub status: MilestoneStatus,
    pub completion: Completion,
    pub note: String,
    #[serde(skip)]
    pub note_html: String,
    pub evidence: serde_json::Value,
    pub corrects_id: Option<ProgressUpdateId>,
    pub author_id: Option<UserId>,
    pub author_name: String,
    pub institution_id: Option<InstitutionId>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

/// Rows as the contract shows them: institutions and corrections in one query each.
pub fn present(conn: &mut PgConnection, rows: Vec<ProgressRow>) -> QueryResult<Vec<ProgressUpdate>> {
    let mut ids: Vec<InstitutionId> = rows.iter().filter_map(|r| r.institution_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let refs = crate::resources::shared::refs::institution_refs(conn, &ids)?;
    let row_ids: Vec<ProgressUpdateId> = rows.iter().map(|r| r.id).collect();
    let mut corrected_by: HashMap<ProgressUpdateId, Vec<i64>> = HashMap::new();
    for (target, by) in progress_updates::table
        .filter(progress_updates::corrects_id.eq_any(&row_ids))
        .order(progress_updates::id)
        .select((progress_updates::corrects_id.assume_not_null(), progress_updates::id))
        .load::<(ProgressUpdateId, ProgressUpdateId)>(conn)?
    {
        corrected_by.entry(target).or_default().push(by.get());
    }
    let plain_ids: Vec<i64> = row_ids.iter().map(|i| i.get()).collect();
    let mut cited = crate::resources::documents::queries::cited_by(conn, &plain_ids)?;
    Ok(rows
        .into_iter()
        .map(|r| ProgressUpdate {
            id: r.id.get(),
            milestone_id: r.milestone_id.get(),
            as_of: r.as_of,
            status: r.status,
            completion: r.completion,
            note: r.note,
            note_html: r.note_html,
            evidence: serde_json::from_value(r.evidence).unwrap_or_default(),
            evidence_documents: cited.remove(&r.id.get()).unwrap_or_default(),
            corrects: r.corrects_id.map(ProgressUpdateId::get),
            corrected_by: corrected_by.remove(&r.id).unwrap_or_default(),
            author: ProgressAuthor {
                id: r.author_id.map(UserId::get),
                display_name: r.author_name,
                institution: r.institution_id.and_then(|i| refs.get(&i).cloned()),
            },
            created_at: r.created_at,
        })
        .collect())
}

/// A milestone's log, latest first (by date, then posting order), after `after`.
pub fn list(
    conn: &mut PgConnection,
    milestone: MilestoneId,
    after: Option<(NaiveDate, ProgressUpdateId)>,
    limit: i64,
) -> QueryResult<Vec<ProgressRow>> {
    let mut q = progress_updates::table
        .filter(progress_updates::milestone_id.eq(milestone))
        .order((progress_updates::as_of.desc(), progress_updates::id.desc()))
        .select(ProgressRow::as_select())
        .limit(limit)
        .into_boxed();
    if let Some((on, id)) = after {
        q = q.filter(crate::keyset!((progress_updates::as_of, progress_updates::id) < (on, id)));
    }
    q.load(conn)
}

pub fn find(conn: &mut PgConnection, id: ProgressUpdateId) -> ApiResult<ProgressRow> {
    progress_updates::table
        .find(id)
        .select(ProgressRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Progress update"))
}

/// Appends an update (the trigger moves the milestone's status and completion when it is the
/// latest) and records `milestone.progress_reported`, audited.
pub fn append(
    conn: &mut PgConnection,
    milestone: MilestoneId,
    r: NewProgressUpdate,
    by: UserId,
    institution: Option<InstitutionId>,
) -> ApiResult<ProgressRow> {
    if let Some(c) = r.corrects {
        let same_milestone = progress_updates::table
            .filter(progress_updates::id.eq(ProgressUpdateId(c)))
            .filter(progress_updates::milestone_id.eq(milestone))
            .count()
            .get_result::<i64>(conn)?
            > 0;
        if !same_milestone {
            return Err(ApiError::conflict_field(
                ErrorCode::UnknownReference,
                "corrects",
                "exists",
                "names no update of this milestone",
            ));
        }
    }
    let author_name: String = users::table.find(by).select(users::display_name).first(conn)?;
    let row: ProgressRow = diesel::insert_into(progress_updates::table)
        .values((
            progress_updates::milestone_id.eq(milestone),
            progress_updates::as_of.eq(r.as_of),
            progress_updates::status.eq(r.status),
            progress_updates::completion.eq(r.completion),
            progress_updates::note_html.eq(markdown::render(&r.note)),
            progress_updates::note.eq(&r.note),
            progress_updates::evidence.eq(serde_json::to_value(&r.evidence).unwrap_or_default()),
            progress_updates::corrects_id.eq(r.corrects.map(ProgressUpdateId)),
            progress_updates::author_id.eq(Some(by)),
            progress_updates::author_name.eq(author_name),
            progress_updates::institution_id.eq(institution),
        ))
        .returning(ProgressRow::as_returning())
        .get_result(conn)?;
    crate::resources::documents::queries::cite(conn, row.id.get(), &r.evidence_documents)?;
    // Events name people by id only (the actor), never by name: the log is append-only and
    // an erased account's name must leave every table.
    let mut audited = serde_json::to_value(&row).unwrap_or_default();
    if let Some(fields) = audited.as_object_mut() {
        fields.remove("author_name");
    }
    events::record(
        conn,
        NewEvent::new(crate::resources::progress::events::PROGRESS_REPORTED)
            .subject(EventSubject::new("milestone", milestone.get(), milestone.to_string()))
            .by(by)
            .audit(None::<&()>, Some(&audited)),
    )?;
    Ok(row)
}

fn rank(c: Completion) -> u8 {
    match c {
        Completion::NoEvidence => 0,
        Completion::NotStarted => 1,
        Completion::Limited => 2,
        Completion::Substantial => 3,
        Completion::Complete => 4,
    }
}

/// OGP's level of a commitment from its counted milestones' levels (see `CompletionSummary`).
pub fn summarise(levels: &[Completion]) -> CompletionSummary {
    let total = levels.len() as i64;
    let complete = levels.iter().filter(|&&l| l == Completion::Complete).count() as i64;
    let substantial_or_more = levels.iter().filter(|&&l| rank(l) >= rank(Completion::Substantial)).count() as i64;
    let level = if levels.iter().all(|&l| l == Completion::NoEvidence) {
        Completion::NoEvidence
    } else if complete == total {
        Completion::Complete
    } else if substantial_or_more * 2 >= total {
        Completion::Substantial
    } else if levels.iter().any(|&l| rank(l) >= rank(Completion::Limited)) {
        Completion::Limited
    } else {
        Completion::NotStarted
    };
    CompletionSummary { total, complete, percent: if total > 0 { complete * 100 / total } else { 0 }, level }
}

/// The commitment's completion now and after each day of its log, its milestones' standing
/// and its latest updates: three queries, whatever the number of milestones.
pub fn commitment_progress(
    conn: &mut PgConnection,
    commitment: CommitmentId,
    commitment_code: String,
    lead: Option<InstitutionId>,
) -> QueryResult<CommitmentProgress> {
    type MilestoneLine =
        (MilestoneId, String, String, Option<NaiveDate>, Option<String>, MilestoneStatus, Completion, Completion, bool);
    let lines: Vec<MilestoneLine> = milestones::table
        .filter(milestones::commitment_id.eq(commitment))
        .filter(milestones::archived_at.is_null())
        .order((milestones::position, milestones::id))
        .select((
            milestones::id,
            milestones::code,
            milestones::title,
            milestones::due_date,
            milestones::due_period,
            milestones::status,
            milestones::completion,
            milestones::baseline_completion,
            sql::<Bool>("coalesce(milestones.due_date < paris_today(), false)"),
        ))
        .load(conn)?;
    let ids: Vec<MilestoneId> = lines.iter().map(|l| l.0).collect();
    let log: Vec<(MilestoneId, NaiveDate, MilestoneStatus, Completion)> = progress_updates::table
        .filter(progress_updates::milestone_id.eq_any(&ids))
        .order((progress_updates::as_of, progress_updates::id))
        .select((
            progress_updates::milestone_id,
            progress_updates::as_of,
            progress_updates::status,
            progress_updates::completion,
        ))
        .load(conn)?;

    // Replay the log day by day from each milestone's baseline.
    let mut state: HashMap<MilestoneId, (Completion, bool)> = lines.iter().map(|l| (l.0, (l.7, false))).collect();
    let mut last_update: HashMap<MilestoneId, NaiveDate> = HashMap::new();
    let counted = |state: &HashMap<MilestoneId, (Completion, bool)>| -> Vec<Completion> {
        ids.iter().filter_map(|id| state.get(id)).filter(|(_, withdrawn)| !withdrawn).map(|(c, _)| *c).collect()
    };
    let mut history: Vec<CompletionPoint> = Vec::new();
    for (i, (milestone, on, status, completion)) in log.iter().enumerate() {
        state.insert(*milestone, (*completion, *status == MilestoneStatus::Withdrawn));
        last_update.insert(*milestone, *on);
        if log.get(i + 1).is_none_or(|next| next.1 != *on) {
            history.push(CompletionPoint { on: *on, completion: summarise(&counted(&state)) });
        }
    }

    let milestones: Vec<MilestoneStanding> = lines
        .into_iter()
        .map(|(id, code, title, due_date, due_period, status, completion, _, past_due)| MilestoneStanding {
            id: id.get(),
            overdue: past_due
                && completion != Completion::Complete
                && !matches!(status, MilestoneStatus::Completed | MilestoneStatus::Withdrawn),
            last_update_on: last_update.get(&id).copied(),
            code,
            title,
            due_date,
            due_period,
            status,
            completion,
        })
        .collect();
    let now: Vec<Completion> =
        milestones.iter().filter(|m| m.status != MilestoneStatus::Withdrawn).map(|m| m.completion).collect();
    let recent_rows: Vec<ProgressRow> = progress_updates::table
        .filter(progress_updates::milestone_id.eq_any(&ids))
        .order((progress_updates::as_of.desc(), progress_updates::id.desc()))
        .limit(20)
        .select(ProgressRow::as_select())
        .load(conn)?;
    let lead_institution = match lead {
        Some(id) => crate::resources::shared::refs::institution_refs(conn, &[id])?.remove(&id),
        None => None,
    };
    Ok(CommitmentProgress {
        commitment_id: commitment.get(),
        commitment_code,
        lead_institution,
        completion: summarise(&now),
        milestones,
        history,
        recent: present(conn, recent_rows)?,
    })
}

#[cfg(test)]
mod tests {
    use super::summarise;
    use crate::types::Completion::*;

    #[test]
    fn a_commitment_is_complete_only_when_every_milestone_is() {
        assert_eq!(summarise(&[Complete, Complete]).level, Complete);
        assert_eq!(summarise(&[Complete, Substantial]).level, Substantial);
        assert_eq!(summarise(&[Complete, NotStarted, NotStarted]).level, Limited);
        assert_eq!(summarise(&[NotStarted, NoEvidence]).level, NotStarted);
        assert_eq!(summarise(&[NoEvidence, NoEvidence]).level, NoEvidence);
        assert_eq!(summarise(&[]).level, NoEvidence);
        let s = summarise(&[Complete, Limited, Limited, NoEvidence]);
        assert_eq!((s.total, s.complete, s.percent), (4, 1, 25));
    }
}
