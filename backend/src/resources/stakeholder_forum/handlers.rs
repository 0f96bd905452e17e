//! `/stakeholder-forum`, `/forums/{id}/stakeholder-meeting` and
//! `/forums/{id}/organisation-consent`: anyone reads the forum, its members and meetings;
//! admins write them; a person registered for a meeting gives or withdraws their consent.

use actix_web::{delete, get, patch, post, put, web, HttpResponse};
use validator::Validate;

use super::dto::{Meeting, Member, MemberChanges, NewMember, OrganisationConsent, StakeholderForum};
use super::model::MemberId;
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::resources::forums::queries as forums;
use crate::AppState;

fn check_term(starts_on: chrono::NaiveDate, ends_on: Option<chrono::NaiveDate>) -> ApiResult<()> {
    if ends_on.is_some_and(|end| end < starts_on) {
        return Err(ApiError::field("term_ends_on", "range", "must not be before term_starts_on"));
    }
    Ok(())
}

/// The multi-stakeholder forum: its current members and the balance between administration
/// and civil society, its cadence (met at least twice in 12 months? when would six months
/// without a meeting begin?) and its latest meetings with their public record.
#[utoipa::path(tag = "stakeholder-forum", responses((status = 200, description = "The forum", body = StakeholderForum)))]
#[get("/stakeholder-forum")]
pub async fn get_stakeholder_forum(state: web::Data<AppState>) -> ApiResult<web::Json<StakeholderForum>> {
    Ok(web::Json(
        db::run(&state.read_pool, |conn| {
            let today = db::today_in_paris(conn)?;
            let members: Vec<Member> =
                queries::members(conn, Some(today))?.into_iter().map(|m| Member::present(m, today)).collect();
            Ok(StakeholderForum {
                balance: queries::balance(&members),
                members,
                cadence: queries::cadence(conn)?,
                meetings: queries::meetings(conn)?,
            })
        })
        .await?,
    ))
}

/// Every member, past, current and to come (at most 1,000), by side then name.
#[utoipa::path(tag = "stakeholder-forum", responses((status = 200, description = "The members", body = Vec<Member>)))]
#[get("/stakeholder-forum/members")]
pub async fn list_members(state: web::Data<AppState>) -> ApiResult<web::Json<Vec<Member>>> {
    Ok(web::Json(
        db::run(&state.read_pool, |conn| {
            let today = db::today_in_paris(conn)?;
            Ok(queries::members(conn, None)?.into_iter().map(|m| Member::present(m, today)).collect::<Vec<_>>())
        })
        .await?,
    ))
}

/// Add a member (admins).
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["content"])),
    request_body = NewMember,
    responses(
        (status = 201, description = "Added", body = Member),
        (status = 422, description = "Invalid fields (a term ending before it starts: `term_ends_on`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/stakeholder-forum/members")]
pub async fn add_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewMember>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let new = body?.into_inner();
    let mut checks = Checks::of(new.validate());
    checks.add(check_term(new.term_starts_on, new.term_ends_on));
    checks.finish()?;
    let member = db::transaction(&state.pool, move |conn| {
        let row = queries::insert_member(conn, new, auth.id)?;
        Ok(Member::present(row, db::today_in_paris(conn)?))
    })
    .await?;
    Ok(HttpResponse::Created().json(member))
}

/// Change a member (admins): a term ended is given its last day.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Member id")),
    request_body = MemberChanges,
    responses(
        (status = 200, description = "Changed", body = Member),
        (status = 409, description = "`term_ends_on` would be before the stored `term_starts_on`, or the reverse (`conflicts_with_stored`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/stakeholder-forum/members/{id}")]
