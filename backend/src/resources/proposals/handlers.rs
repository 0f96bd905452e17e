//! `/action-plans/{id}/proposals`, `/forums/{id}/proposals` and `/proposals/{id}`: anyone reads;
//! members propose during an open phase and support; forums' organisers enter what their forum
//! collected. Responses and merges are in `responses.rs`.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{NewForumProposal, NewProposal, Proposal, ProposalFilters, ProposalPage, ProposalSummary, Support};
use super::model::ProposalId;
use super::queries::{self, Reader};
use super::writes::{self, Source};
use crate::auth::permission::Permission;
use crate::auth::{require_verified, AuthUser, OptionalAuth};
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks, ErrorCode};
use crate::resources::action_plans::queries as plans;
use crate::AppState;

pub(super) fn proposal_id(raw: &str) -> ApiResult<ProposalId> {
    raw.parse::<i64>().ok().filter(|n| *n > 0).map(ProposalId).ok_or_else(|| ApiError::not_found("Proposal"))
}

/// What the reader may see: their supports, and drafts when they answer for the plan.
pub(super) fn reader(auth: &Option<AuthUser>, plan: &crate::resources::action_plans::model::ActionPlanRow) -> Reader {
    Reader {
        account: auth.as_ref().map(|a| a.id),
        responder: auth.as_ref().is_some_and(|a| queries::responds_for(a, plan)),
    }
}

/// A plan's proposals, newest first, each with its published response.
#[utoipa::path(
    tag = "proposals",
    params(("id" = String, Path, description = "Numeric id or slug of the action plan"), ProposalFilters, PageParams),
    responses((status = 200, description = "A page of proposals", body = ProposalPage))
)]
#[get("/action-plans/{id}/proposals")]
pub async fn list_proposals(
    req: HttpRequest,
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<String>,
    filters: web::Query<ProposalFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let key = id.into_inner();
    let filters = filters.into_inner();
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        let rows = queries::list(conn, plan.id, &filters, after.map(ProposalId), limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |p| p.id.get());
        Ok((queries::present(conn, rows, reader(&auth, &plan), Some(&plan))?, next))
    })
    .await?;
    Ok(page::respond::<ProposalPage, _>(&req, items, next))
}

/// The public summary of a plan's proposals: how many, by published state and by origin.
#[utoipa::path(
    tag = "proposals",
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    responses((status = 200, description = "The counts", body = ProposalSummary))
)]
#[get("/action-plans/{id}/proposals/summary")]
pub async fn proposal_summary(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<String>,
) -> ApiResult<web::Json<ProposalSummary>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let plan = plans::find(conn, &key)?;
            let can_respond = reader(&auth, &plan).responder;
            Ok(ProposalSummary {
                action_plan_id: plan.id.get(),
                counts: queries::counts(conn, plan.id)?,
                drafts_waiting: if can_respond { Some(queries::drafts_waiting(conn, plan.id)?) } else { None },
                can_respond,
            })
        })
        .await?,
    ))
}

/// Propose (signed-in members whose address is confirmed, where the platform requires it),
/// while a phase of the plan's published timeline that accepts proposals is open.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["comment"])),
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    request_body = NewProposal,
    responses(
        (status = 201, description = "Received", body = Proposal),
        (status = 409, description = "No phase accepting proposals is open today (`no_open_phase`), or `commitment` names none (`unknown_reference`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans/{id}/proposals")]
