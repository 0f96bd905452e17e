//! Every query on commitments, reads and writes; each write records its event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::dto::{
    ActionPlanRef, Commitment, CommitmentChanges, CommitmentFilters, CommitmentInstitutions, MilestoneProgress,
    NewCommitmentRequest,
};
use super::model::{CommitmentChangeset, CommitmentRow, NewCommitment};
use crate::db::archive::{Archivable, ArchiveEvents};
use crate::db::ids::{ActionPlanId, CommitmentId, UserId};
use crate::db::schema::{
    action_plans, comments, commitment_news, commitments, milestones, proposal_commitments, proposals,
};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::filters;
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::action_plans::queries as plans;
use crate::resources::institutions::queries as institutions;
use crate::resources::milestones::queries as milestone_queries;
use crate::resources::shared::refs::ProposalRef;
use crate::types::{CommitmentStatus, MilestoneStatus};

/// OGP codes are stored in capitals; clients may write them in any case.
fn normalise_code(key: &str) -> String {
    key.to_ascii_uppercase()
}

/// The commitment a path names (numeric id or OGP code, in any case).
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<CommitmentRow> {
    let query = commitments::table.select(CommitmentRow::as_select()).into_boxed();
    crate::by_key!(query, commitments::id, commitments::code, key, normalise_code)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Commitment"))
}

/// The id of the commitment a key names, if any (filters of other lists).
pub fn resolve_id(conn: &mut PgConnection, key: &str) -> QueryResult<Option<CommitmentId>> {
    let query = commitments::table.select(commitments::id).into_boxed();
    crate::by_key!(query, commitments::id, commitments::code, key, normalise_code).first(conn).optional()
}

/// The public representation of rows, with two batched queries (plans, progress): no query
/// per row.
pub fn present(conn: &mut PgConnection, rows: Vec<CommitmentRow>) -> QueryResult<Vec<Commitment>> {
    let ids: Vec<CommitmentId> = rows.iter().map(|r| r.id).collect();
    let mut plan_ids: Vec<ActionPlanId> = rows.iter().map(|r| r.action_plan_id).collect();
    plan_ids.sort_unstable();
    plan_ids.dedup();
    let plans: HashMap<i64, ActionPlanRef> = action_plans::table
        .filter(action_plans::id.eq_any(&plan_ids))
        .select(ActionPlanRef::as_select())
        .load(conn)?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut progress = progress_for(conn, &ids)?;
    let mut institutions = institutions::of_commitments(conn, &ids)?;
    let mut origins = from_proposals(conn, &ids)?;
    let mut news: HashMap<CommitmentId, chrono::DateTime<chrono::Utc>> = commitment_news::table
        .filter(commitment_news::commitment_id.eq_any(&ids))
        .select((commitment_news::commitment_id, commitment_news::last_update_at))
        .load(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|row| {
            let plan = plans.get(&row.action_plan_id.get()).cloned().unwrap_or(ActionPlanRef {
                id: row.action_plan_id.get(),
                slug: String::new(),
                title: String::new(),
            });
            let p = progress.remove(&row.id).unwrap_or_default();
            let (lead, support) = institutions.remove(&row.id).unwrap_or_default();
            let last_update_at = news.remove(&row.id);
            let stale =
                crate::resources::shared::refs::is_stale(row.status, row.archived_at, last_update_at, row.created_at);
            let mut one = Commitment::from_row(row, plan, p);
            one.last_update_at = last_update_at;
            one.stale = stale;
            one.institutions = CommitmentInstitutions { lead, support };
            one.from_proposals = origins.remove(&one_id(&one)).unwrap_or_default();
            one
        })
        .collect())
}

fn one_id(c: &Commitment) -> CommitmentId {
    CommitmentId(c.id)
}

/// The proposals each commitment came from (the co-creation's traces), one query for the page.
/// Read from the link table directly: the proposals resource links to commitments, never the
/// reverse.
fn from_proposals(
    conn: &mut PgConnection,
    ids: &[CommitmentId],
) -> QueryResult<HashMap<CommitmentId, Vec<ProposalRef>>> {
    let mut out: HashMap<CommitmentId, Vec<ProposalRef>> = HashMap::new();
    for (commitment, id, title) in proposal_commitments::table
        .inner_join(proposals::table)
        .filter(proposal_commitments::commitment_id.eq_any(ids))
        .order(proposals::id.asc())
        .select((proposal_commitments::commitment_id, proposals::id, proposals::title))
        .load::<(CommitmentId, i64, String)>(conn)?
    {
        out.entry(commitment).or_default().push(ProposalRef { id, title });
    }
    Ok(out)
}

fn progress_for(
    conn: &mut PgConnection,
    ids: &[CommitmentId],
) -> QueryResult<HashMap<CommitmentId, MilestoneProgress>> {
    let counts: Vec<(CommitmentId, MilestoneStatus, i64)> = milestones::table
        .filter(milestones::commitment_id.eq_any(ids))
        .filter(milestones::archived_at.is_null())
        .group_by((milestones::commitment_id, milestones::status))
        .select((milestones::commitment_id, milestones::status, count_star()))
        .load(conn)?;
    let mut out: HashMap<CommitmentId, MilestoneProgress> = HashMap::new();
    for (id, status, n) in counts {
        out.entry(id).or_default().add(status, n);
    }
    Ok(out.into_iter().map(|(id, p)| (id, p.finish())).collect())
}

