//! Writes on proposals, each with its event in the same transaction: submitting (online, or
//! from a forum), supporting, drafting a response, publishing a plan's drafts together, merging.

use diesel::prelude::*;

use super::dto::{DraftResponse, NewProposal};
use super::events;
use super::model::{NewProposalRow, ProposalId, ProposalOrigin, ProposalRow, ProposalState};
use crate::db::ids::{ForumId, UserId};
use crate::db::schema::{proposal_supports, proposals};
use crate::events::{record, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::resources::action_plans::model::{ActionPlanRow, PlanStatus};
use crate::resources::co_creation::model::PhaseId;

fn subject(row: &ProposalRow) -> EventSubject {
    EventSubject::new("proposal", row.id.get(), row.id.to_string())
}

/// Where a new proposal comes from.
pub enum Source {
    /// A member, during the open phase `phase`.
    Online { author: UserId, phase: PhaseId },
    /// A forum's organiser, writing down what `spoken_by` said there.
    Forum { forum: ForumId, spoken_by: Option<String>, organiser: UserId },
}

fn trimmed(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

pub fn submit(
    conn: &mut PgConnection,
    plan: &ActionPlanRow,
    new: NewProposal,
    source: Source,
) -> ApiResult<ProposalRow> {
    let commitment = match new.commitment.as_deref() {
        Some(key) => Some(crate::resources::commitments::queries::resolve_id(conn, key)?.ok_or_else(|| {
            ApiError::conflict_field(ErrorCode::UnknownReference, "commitment", "exists", "names no commitment")
        })?),
        None => None,
    };
    let (origin, phase, forum, author, spoken_by, entered_by) = match source {
        Source::Online { author, phase } => (ProposalOrigin::Online, Some(phase), None, Some(author), None, author),
        Source::Forum { forum, spoken_by, organiser } => {
            (ProposalOrigin::Forum, None, Some(forum), None, trimmed(spoken_by), organiser)
        }
    };
    let row: ProposalRow = diesel::insert_into(proposals::table)
        .values(NewProposalRow {
            action_plan_id: plan.id,
            phase_id: phase,
            title: new.title.trim().to_string(),
            problem_html: crate::markdown::render(&new.problem),
            problem: new.problem,
            solution_html: crate::markdown::render(&new.solution),
            solution: new.solution,
            theme: trimmed(new.theme),
            commitment_id: commitment,
            possible_lead: trimmed(new.possible_lead),
            lang: new.lang.unwrap_or(crate::types::Locale::Fr),
            origin,
            forum_id: forum,
            author_id: author,
            spoken_by,
            entered_by,
        })
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::PROPOSAL_CREATED)
            .subject(subject(&row))
            .by(entered_by)
            .payload(serde_json::json!({ "action_plan_id": plan.id, "origin": origin }))
            .audit(None::<&ProposalRow>, Some(&row)),
    )?;
    Ok(row)
}

/// 409 unless the plan is still being co-created (its proposals open to supports and merges).
pub fn require_in_preparation(plan: &ActionPlanRow) -> ApiResult<()> {
    if plan.status != PlanStatus::InPreparation {
        return Err(ApiError::Conflict {
            code: crate::resources::co_creation::codes::NOT_IN_PREPARATION,
            detail: "This plan is no longer in preparation: its proposals are closed.".into(),
        });
    }
    Ok(())
}

fn not_merged(row: &ProposalRow) -> ApiResult<()> {
    if row.merged_into_id.is_some() {
        return Err(ApiError::Conflict {
            code: super::codes::PROPOSAL_MERGED,
            detail: format!("This proposal was merged into proposal {}.", row.merged_into_id.unwrap_or_default()),
        });
    }
    Ok(())
}

