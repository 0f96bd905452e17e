//! `/action-plans/{id}/timeline` and `/co-creation-phases`: anyone reads a published timeline;
//! admins write and publish it.

use actix_web::{delete, get, patch, post, web, HttpResponse};
use validator::Validate;

use super::dto::{NewPhase, Phase, PhaseChanges, Timeline, TimelinePublication};
use super::model::PhaseId;
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::{AuthUser, OptionalAuth};
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::resources::action_plans::queries as plans;
use crate::AppState;

fn check_dates(opens_on: chrono::NaiveDate, closes_on: chrono::NaiveDate) -> ApiResult<()> {
    if closes_on < opens_on {
        return Err(ApiError::field("closes_on", "range", "must not be before opens_on"));
    }
    Ok(())
}

/// A plan's co-creation timeline: its phases with their dates and what people can do in each,
/// once published (admins see the phases before).
#[utoipa::path(
    tag = "co-creation",
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    responses((status = 200, description = "The timeline", body = Timeline))
)]
#[get("/action-plans/{id}/timeline")]
pub async fn get_timeline(
    state: web::Data<AppState>,
    OptionalAuth(auth): OptionalAuth,
    id: web::Path<String>,
) -> ApiResult<web::Json<Timeline>> {
    let key = id.into_inner();
    let manager = auth.is_some_and(|a| a.holds(Permission::ManagePlans).is_ok());
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let plan = plans::find(conn, &key)?;
            Ok(queries::timeline(conn, &plan, manager)?)
        })
        .await?,
    ))
}

/// A published timeline as an iCalendar file (RFC 5545): one all-day event per phase.
#[utoipa::path(
    tag = "co-creation",
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    responses(
        (status = 200, description = "An iCalendar file", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such plan, or its timeline is not published", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/action-plans/{id}/timeline.ics")]
pub async fn timeline_calendar(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let public_url = state.public_url.clone();
    let (slug, body) = db::run(&state.read_pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        if plan.timeline_published_at.is_none() {
            return Err(ApiError::not_found("Timeline"));
        }
        let phases = queries::phases_of(conn, plan.id)?;
        Ok((plan.slug.clone(), super::calendar::render(&plan, &phases, &public_url)))
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", format!("inline; filename=\"{slug}-concertation.ics\"")))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(body))
}

/// Add a phase to a plan's timeline (admins). Once the timeline is published, a phase must
/// open at least 14 days after today, unless the publication recorded why it was late.
#[utoipa::path(
    tag = "co-creation",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    request_body = NewPhase,
    responses(
        (status = 201, description = "Added", body = Phase),
        (status = 422, description = "Invalid fields, or a phase added to a published timeline opens in less than 14 days (`notice_too_short`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans/{id}/phases")]
pub async fn create_phase(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewPhase>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let new = body?.into_inner();
    let mut checks = Checks::of(new.validate());
    checks.add(check_dates(new.opens_on, new.closes_on));
    checks.finish()?;
    let key = id.into_inner();
    let phase = db::transaction(&state.pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        let row = queries::insert_phase(conn, &plan, new, auth.id)?;
        let today = db::today_in_paris(conn)?;
        Ok(Phase::present(row, today, plan.timeline_published_at.is_some()))
    })
    .await?;
    Ok(HttpResponse::Created().json(phase))
}

/// Change a phase (admins); the notice rule applies to a new opening day as to a new phase.
#[utoipa::path(
    tag = "co-creation",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Phase id")),
    request_body = PhaseChanges,
    responses(
        (status = 200, description = "Changed", body = Phase),
        (status = 409, description = "`closes_on` would be before the stored `opens_on`, or the reverse (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, or the phase of a published timeline moved to open in less than 14 days (`notice_too_short`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/co-creation-phases/{id}")]
pub async fn update_phase(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<PhaseChanges>,
) -> ApiResult<web::Json<Phase>> {
    auth.require(Permission::ManagePlans)?;
    let changes = body?.into_inner();
    let mut checks = Checks::of(changes.validate());
    let id = PhaseId(id.into_inner());
    let phase = db::transaction(&state.pool, move |conn| {
        let current = queries::find_phase(conn, id)?;
        let both_sent = changes.opens_on.is_some() && changes.closes_on.is_some();
        let dates =
            check_dates(changes.opens_on.unwrap_or(current.opens_on), changes.closes_on.unwrap_or(current.closes_on));
        checks.add(if both_sent { dates } else { dates.map_err(ApiError::against_stored) });
        checks.finish()?;
        let plan = plans::find(conn, &current.action_plan_id.to_string())?;
        let row = queries::update_phase(conn, &plan, current, changes, auth.id)?;
        let today = db::today_in_paris(conn)?;
        Ok(Phase::present(row, today, plan.timeline_published_at.is_some()))
    })
    .await?;
    Ok(web::Json(phase))
}

/// Remove a phase (admins).
#[utoipa::path(
    tag = "co-creation",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Phase id")),
    responses((status = 204, description = "Removed"))
)]
#[delete("/co-creation-phases/{id}")]
pub async fn delete_phase(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let id = PhaseId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let phase = queries::find_phase(conn, id)?;
        let plan = plans::find(conn, &phase.action_plan_id.to_string())?;
        queries::delete_phase(conn, &plan, &phase, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Publish a plan's co-creation timeline (admins): at least 14 days before its first phase
/// opens, or with the reason it is late, shown publicly. Followers of the plan are told.
#[utoipa::path(
    tag = "co-creation",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug of the action plan")),
    request_body = TimelinePublication,
    responses(
        (status = 200, description = "Published", body = Timeline),
        (status = 409, description = "Already published (`timeline_published`), the plan is not in preparation (`not_in_preparation`), or it has no phase (`timeline_empty`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 422, description = "The first phase opens in less than 14 days and no `late_reason` is given (`notice_too_short`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans/{id}/timeline/publication")]
pub async fn publish_timeline(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<TimelinePublication>,
) -> ApiResult<web::Json<Timeline>> {
    auth.require(Permission::ManagePlans)?;
    let publication = body?.into_inner();
    Checks::of(publication.validate()).finish()?;
    let key = id.into_inner();
    let timeline = db::transaction(&state.pool, move |conn| {
        let plan = plans::find(conn, &key)?;
        let plan = queries::publish(conn, plan, publication.late_reason, auth.id)?;
        Ok(queries::timeline(conn, &plan, true)?)
    })
    .await?;
    Ok(web::Json(timeline))
}