/// One commitment with its milestones, as `GET /commitments/{id}` shows it.
pub fn present_full(conn: &mut PgConnection, row: CommitmentRow) -> ApiResult<Commitment> {
    let id = row.id;
    let mut one = present(conn, vec![row])?.pop().ok_or_else(|| ApiError::not_found("Commitment"))?;
    one.milestones = Some(milestone_queries::for_commitment(conn, id)?);
    Ok(one)
}

/// A page of commitments in code order, after the code `after`.
pub fn list(
    conn: &mut PgConnection,
    f: CommitmentFilters,
    after: Option<String>,
    limit: i64,
) -> QueryResult<Vec<CommitmentRow>> {
    let mut q = commitments::table.select(CommitmentRow::as_select()).order(commitments::code.asc()).into_boxed();
    if let Some(after) = after {
        q = q.filter(commitments::code.gt(after));
    }
    if let Some(plan) = f.action_plan.as_deref() {
        let plan_id = plans::resolve_id(conn, plan)?;
        q = q.filter(commitments::action_plan_id.eq(plan_id.unwrap_or(ActionPlanId(-1))));
    }
    if let Some(area) = f.policy_area {
        // `@>` rather than `= ANY(…)`: same rows, a statement Diesel can prepare once per
        // connection (a raw `sql()` fragment made it re-plan the query every time), and the
        // GIN index on `policy_areas` applies.
        q = q.filter(commitments::policy_areas.contains(vec![area]));
    }
    q = match f.archived {
        Some(true) => q.filter(commitments::archived_at.is_not_null()),
        _ => q.filter(commitments::archived_at.is_null()),
    };
    if let Some(status) = f.status {
        q = q.filter(commitments::status.eq(status));
    }
    if let Some(starred) = f.starred {
        q = q.filter(commitments::starred.eq(starred));
    }
    if let Some(stale) = f.stale {
        let flagged = diesel::dsl::sql::<diesel::sql_types::Bool>(crate::resources::shared::refs::STALE_SQL);
        q = if stale { q.filter(flagged) } else { q.filter(diesel::dsl::not(flagged)) };
    }
    if let Some(p) = filters::contains(f.q.as_deref()) {
        q = q.filter(
            commitments::code
                .ilike(p.clone())
                .or(commitments::title.ilike(p.clone()))
                .or(commitments::summary.ilike(p.clone()))
                .or(commitments::lead_institution.ilike(p)),
        );
    }
    if let Some(since) = f.updated_since {
        q = q.filter(commitments::updated_at.ge(since));
    }
    q.limit(limit).load(conn)
}

fn plan_named(conn: &mut PgConnection, key: &str) -> ApiResult<ActionPlanId> {
    plans::resolve_id(conn, key)?.ok_or_else(|| {
        ApiError::conflict_field(ErrorCode::UnknownReference, "action_plan", "unknown", "names no action plan")
    })
}

fn subject(row: &CommitmentRow) -> EventSubject {
    EventSubject::new("commitment", row.id.get(), row.code.clone())
}

fn reload(conn: &mut PgConnection, id: CommitmentId) -> QueryResult<CommitmentRow> {
    commitments::table.find(id).select(CommitmentRow::as_select()).first(conn)
}

/// Creates a commitment (audited).
pub fn insert(conn: &mut PgConnection, r: NewCommitmentRequest, by: UserId) -> ApiResult<CommitmentRow> {
    let action_plan_id = plan_named(conn, &r.action_plan)?;
    let irm = r.irm.unwrap_or_default();
    let new = NewCommitment {
        action_plan_id,
        code: r.code,
        number: r.number,
        title: r.title.trim().to_string(),
        summary: r.summary,
        description_html: r.description.as_deref().map(markdown::render),
        description: r.description,
        policy_areas: r.policy_areas,
        ogp_principles: r.ogp_principles,
        ambitions: r.ambitions,
        status: r.status.unwrap_or(CommitmentStatus::Active),
        starred: r.starred,
        start_year: r.start_year,
        end_year: r.end_year,
        irm_report: irm.report,
        irm_starred: irm.starred,
        irm_early_results: irm.early_results,
        irm_verifiable: irm.verifiable,
        irm_relevance: irm.relevance.unwrap_or_default(),
        irm_potential_impact: irm.potential_impact,
        irm_completion: irm.completion,
        irm_analysis_html: irm.analysis.as_deref().map(markdown::render),
        irm_analysis: irm.analysis,
        lang: r.lang.unwrap_or(crate::types::Locale::Fr),
    };
    let inserted: CommitmentRow = diesel::insert_into(commitments::table)
        .values(&new)
        .returning(CommitmentRow::as_returning())
        .get_result(conn)?;
    institutions::set_for_commitment(conn, inserted.id, Some(r.lead_institution_id), Some(r.support_institution_ids))?;
    // Read again: the institutions' trigger wrote their names into the row's text columns.
    let row = reload(conn, inserted.id)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::commitments::events::COMMITMENT_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&CommitmentRow>, Some(&row)),
    )?;
    Ok(row)
}