/// One support per member: 409 `already_supported` for a second. The support and the count
/// change in one transaction; the count is raised under the proposal's row lock, so parallel
/// supports queue for a moment and none is lost.
/// `current` is the proposal as the caller just read it (in the same transaction).
pub fn support(conn: &mut PgConnection, current: &ProposalRow, by: UserId) -> ApiResult<ProposalRow> {
    let id = current.id;
    not_merged(current)?;
    let added = diesel::insert_into(proposal_supports::table)
        .values((proposal_supports::proposal_id.eq(id), proposal_supports::user_id.eq(by)))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if added == 0 {
        return Err(ApiError::Conflict {
            code: super::codes::ALREADY_SUPPORTED,
            detail: "You already support this proposal.".into(),
        });
    }
    let row: ProposalRow = diesel::update(proposals::table.find(id))
        .set(proposals::support_count.eq(proposals::support_count + 1))
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    // Who supports what is private: the event says a support was given, not whose.
    record(conn, NewEvent::new(events::PROPOSAL_SUPPORTED).subject(subject(&row)).by(by))?;
    Ok(row)
}

/// Withdraws the member's support: 404 when they gave none.
pub fn withdraw_support(conn: &mut PgConnection, id: ProposalId, by: UserId) -> ApiResult<ProposalRow> {
    let removed = diesel::delete(proposal_supports::table.find((id, by))).execute(conn)?;
    if removed == 0 {
        return Err(ApiError::not_found("Support"));
    }
    let row: ProposalRow = diesel::update(proposals::table.find(id))
        .set(proposals::support_count.eq(proposals::support_count - 1))
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    record(conn, NewEvent::new(events::PROPOSAL_SUPPORT_WITHDRAWN).subject(subject(&row)).by(by))?;
    Ok(row)
}

