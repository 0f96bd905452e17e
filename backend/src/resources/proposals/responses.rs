//! The reasoned response: the coordinating institution's officials (and admins) draft a state
//! and a reason for each proposal, then publish the plan's drafts together; duplicates are
//! merged.

use actix_web::{delete, post, put, web};
use validator::Validate;

use super::dto::{DraftResponse, MergeRequest, Proposal, Publication};
use super::handlers::{proposal_id, reader};
use super::queries;
use super::writes;
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiResult, Checks};
use crate::resources::action_plans::queries as plans;
use crate::AppState;

/// Draft the response to a proposal (officials of the plan's coordinating institution, admins):
/// seen only by those who answer until the plan's drafts are published.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(("id" = i64, Path, description = "Proposal id", minimum = 1)),
    request_body = DraftResponse,
    responses(
        (status = 200, description = "Drafted", body = Proposal),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The proposal is merged into another (`proposal_merged`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields: no `reason` for a state past review (`required`), or `merged` (`merged_by_merge`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/proposals/{id}/draft-response")]
pub async fn draft_response(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<DraftResponse>,
) -> ApiResult<web::Json<Proposal>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let draft = body?.into_inner();
    Checks::of(draft.validate()).finish()?;
    let id = proposal_id(&id)?;
    let proposal = db::transaction(&state.pool, move |conn| {
        let current = queries::find_for_update(conn, id)?;
        let plan = plans::find(conn, &current.action_plan_id.to_string())?;
        queries::require_responder(&auth, &plan)?;
        let row = writes::draft(conn, current, draft, auth.id)?;
        queries::present_one(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(web::Json(proposal))
}

/// Forget a drafted response.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(("id" = i64, Path, description = "Proposal id", minimum = 1)),
    responses(
        (status = 200, description = "Forgotten", body = Proposal),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such proposal, or no draft", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/proposals/{id}/draft-response")]
pub async fn discard_draft(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Proposal>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let id = proposal_id(&id)?;
    let proposal = db::transaction(&state.pool, move |conn| {
        let current = queries::find_for_update(conn, id)?;
        let plan = plans::find(conn, &current.action_plan_id.to_string())?;
        queries::require_responder(&auth, &plan)?;
        let row = writes::discard_draft(conn, current, auth.id)?;
        queries::present_one(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(web::Json(proposal))
}

/// Publish every drafted response of the plan at once; each proposal's author and followers
/// are told.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    responses(
        (status = 200, description = "Published", body = Publication),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "No draft waits (`nothing_to_publish`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans/{id}/responses/publication")]
pub async fn publish_responses(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Publication>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let key = id.into_inner();
    let published = db::transaction(&state.pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        queries::require_responder(&auth, &plan)?;
        writes::publish(conn, &plan, auth.id)
    })
    .await?;
    Ok(web::Json(Publication { published }))
}

/// Merge a duplicate into another proposal of the same plan: its response becomes `merged`
/// (published at once, with the reason), both link each other, supports move over (each
/// member once).
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["respond"])),
    params(("id" = i64, Path, description = "Id of the duplicate", minimum = 1)),
    request_body = MergeRequest,
    responses(
        (status = 200, description = "Merged: the duplicate", body = Proposal),
        (status = 403, description = "Not an official of the plan's coordinating institution (`not_coordinating_institution`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already merged (`proposal_merged`), `into` names no other unmerged proposal of the plan (`unknown_reference`), or the plan is no longer in preparation (`not_in_preparation`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/merge")]
pub async fn merge_proposal(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<MergeRequest>,
) -> ApiResult<web::Json<Proposal>> {
    auth.require(crate::auth::permission::Permission::RespondToProposals)?;
    let merge = body?.into_inner();
    Checks::of(merge.validate()).finish()?;
    let id = proposal_id(&id)?;
    let proposal = db::transaction(&state.pool, move |conn| {
        let current = queries::find_for_update(conn, id)?;
        let plan = plans::find(conn, &current.action_plan_id.to_string())?;
        queries::require_responder(&auth, &plan)?;
        writes::require_in_preparation(&plan)?;
        let row = writes::merge(conn, current, super::model::ProposalId(merge.into), merge.reason, auth.id)?;
        queries::present_one(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(web::Json(proposal))
}