/// Applies a PATCH (audited when it changes something).
pub fn update(
    conn: &mut PgConnection,
    current: CommitmentRow,
    c: CommitmentChanges,
    by: UserId,
) -> ApiResult<CommitmentRow> {
    let action_plan_id = match c.action_plan.as_deref() {
        Some(plan) => Some(plan_named(conn, plan)?),
        None => None,
    };
    let irm = c.irm.unwrap_or_default();
    let set = CommitmentChangeset {
        action_plan_id,
        code: c.code,
        number: c.number,
        title: c.title.map(|t| t.trim().to_string()),
        summary: c.summary,
        description_html: markdown::render_change(&c.description),
        description: c.description,
        policy_areas: c.policy_areas,
        ogp_principles: c.ogp_principles,
        ambitions: c.ambitions,
        status: c.status,
        starred: c.starred,
        start_year: c.start_year,
        end_year: c.end_year,
        irm_report: irm.report,
        irm_starred: irm.starred,
        irm_early_results: irm.early_results,
        irm_verifiable: irm.verifiable,
        irm_relevance: irm.relevance.map(Option::unwrap_or_default),
        irm_potential_impact: irm.potential_impact,
        irm_completion: irm.completion,
        irm_analysis_html: markdown::render_change(&irm.analysis),
        irm_analysis: irm.analysis,
        lang: c.lang,
    };
    let mut row = crate::db::changed(
        diesel::update(commitments::table.find(current.id))
            .set(&set)
            .returning(CommitmentRow::as_returning())
            .get_result(conn),
    )?;
    if c.lead_institution_id.is_some() || c.support_institution_ids.is_some() {
        let before = institutions::of_commitments(conn, &[current.id])?;
        institutions::set_for_commitment(conn, current.id, c.lead_institution_id, c.support_institution_ids)?;
        let after = institutions::of_commitments(conn, &[current.id])?;
        let ids = |m: &std::collections::HashMap<CommitmentId, institutions::LeadAndSupport>| {
            m.get(&current.id).map(|(l, s)| (l.as_ref().map(|i| i.id), s.iter().map(|i| i.id).collect::<Vec<_>>()))
        };
        if ids(&before) != ids(&after) {
            // Also reads the names the institutions' trigger wrote into the row.
            row = Some(
                diesel::update(commitments::table.find(current.id))
                    .set(commitments::updated_at.eq(diesel::dsl::now))
                    .returning(CommitmentRow::as_returning())
                    .get_result(conn)?,
            );
        }
    }
    let Some(row) = row else { return Ok(current) };
    events::record(
        conn,
        NewEvent::new(crate::resources::commitments::events::COMMITMENT_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// What archiving commitments records.
pub const ARCHIVE_EVENTS: ArchiveEvents = ArchiveEvents {
    archived: super::events::COMMITMENT_ARCHIVED,
    restored: super::events::COMMITMENT_RESTORED,
    deleted: super::events::COMMITMENT_DELETED,
};

impl Archivable for CommitmentRow {
    fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.archived_at
    }

    fn event_subject(&self) -> EventSubject {
        subject(self)
    }

    /// A discussion on it or its milestones, action items serving it, cycles naming it and its
    /// milestones' progress log are public records that point at it. (Deleting it takes its
    /// milestones with it.)
    fn has_contributions(&self, conn: &mut PgConnection) -> QueryResult<bool> {
        let on_milestones =
            milestones::table.filter(milestones::commitment_id.eq(self.id)).select(milestones::subject_id);
        // Action items serving it, cycles naming it and its milestones' progress log are public
        // records that point at it.
        use crate::db::schema::{action_items, cycle_commitments, progress_updates};
        diesel::select(
            diesel::dsl::exists(
                comments::table
                    .filter(comments::subject_id.eq(self.subject_id).or(comments::subject_id.eq_any(on_milestones))),
            )
            .or(diesel::dsl::exists(action_items::table.filter(action_items::commitment_id.eq(self.id))))
            .or(diesel::dsl::exists(cycle_commitments::table.filter(cycle_commitments::commitment_id.eq(self.id))))
            .or(diesel::dsl::exists(
                progress_updates::table
                    .filter(progress_updates::milestone_id.eq_any(
                        milestones::table.filter(milestones::commitment_id.eq(self.id)).select(milestones::id),
                    )),
            )),
        )
        .get_result(conn)
    }

    fn set_archived(&self, conn: &mut PgConnection, archived: bool) -> QueryResult<Self> {
        diesel::update(commitments::table.find(self.id))
            .set(commitments::archived_at.eq(archived.then(Utc::now)))
            .returning(CommitmentRow::as_returning())
            .get_result(conn)
    }

    fn delete(&self, conn: &mut PgConnection) -> QueryResult<()> {
        diesel::delete(commitments::table.find(self.id)).execute(conn).map(|_| ())
    }
}