pub async fn update_member(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<MemberChanges>,
) -> ApiResult<web::Json<Member>> {
    auth.require(Permission::ManagePlans)?;
    let changes = body?.into_inner();
    let mut checks = Checks::of(changes.validate());
    let id = MemberId(id.into_inner());
    let member = db::transaction(&state.pool, move |conn| {
        let current = queries::find_member(conn, id)?;
        let both_sent = changes.term_starts_on.is_some() && changes.term_ends_on.is_some();
        let term = check_term(
            changes.term_starts_on.unwrap_or(current.term_starts_on),
            changes.term_ends_on.unwrap_or(current.term_ends_on),
        );
        checks.add(if both_sent { term } else { term.map_err(ApiError::against_stored) });
        checks.finish()?;
        let row = queries::update_member(conn, current, changes, auth.id)?;
        Ok(Member::present(row, db::today_in_paris(conn)?))
    })
    .await?;
    Ok(web::Json(member))
}

/// Remove a member entered by mistake (admins); a member whose term ended keeps their row,
/// with its last day.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["content"])),
    params(("id" = i64, Path, description = "Member id")),
    responses((status = 204, description = "Removed"))
)]
#[delete("/stakeholder-forum/members/{id}")]
pub async fn remove_member(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let id = MemberId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let row = queries::find_member(conn, id)?;
        queries::delete_member(conn, &row, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A forum as a meeting of the multi-stakeholder forum, with its public record; 404 when it
/// is not one.
#[utoipa::path(
    tag = "stakeholder-forum",
    params(("id" = String, Path, description = "Forum id or slug")),
    responses(
        (status = 200, description = "The meeting", body = Meeting),
        (status = 404, description = "No such forum, or it is not a meeting", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forums/{id}/stakeholder-meeting")]
pub async fn get_meeting(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Meeting>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let forum = forums::find(conn, &key)?;
            queries::meeting(conn, &forum)
        })
        .await?,
    ))
}

/// Mark a forum as a meeting of the multi-stakeholder forum (admins); marking it again
/// changes nothing.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "Marked", body = Meeting))
)]
#[put("/forums/{id}/stakeholder-meeting")]
pub async fn mark_meeting(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Meeting>> {
    auth.require(Permission::ManagePlans)?;
    let key = id.into_inner();
    Ok(web::Json(
        db::transaction(&state.pool, move |conn| {
            let forum = forums::find(conn, &key)?;
            queries::mark(conn, &forum, auth.id)?;
            queries::meeting(conn, &forum)
        })
        .await?,
    ))
}

/// The forum is no longer a meeting of the multi-stakeholder forum (admins); consents given
/// for it are kept, should it be marked again.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 204, description = "Not a meeting (any more)"))
)]
#[delete("/forums/{id}/stakeholder-meeting")]
pub async fn unmark_meeting(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManagePlans)?;
    let key = id.into_inner();
    db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        queries::unmark(conn, &forum, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Whether one agreed that one's organisation be named among those present at this meeting.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "One's consent", body = OrganisationConsent))
)]
#[get("/forums/{id}/organisation-consent")]
pub async fn get_consent(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<OrganisationConsent>> {
    auth.require(Permission::Register)?;
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.pool, move |conn| {
            let forum = forums::find(conn, &key)?;
            Ok(queries::consent(conn, forum.id, auth.id)?)
        })
        .await?,
    ))
}

/// Agree that one's organisation (as on one's profile) be named among the organisations
/// present at this meeting, once one is checked in. For a person registered for a meeting.
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses(
        (status = 200, description = "Given", body = OrganisationConsent),
        (status = 409, description = "The forum is not a meeting (`not_a_stakeholder_meeting`) or one is not registered for it (`no_registration`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[put("/forums/{id}/organisation-consent")]
pub async fn give_consent(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<OrganisationConsent>> {
    auth.require(Permission::Register)?;
    let key = id.into_inner();
    Ok(web::Json(
        db::transaction(&state.pool, move |conn| {
            let forum = forums::find(conn, &key)?;
            queries::give_consent(conn, &forum, auth.id)
        })
        .await?,
    ))
}

/// Withdraw one's consent: one's organisation is no longer named (withdrawing twice is harmless).
#[utoipa::path(
    tag = "stakeholder-forum",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 204, description = "Withdrawn"))
)]
#[delete("/forums/{id}/organisation-consent")]
pub async fn withdraw_consent(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Register)?;
    let key = id.into_inner();
    db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        queries::withdraw_consent(conn, &forum, auth.id)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
