//! Reads of proposals: one, a plan's page of them, the summary's counts, and the public shape
//! (every related record loaded for the whole page at once).

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::dto::{
    Proposal, ProposalAuthor, ProposalCounts, ProposalFilters, ProposalForum, ProposalRef, ProposalResponse,
    TracedCommitment,
};
use super::model::{ProposalId, ProposalOrigin, ProposalRow, ProposalState};
use crate::auth::AuthUser;
use crate::db::ids::{ActionPlanId, CommitmentId, ForumId, UserId};
use crate::db::schema::{action_plans, commitments, forums, proposal_commitments, proposal_supports, proposals, users};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::action_plans::model::ActionPlanRow;
use crate::resources::shared::refs::CommitmentRef;
use crate::types::Role;

/// Who reads: their account (for "you support it") and whether they answer the plan's proposals.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reader {
    pub account: Option<UserId>,
    pub responder: bool,
}

/// Whether `auth` answers the proposals of `plan`: admins, and officials of its coordinating
/// institution.
pub fn responds_for(auth: &AuthUser, plan: &ActionPlanRow) -> bool {
    use crate::auth::permission::Permission;
    if auth.holds(Permission::RespondToProposals).is_err() {
        return false;
    }
    auth.acting_role() == Role::Admin
        || (plan.coordinating_institution_id.is_some() && auth.institution_id == plan.coordinating_institution_id)
}

/// 403 unless `auth` answers the proposals of `plan`.
pub fn require_responder(auth: &AuthUser, plan: &ActionPlanRow) -> ApiResult<()> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    if !responds_for(auth, plan) {
        return Err(ApiError::Refused {
            code: super::codes::NOT_COORDINATING_INSTITUTION,
            detail: "Only officials of the plan's coordinating institution, and admins, answer its proposals.".into(),
        });
    }
    Ok(())
}

