//! From proposal to commitment: the coordinating institution names the commitments a retained
//! proposal became or fed. Each link is an event of both records (the change feed tells
//! readers of either to fetch it again).

use actix_web::{delete, put, web};
use diesel::prelude::*;

use super::dto::Proposal;
use super::handlers::{proposal_id, reader};
use super::model::{ProposalRow, ProposalState};
use super::{events, queries};
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::UserId;
use crate::db::schema::proposal_commitments;
use crate::events::{record, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::action_plans::queries as plans;
use crate::resources::shared::refs::{commitment, CommitmentKey};
use crate::AppState;

/// 409 `not_retained` unless the proposal's response (published, or drafted) retains it.
fn require_retained(row: &ProposalRow) -> ApiResult<()> {
    let retains = |s: ProposalState| matches!(s, ProposalState::Retained | ProposalState::PartlyRetained);
    if retains(row.state) || row.draft_state.is_some_and(retains) {
        return Ok(());
    }
    Err(ApiError::Conflict {
        code: super::codes::NOT_RETAINED,
        detail: "Only a proposal retained (or partly retained) becomes a commitment: give that response first.".into(),
    })
}

/// 409 `commitment_of_another_plan`: a proposal for a plan becomes a commitment of that plan.
fn require_same_plan(conn: &mut PgConnection, row: &ProposalRow, target: &CommitmentKey) -> ApiResult<()> {
    use crate::db::schema::commitments;
    let plan: crate::db::ids::ActionPlanId =
        commitments::table.find(target.id).select(commitments::action_plan_id).first(conn)?;
    if plan != row.action_plan_id {
        return Err(ApiError::Conflict {
            code: super::codes::COMMITMENT_OF_ANOTHER_PLAN,
            detail: format!("{} belongs to another action plan than this proposal's.", target.code),
        });
    }
    Ok(())
}

fn record_both(
    conn: &mut PgConnection,
    row: &ProposalRow,
    target: &CommitmentKey,
    kinds: (crate::events::EventType, crate::events::EventType),
    by: UserId,
) -> QueryResult<()> {
    let payload =
        serde_json::json!({ "proposal_id": row.id, "commitment_id": target.id, "commitment_code": target.code });
    record(
        conn,
        NewEvent::new(kinds.0)
            .subject(EventSubject::new("proposal", row.id.get(), row.id.to_string()))
            .by(by)
            .payload(payload.clone()),
    )?;
    record(
        conn,
        NewEvent::new(kinds.1)
            .subject(EventSubject::new("commitment", target.id.get(), target.code.clone()))
            .by(by)
            .payload(payload),
    )
}

/// Say a retained proposal became (or fed) a commitment (officials of the plan's coordinating
/// institution, admins); the commitment then counts it among the proposals it came from.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(
        ("id" = i64, Path, description = "Proposal id", minimum = 1),
        ("commitment" = String, Path, description = "Commitment id or OGP code"),
    ),
    responses(
        (status = 200, description = "Linked (or already)", body = Proposal),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The proposal is not retained, in its published or drafted response (`not_retained`), or the commitment is of another plan (`commitment_of_another_plan`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/proposals/{id}/commitments/{commitment}")]
pub async fn link_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<Proposal>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let (id, key) = path.into_inner();
    let id = proposal_id(&id)?;
    let proposal = db::transaction(&state.pool, move |conn| {
        let row = queries::find_for_update(conn, id)?;
        let plan = plans::find(conn, &row.action_plan_id.to_string())?;
        queries::require_responder(&auth, &plan)?;
        let target = commitment(conn, &key)?;
        require_same_plan(conn, &row, &target)?;
        require_retained(&row)?;
        let added = diesel::insert_into(proposal_commitments::table)
            .values((
                proposal_commitments::proposal_id.eq(row.id),
                proposal_commitments::commitment_id.eq(target.id),
                proposal_commitments::linked_by.eq(auth.id),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
        if added == 1 {
            record_both(conn, &row, &target, (events::PROPOSAL_BECAME, events::COMMITMENT_FROM_PROPOSAL), auth.id)?;
        }
        queries::present_traced(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(web::Json(proposal))
}

/// Undo such a link.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(
        ("id" = i64, Path, description = "Proposal id", minimum = 1),
        ("commitment" = String, Path, description = "Commitment id or OGP code"),
    ),
    responses(
        (status = 200, description = "Unlinked", body = Proposal),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal, commitment or link", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/proposals/{id}/commitments/{commitment}")]
pub async fn unlink_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<Proposal>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let (id, key) = path.into_inner();
    let id = proposal_id(&id)?;
    let proposal = db::transaction(&state.pool, move |conn| {
        let row = queries::find_for_update(conn, id)?;
        let plan = plans::find(conn, &row.action_plan_id.to_string())?;
        queries::require_responder(&auth, &plan)?;
        let target = commitment(conn, &key)?;
        let removed = diesel::delete(proposal_commitments::table.find((row.id, target.id))).execute(conn)?;
        if removed == 0 {
            return Err(ApiError::not_found("Link"));
        }
        record_both(
            conn,
            &row,
            &target,
            (events::PROPOSAL_NO_LONGER_BECAME, events::COMMITMENT_NO_LONGER_FROM_PROPOSAL),
            auth.id,
        )?;
        queries::present_traced(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(web::Json(proposal))
}