/// Drafts the response (seen by those who answer until published). A reason is required past
/// review; `merged` goes through `merge`.
pub fn draft(
    conn: &mut PgConnection,
    current: ProposalRow,
    draft: DraftResponse,
    by: UserId,
) -> ApiResult<ProposalRow> {
    not_merged(&current)?;
    if draft.state == ProposalState::Merged {
        return Err(ApiError::field("state", "merged_by_merge", "merge a proposal with POST /proposals/{id}/merge"));
    }
    let reason = trimmed(draft.reason);
    if draft.state.needs_reason() && reason.is_none() {
        return Err(ApiError::field("reason", "required", "a reason is required for this state"));
    }
    let row: ProposalRow = diesel::update(proposals::table.find(current.id))
        .set((
            proposals::draft_state.eq(Some(draft.state)),
            proposals::draft_reason.eq(&reason),
            proposals::drafted_by.eq(Some(by)),
            proposals::drafted_at.eq(diesel::dsl::now),
        ))
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::PROPOSAL_RESPONSE_DRAFTED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// Forgets the drafted response: 404 when there is none.
pub fn discard_draft(conn: &mut PgConnection, current: ProposalRow, by: UserId) -> ApiResult<ProposalRow> {
    if current.draft_state.is_none() {
        return Err(ApiError::not_found("Draft response"));
    }
    let row: ProposalRow = diesel::update(proposals::table.find(current.id))
        .set((
            proposals::draft_state.eq(None::<ProposalState>),
            proposals::draft_reason.eq(None::<String>),
            proposals::drafted_by.eq(None::<UserId>),
            proposals::drafted_at.eq(None::<chrono::DateTime<chrono::Utc>>),
        ))
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::PROPOSAL_RESPONSE_DRAFTED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// Publishes every drafted response of the plan in one step: each becomes the proposal's
/// response, with its own event (its author and followers are told). 409 `nothing_to_publish`
/// when no draft waits.
pub fn publish(conn: &mut PgConnection, plan: &ActionPlanRow, by: UserId) -> ApiResult<i64> {
    let drafts: Vec<ProposalRow> = proposals::table
        .filter(proposals::action_plan_id.eq(plan.id))
        .filter(proposals::draft_state.is_not_null())
        .order(proposals::id.asc())
        .select(ProposalRow::as_select())
        .for_update()
        .load(conn)?;
    if drafts.is_empty() {
        return Err(ApiError::Conflict {
            code: super::codes::NOTHING_TO_PUBLISH,
            detail: "No drafted response waits for publication.".into(),
        });
    }
    let published = drafts.len() as i64;
    for current in drafts {
        let state = current.draft_state.unwrap_or(ProposalState::Received);
        let reason = current.draft_reason.clone();
        let row: ProposalRow = diesel::update(proposals::table.find(current.id))
            .set((
                proposals::state.eq(state),
                proposals::reason_html.eq(reason.as_deref().map(crate::markdown::render)),
                proposals::reason.eq(&reason),
                proposals::responded_at.eq(diesel::dsl::now),
                proposals::responded_by.eq(Some(by)),
                proposals::draft_state.eq(None::<ProposalState>),
                proposals::draft_reason.eq(None::<String>),
                proposals::drafted_by.eq(None::<UserId>),
                proposals::drafted_at.eq(None::<chrono::DateTime<chrono::Utc>>),
            ))
            .returning(ProposalRow::as_returning())
            .get_result(conn)?;
        record(
            conn,
            NewEvent::new(events::PROPOSAL_ANSWERED)
                .subject(subject(&row))
                .by(by)
                .payload(serde_json::json!({ "state": state }))
                .audit(Some(&current), Some(&row)),
        )?;
    }
    Ok(published)
}

/// Merges `source` into `target` (same plan, neither merged): the source's response becomes
/// `merged` with the reason, published at once (both pages link each other from now on), and
/// its supports move to the target, each member once.
pub fn merge(
    conn: &mut PgConnection,
    source: ProposalRow,
    target: ProposalId,
    reason: String,
    by: UserId,
) -> ApiResult<ProposalRow> {
    not_merged(&source)?;
    let unknown = || {
        ApiError::conflict_field(
            ErrorCode::UnknownReference,
            "into",
            "exists",
            "names no other proposal of this plan that is not merged itself",
        )
    };
    if target == source.id {
        return Err(unknown());
    }
    let target_row = super::queries::find_for_update(conn, target).map_err(|_| unknown())?;
    if target_row.action_plan_id != source.action_plan_id || target_row.merged_into_id.is_some() {
        return Err(unknown());
    }
    diesel::sql_query(
        "INSERT INTO proposal_supports (proposal_id, user_id, created_at) \
         SELECT $1, user_id, created_at FROM proposal_supports WHERE proposal_id = $2 \
         ON CONFLICT DO NOTHING",
    )
    .bind::<diesel::sql_types::BigInt, _>(target.get())
    .bind::<diesel::sql_types::BigInt, _>(source.id.get())
    .execute(conn)?;
    diesel::delete(proposal_supports::table.filter(proposal_supports::proposal_id.eq(source.id))).execute(conn)?;
    let count: i64 =
        proposal_supports::table.filter(proposal_supports::proposal_id.eq(target)).count().get_result(conn)?;
    diesel::update(proposals::table.find(target)).set(proposals::support_count.eq(count as i32)).execute(conn)?;
    let reason = reason.trim().to_string();
    let row: ProposalRow = diesel::update(proposals::table.find(source.id))
        .set((
            proposals::merged_into_id.eq(Some(target)),
            proposals::state.eq(ProposalState::Merged),
            proposals::reason_html.eq(Some(crate::markdown::render(&reason))),
            proposals::reason.eq(Some(&reason)),
            proposals::responded_at.eq(diesel::dsl::now),
            proposals::responded_by.eq(Some(by)),
            proposals::support_count.eq(0),
            proposals::draft_state.eq(None::<ProposalState>),
            proposals::draft_reason.eq(None::<String>),
            proposals::drafted_by.eq(None::<UserId>),
            proposals::drafted_at.eq(None::<chrono::DateTime<chrono::Utc>>),
        ))
        .returning(ProposalRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::PROPOSAL_MERGED)
            .subject(subject(&row))
            .by(by)
            .payload(serde_json::json!({ "into": target }))
            .audit(Some(&source), Some(&row)),
    )?;
    Ok(row)
}