pub fn find(conn: &mut PgConnection, id: ProposalId) -> ApiResult<ProposalRow> {
    proposals::table
        .find(id)
        .select(ProposalRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Proposal"))
}

/// The same, locked until the transaction ends (supports, merges, responses).
pub fn find_for_update(conn: &mut PgConnection, id: ProposalId) -> ApiResult<ProposalRow> {
    proposals::table
        .find(id)
        .select(ProposalRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Proposal"))
}

/// A page of a plan's proposals, newest first, after `after`.
pub fn list(
    conn: &mut PgConnection,
    plan: ActionPlanId,
    filters: &ProposalFilters,
    after: Option<ProposalId>,
    limit: i64,
) -> QueryResult<Vec<ProposalRow>> {
    let mut q = proposals::table
        .filter(proposals::action_plan_id.eq(plan))
        .select(ProposalRow::as_select())
        .order(proposals::id.desc())
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(proposals::id.lt(after));
    }
    if let Some(state) = filters.state {
        q = q.filter(proposals::state.eq(state));
    }
    if let Some(origin) = filters.origin {
        q = q.filter(proposals::origin.eq(origin));
    }
    q.limit(limit).load(conn)
}

/// Counts of a plan's proposals by published state and by origin: one grouped read, answered
/// from the plan's state index alone (it carries the origin: migration 047).
pub fn counts(conn: &mut PgConnection, plan: ActionPlanId) -> QueryResult<ProposalCounts> {
    use diesel::dsl::count_star;
    let groups: Vec<(ProposalState, ProposalOrigin, i64)> = proposals::table
        .filter(proposals::action_plan_id.eq(plan))
        .group_by((proposals::state, proposals::origin))
        .select((proposals::state, proposals::origin, count_star()))
        .load(conn)?;
    let mut c = ProposalCounts::default();
    for (state, origin, n) in groups {
        c.total += n;
        *match state {
            ProposalState::Received => &mut c.received,
            ProposalState::UnderReview => &mut c.under_review,
            ProposalState::Retained => &mut c.retained,
            ProposalState::Merged => &mut c.merged,
            ProposalState::PartlyRetained => &mut c.partly_retained,
            ProposalState::NotRetained => &mut c.not_retained,
        } += n;
        *match origin {
            ProposalOrigin::Online => &mut c.online,
            ProposalOrigin::Forum => &mut c.forum,
        } += n;
    }
    Ok(c)
}

/// How many drafted responses of a plan wait for publication.
pub fn drafts_waiting(conn: &mut PgConnection, plan: ActionPlanId) -> QueryResult<i64> {
    proposals::table
        .filter(proposals::action_plan_id.eq(plan))
        .filter(proposals::draft_state.is_not_null())
        .count()
        .get_result(conn)
}

fn response(
    state: ProposalState,
    reason: Option<String>,
    reason_html: Option<String>,
    at: Option<chrono::DateTime<chrono::Utc>>,
) -> ProposalResponse {
    let reason_html = reason_html.or_else(|| reason.as_deref().map(crate::markdown::render));
    ProposalResponse { state, reason, reason_html, at }
}

/// The public shape of a page of proposals: plans, commitments, forums, authors, merges and
/// the reader's supports in one query each — none for a list of ids the page does not have,
/// nor for the plan's slug when the caller read the plan (`plan`: a plan's own list).
pub fn present(
    conn: &mut PgConnection,
    rows: Vec<ProposalRow>,
    reader: Reader,
    plan: Option<&ActionPlanRow>,
) -> QueryResult<Vec<Proposal>> {
    let ids: Vec<ProposalId> = rows.iter().map(|r| r.id).collect();
    let mut slugs: HashMap<ActionPlanId, String> = plan.map(|p| (p.id, p.slug.clone())).into_iter().collect();
    let plan_ids: HashSet<ActionPlanId> =
        rows.iter().map(|r| r.action_plan_id).filter(|id| !slugs.contains_key(id)).collect();
    if !plan_ids.is_empty() {
        slugs.extend(
            action_plans::table
                .filter(action_plans::id.eq_any(plan_ids))
                .select((action_plans::id, action_plans::slug))
                .load::<(ActionPlanId, String)>(conn)?,
        );
    }
    let commitment_ids: Vec<CommitmentId> = rows.iter().filter_map(|r| r.commitment_id).collect();
    let commitments: HashMap<i64, CommitmentRef> = unless_empty(&commitment_ids, |ids| {
        commitments::table.filter(commitments::id.eq_any(ids)).select(CommitmentRef::as_select()).load(conn)
    })?
    .into_iter()
    .map(|c: CommitmentRef| (c.id, c))
    .collect();
    let forum_ids: Vec<ForumId> = rows.iter().filter_map(|r| r.forum_id).collect();
    let forums: HashMap<ForumId, ProposalForum> = unless_empty(&forum_ids, |ids| {
        forums::table.filter(forums::id.eq_any(ids)).select((forums::id, forums::slug, forums::title)).load(conn)
    })?
    .into_iter()
    .map(|(id, slug, title): (ForumId, String, String)| (id, ProposalForum { id: id.get(), slug, title }))
    .collect();
    let author_ids: Vec<UserId> = rows.iter().filter_map(|r| r.author_id).collect();
    let authors: HashMap<UserId, String> = unless_empty(&author_ids, |ids| {
        users::table.filter(users::id.eq_any(ids)).select((users::id, users::display_name)).load(conn)
    })?
    .into_iter()
    .collect();
    let into_ids: Vec<ProposalId> = rows.iter().filter_map(|r| r.merged_into_id).collect();
    let into: HashMap<ProposalId, String> = unless_empty(&into_ids, |ids| {
        proposals::table.filter(proposals::id.eq_any(ids)).select((proposals::id, proposals::title)).load(conn)
    })?
    .into_iter()
    .collect();
    let mut merged_from: HashMap<ProposalId, Vec<ProposalRef>> = HashMap::new();
    for (id, title, target) in proposals::table
        .filter(proposals::merged_into_id.eq_any(&ids))
        .order(proposals::id.asc())
        .select((proposals::id, proposals::title, proposals::merged_into_id.assume_not_null()))
        .load::<(ProposalId, String, ProposalId)>(conn)?
    {
        merged_from.entry(target).or_default().push(ProposalRef { id: id.get(), title });
    }
    let mut became: HashMap<ProposalId, Vec<CommitmentRef>> = HashMap::new();
    for (proposal, commitment) in proposal_commitments::table
        .inner_join(commitments::table)
        .filter(proposal_commitments::proposal_id.eq_any(&ids))
        .order(commitments::code.asc())
        .select((proposal_commitments::proposal_id, CommitmentRef::as_select()))
        .load::<(ProposalId, CommitmentRef)>(conn)?
    {
        became.entry(proposal).or_default().push(commitment);
    }
    let supported: Option<HashSet<ProposalId>> = match reader.account {
        Some(account) => Some(
            proposal_supports::table
                .filter(proposal_supports::user_id.eq(account))
                .filter(proposal_supports::proposal_id.eq_any(&ids))
                .select(proposal_supports::proposal_id)
                .load::<ProposalId>(conn)?
                .into_iter()
                .collect(),
        ),
        None => None,
    };
    Ok(rows
        .into_iter()
        .map(|r| Proposal {
            id: r.id.get(),
            action_plan_id: r.action_plan_id.get(),
            action_plan_slug: slugs.get(&r.action_plan_id).cloned().unwrap_or_default(),
            title: r.title,
            problem: r.problem,
            problem_html: r.problem_html,
            solution: r.solution,
            solution_html: r.solution_html,
            theme: r.theme,
            commitment: r.commitment_id.and_then(|c| commitments.get(&c.get()).cloned()),
            possible_lead: r.possible_lead,
            lang: r.lang,
            origin: r.origin,
            forum: r.forum_id.and_then(|f| forums.get(&f).cloned()),
            author: r
                .author_id
                .and_then(|a| authors.get(&a).map(|name| ProposalAuthor { id: a.get(), display_name: name.clone() })),
            spoken_by: r.spoken_by,
            support_count: i64::from(r.support_count),
            supported: supported.as_ref().map(|s| s.contains(&r.id)),
            response: response(r.state, r.reason, r.reason_html, r.responded_at),
            draft_response: match (reader.responder, r.draft_state) {
                (true, Some(state)) => Some(response(state, r.draft_reason, None, r.drafted_at)),
                _ => None,
            },
            merged_into: r
                .merged_into_id
                .map(|m| ProposalRef { id: m.get(), title: into.get(&m).cloned().unwrap_or_default() }),
            merged_from: merged_from.remove(&r.id).unwrap_or_default(),
            became: became.remove(&r.id).unwrap_or_default(),
            became_progress: None,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

/// `load(ids)`, or nothing without a round trip when there are no ids.
fn unless_empty<I, T>(ids: &[I], load: impl FnOnce(&[I]) -> QueryResult<Vec<T>>) -> QueryResult<Vec<T>> {
    if ids.is_empty() {
        Ok(Vec::new())
    } else {
        load(ids)
    }
}

pub fn present_one(conn: &mut PgConnection, row: ProposalRow, reader: Reader) -> ApiResult<Proposal> {
    present(conn, vec![row], reader, None)?.pop().ok_or_else(|| ApiError::not_found("Proposal"))
}

/// The proposal with where each commitment it became stands today (`GET /proposals/{id}`): its
/// OGP completion and its latest progress update, three queries per commitment (a proposal
/// becomes one or two).
pub fn present_traced(conn: &mut PgConnection, row: ProposalRow, reader: Reader) -> ApiResult<Proposal> {
    use crate::db::ids::CommitmentId;
    use crate::resources::progress::queries as progress;
    let mut proposal = present_one(conn, row, reader)?;
    let mut traced = Vec::with_capacity(proposal.became.len());
    for commitment in &proposal.became {
        let id = CommitmentId(commitment.id);
        let lead = crate::resources::institutions::queries::lead_of(conn, id)?;
        let now = progress::commitment_progress(conn, id, commitment.code.clone(), lead)?;
        traced.push(TracedCommitment {
            commitment: commitment.clone(),
            completion: now.completion,
            latest_update: now.recent.into_iter().next(),
        });
    }
    proposal.became_progress = Some(traced);
    Ok(proposal)
}