pub async fn create_proposal(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewProposal>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Comment)?;
    require_verified(&state, auth.verified)?;
    let new = body?.into_inner();
    Checks::of(new.validate()).finish()?;
    let key = id.into_inner();
    let created = db::transaction(&state.pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        let Some(phase) = crate::resources::co_creation::queries::open_for_proposals(conn, plan.id)? else {
            return Err(ApiError::Conflict {
                code: super::codes::NO_OPEN_PHASE,
                detail: "No phase of this plan's co-creation that accepts proposals is open today.".into(),
            });
        };
        let row = writes::submit(conn, &plan, new, Source::Online { author: auth.id, phase: phase.id })?;
        queries::present_one(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/proposals/{}", created.id))).json(created))
}

/// Enter a proposal collected at a forum (its organisers), for a plan in preparation whose
/// timeline is published; it shows "collected at the forum …" with the forum linked.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = NewForumProposal,
    responses(
        (status = 201, description = "Entered", body = Proposal),
        (status = 403, description = "Not an organiser of the forum (`not_an_organiser`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "`action_plan` or `commitment` names none (`unknown_reference`), or the plan is not in preparation with a published timeline (`not_in_preparation`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/proposals")]
pub async fn create_forum_proposal(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewForumProposal>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let new = body?.into_inner();
    Checks::of(new.validate()).finish()?;
    let key = id.into_inner();
    let created = db::transaction(&state.pool, move |conn| {
        let forum = crate::resources::forums::queries::find(conn, &key)?;
        crate::resources::forums::organisers::require_organiser(conn, forum.id, &auth)?;
        let plan_id = plans::resolve_id(conn, &new.action_plan)?.ok_or_else(|| {
            ApiError::conflict_field(ErrorCode::UnknownReference, "action_plan", "exists", "names no action plan")
        })?;
        let plan = plans::find(conn, &plan_id.to_string())?;
        writes::require_in_preparation(&plan)?;
        if plan.timeline_published_at.is_none() {
            return Err(ApiError::Conflict {
                code: crate::resources::co_creation::codes::NOT_IN_PREPARATION,
                detail: "This plan's co-creation timeline is not published yet.".into(),
            });
        }
        let (proposal, spoken_by) = new.into_parts();
        let source = Source::Forum { forum: forum.id, spoken_by, organiser: auth.id };
        let row = writes::submit(conn, &plan, proposal, source)?;
        queries::present_one(conn, row, reader(&Some(auth), &plan))
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/proposals/{}", created.id))).json(created))
}

/// One proposal, with its response, its supports and the proposals merged with it.
#[utoipa::path(
    tag = "proposals",
    params(("id" = i64, Path, description = "Proposal id", minimum = 1)),
    responses((status = 200, description = "The proposal", body = Proposal))
)]
#[get("/proposals/{id}")]
pub async fn get_proposal(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<String>,
) -> ApiResult<web::Json<Proposal>> {
    let id = proposal_id(&id)?;
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let row = queries::find(conn, id)?;
            let plan = plans::find(conn, &row.action_plan_id.to_string())?;
            queries::present_traced(conn, row, reader(&auth, &plan))
        })
        .await?,
    ))
}

/// Support a proposal (once per member) while its plan is in preparation.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Proposal id", minimum = 1)),
    responses(
        (status = 201, description = "Supported", body = Support),
        (status = 409, description = "Already supported (`already_supported`), merged into another (`proposal_merged`), or the plan is no longer in preparation (`not_in_preparation`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/proposals/{id}/supports")]
pub async fn support_proposal(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Comment)?;
    let id = proposal_id(&id)?;
    let support = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, id)?;
        writes::require_in_preparation(&plans::find(conn, &current.action_plan_id.to_string())?)?;
        let row = writes::support(conn, &current, auth.id)?;
        Ok(Support { proposal_id: row.id.get(), support_count: i64::from(row.support_count), supported: true })
    })
    .await?;
    Ok(HttpResponse::Created().json(support))
}

/// Withdraw one's support.
#[utoipa::path(
    tag = "proposals",
    security(("bearer" = ["comment"])),
    params(("id" = i64, Path, description = "Proposal id", minimum = 1)),
    responses(
        (status = 200, description = "Withdrawn", body = Support),
        (status = 404, description = "No such proposal, or the member does not support it", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/proposals/{id}/supports/me")]
pub async fn withdraw_support(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Support>> {
    auth.require(Permission::Comment)?;
    let id = proposal_id(&id)?;
    let support = db::transaction(&state.pool, move |conn| {
        let row = writes::withdraw_support(conn, id, auth.id)?;
        Ok(Support { proposal_id: row.id.get(), support_count: i64::from(row.support_count), supported: false })
    })
    .await?;
    Ok(web::Json(support))
}

crate::discussion_routes!(
    list_proposal_comments,
    create_proposal_comment,
    proposal_comments_feed,
    "/proposals/{id}/comments",
    "/proposals/{id}/comments.atom",
    super::subject::KIND,
    "proposal",
    "Proposal id"
);
