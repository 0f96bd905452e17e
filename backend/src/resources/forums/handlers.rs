//! `/forums`: anyone reads; officials and admins create and edit; admins delete or archive.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use validator::Validate;

use super::calendar;
use super::dto::{Forum, ForumChanges, ForumFilters, ForumPage, NewForumRequest, When};
use super::model::ForumRow;
use super::queries::{self, ListCursor};
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::archive;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks, ErrorCode};
use crate::AppState;

fn check_schedule(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> ApiResult<()> {
    if ends_at <= starts_at {
        return Err(ApiError::field("ends_at", "range", "must be after starts_at"));
    }
    Ok(())
}

fn check_closing(starts_at: DateTime<Utc>, closes_at: Option<DateTime<Utc>>) -> ApiResult<()> {
    if closes_at.is_some_and(|c| c > starts_at) {
        return Err(ApiError::field(
            "registration_closes_at",
            "range",
            "must not be after starts_at (registrations close when the forum begins anyway)",
        ));
    }
    Ok(())
}

fn check_reservation(
    capacity: Option<i32>,
    reserved: Option<&super::dto::SeatReservation>,
    starts_at: DateTime<Utc>,
) -> ApiResult<()> {
    match (reserved, capacity) {
        (Some(_), None) => Err(ApiError::field("reserved_seats", "required", "a reservation needs a capacity")),
        (Some(r), Some(c)) if r.seats > c => {
            Err(ApiError::field("reserved_seats", "range", "must not exceed the capacity"))
        }
        (Some(super::dto::SeatReservation { until: Some(until), .. }), _) if *until > starts_at => {
            Err(ApiError::field("reserved_seats.until", "range", "must not be after starts_at"))
        }
        _ => Ok(()),
    }
}

fn check_place(location: Option<&str>, online_url: Option<&str>) -> ApiResult<()> {
    if location.is_none() && online_url.is_none() {
        return Err(ApiError::field("location", "required", "a location or an online_url is required"));
    }
    Ok(())
}

/// Forums, filtered.
#[utoipa::path(
    tag = "forums",
    params(ForumFilters, PageParams),
    responses((status = 200, description = "A page of forums", body = ForumPage))
)]
#[get("/forums")]
pub async fn list_forums(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<ForumFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let filters = filters.into_inner();
    let mode = match filters.when {
        None => "all",
        Some(When::Upcoming) => "upcoming",
        Some(When::Past) => "past",
    };
    let after: Option<ListCursor> = page.cursor()?;
    if after.as_ref().is_some_and(|(m, _, _)| m != mode) {
        return Err(ApiError::BadRequest {
            code: ErrorCode::InvalidCursor,
            detail: "This cursor belongs to a list with another `when`; start again without it.".into(),
        });
    }
    let after = after.map(|(_, at, id)| (at, id));
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, filters, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |r: &ForumRow| (mode.to_string(), r.starts_at, r.id));
        Ok((queries::present(conn, rows)?, next))
    })
    .await?;
    Ok(page::respond::<ForumPage, _>(&req, items, next))
}

/// Announce a forum (officials and admins).
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["content"])),
    request_body = NewForumRequest,
    responses(
        (status = 201, description = "Created", body = Forum),
        (status = 409, description = "Slug already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums")]
pub async fn create_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewForumRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks
        .add(check_schedule(r.starts_at, r.ends_at))
        .add(check_place(r.location.as_deref(), r.online_url.as_deref()))
        .add(check_closing(r.starts_at, r.registration_closes_at))
        .add(check_reservation(r.capacity, r.reserved_seats.as_ref(), r.starts_at));
    checks.finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let row = queries::insert(conn, r, auth.id)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One forum, by id or slug.
#[utoipa::path(
    tag = "forums",
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "The forum", body = Forum))
)]
#[get("/forums/{id}")]
pub async fn get_forum(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Forum>> {
    let key = id.into_inner();
    let forum = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, &key)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(web::Json(forum))
}

/// Update a forum (officials and admins).
///
/// Seats follow the change, in its transaction: a larger
/// capacity (or none, or fewer reserved seats) gives the free seats to the people waiting, in
/// arrival order (reserved ones first to those of the category), each told by a notification
/// and a mail as on a cancellation; a capacity below the people already seated is refused.
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = ForumChanges,
    responses(
        (status = 200, description = "Updated", body = Forum),
        (status = 409, description = "Slug already used (`already_exists`), a capacity below the number of people already holding a seat (`capacity_below_registered`), or a rule broken between a field sent and one stored", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/forums/{id}")]
pub async fn update_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ForumChanges>,
) -> ApiResult<web::Json<Forum>> {
    auth.require(Permission::EditContent)?;
    let c = body?.into_inner();
    let mut checks = Checks::of(c.validate());
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        // Locked: registrations for the forum wait, so the seats counted below stay counted.
        let found = queries::find(conn, &key)?.id;
        let current = queries::lock(conn, found)?;
        let location = c.location.clone().unwrap_or(current.location.clone());
        let online_url = c.online_url.clone().unwrap_or(current.online_url.clone());
        // A rule between two fields of the request is the request's (422); between a field
        // and what is stored, a conflict with the forum as it is (409).
        let within = |both_sent: bool, result: ApiResult<()>| {
            if both_sent {
                result
            } else {
                result.map_err(ApiError::against_stored)
            }
        };
        checks
            .add(within(
                c.starts_at.is_some() && c.ends_at.is_some(),
                check_schedule(c.starts_at.unwrap_or(current.starts_at), c.ends_at.unwrap_or(current.ends_at)),
            ))
            .add(within(
                c.location.is_some() && c.online_url.is_some(),
                check_place(location.as_deref(), online_url.as_deref()),
            ))
            .add(within(
                c.starts_at.is_some() && matches!(c.registration_closes_at, Some(Some(_))),
                check_closing(
                    c.starts_at.unwrap_or(current.starts_at),
                    c.registration_closes_at.unwrap_or(current.registration_closes_at),
                ),
            ))
            .add(within(
                c.capacity.is_some() && c.reserved_seats.is_some() && c.starts_at.is_some(),
                check_reservation(
                    c.capacity.unwrap_or(current.capacity),
                    c.reserved_seats
                        .clone()
                        .unwrap_or_else(|| super::dto::SeatReservation::from_row(&current))
                        .as_ref(),
                    c.starts_at.unwrap_or(current.starts_at),
                ),
            ));
        checks.finish()?;
        if let Some(Some(capacity)) = c.capacity {
            queries::check_capacity(conn, &current, capacity)?;
        }
        let row = queries::update(conn, current, c, auth.id)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a forum (admins only). What citizens wrote is never destroyed: a forum with a
/// discussion (any comment, even deleted), minutes or action items is archived instead, and the answer is the archived
/// forum (200): left out of lists, its page and discussion still readable, closed to new
/// comments, restorable with `POST /forums/{id}/restore`. A forum without contributions is
/// deleted (204). For a forum that was announced and will not take place, prefer status
/// `cancelled`: it keeps the public record.
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Forum),
        (status = 204, description = "Deleted: it had no contributions"),
        (status = 409, description = "Other records still refer to it (registrations, a cycle's plan…): `referenced`. Cancel it (status `cancelled`) instead", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/forums/{id}")]
pub async fn delete_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::DeleteContent)?;
    let key = id.into_inner();
    let archived = db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, &key)?;
        archive::remove(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?.archived(|row| queries::present_one(conn, row))
    })
    .await?;
    Ok(crate::http::removed(archived))
}

/// Bring an archived forum back into lists and open its discussion again (admins only).
#[utoipa::path(
    tag = "forums",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug", max_length = 80)),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Forum))
)]
#[post("/forums/{id}/restore")]
pub async fn restore_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Forum>> {
    auth.require(Permission::DeleteContent)?;
    let key = id.into_inner();
    let forum = db::transaction(&state.pool, move |conn| {
        let row = queries::find(conn, &key)?;
        let row = archive::restore(conn, row, auth.id, &queries::ARCHIVE_EVENTS)?;
        queries::present_one(conn, row)
    })
    .await?;
    Ok(web::Json(forum))
}

// Its discussion (the routes are the comments' own, for a forum).
crate::discussion_routes!(
    list_forum_comments,
    create_forum_comment,
    forum_comments_feed,
    "/forums/{id}/comments",
    "/forums/{id}/comments.atom",
    crate::resources::forums::subject::KIND,
    "forum",
    "Forum id or slug"
);

/// What the calendar feed includes.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarFilters {
    /// Only forums working on this commitment (id or OGP code); 404 when there is none.
    #[param(max_length = 80)]
    pub commitment: Option<String>,
    /// Only forums of this cycle (id or slug); 404 when there is none.
    #[param(max_length = 80)]
    pub cycle: Option<String>,
}

fn calendar_response(body: String, file: &str, disposition: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header(("Content-Disposition", format!("{disposition}; filename=\"{file}\"")))
        .insert_header(("Cache-Control", "public, max-age=300"))
        .body(body)
}

/// The upcoming forums as an iCalendar feed (RFC 5545) to subscribe to: forums not yet ended,
/// and those of the last 30 days, soonest first (at most 1,000). Times in Europe/Paris with
/// its VTIMEZONE; one stable UID per forum; SEQUENCE raised at each change of what a calendar
/// shows; a cancelled forum stays with STATUS:CANCELLED.
#[utoipa::path(
    tag = "forums",
    params(CalendarFilters),
    responses(
        (status = 200, description = "An iCalendar file", body = String, content_type = "text/calendar"),
        (status = 404, description = "No such commitment or cycle", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/forums.ics")]
pub async fn forums_calendar(
    state: web::Data<AppState>,
    filters: web::Query<CalendarFilters>,
) -> ApiResult<HttpResponse> {
    let CalendarFilters { commitment, cycle } = filters.into_inner();
    let public_url = state.public_url.clone();
    let body = db::run(&state.read_pool, move |conn| {
        let commitment = match commitment.as_deref() {
            Some(key) => Some(
                crate::resources::commitments::queries::resolve_id(conn, key)?
                    .ok_or_else(|| ApiError::not_found("Commitment"))?,
            ),
            None => None,
        };
        let cycle = match cycle.as_deref() {
            Some(key) => Some(crate::resources::cycles::queries::find(conn, key)?.id),
            None => None,
        };
        let forums = calendar::feed(conn, commitment, cycle)?;
        Ok(calendar::render(&forums, "Forums Open d'État", &public_url))
    })
    .await?;
    Ok(calendar_response(body, "forums-open-detat.ics", "inline"))
}

/// One forum as an iCalendar file (RFC 5545), to add to one's calendar; a cancelled forum has
/// STATUS:CANCELLED, and its SEQUENCE says which copy is newer.
#[utoipa::path(
    tag = "forums",
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "An iCalendar file", body = String, content_type = "text/calendar"))
)]
#[get("/forums/{id}/calendar.ics")]
pub async fn forum_calendar(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let public_url = state.public_url.clone();
    let (slug, body) = db::run(&state.read_pool, move |conn| {
        let forum = queries::find(conn, &key)?;
        let row = calendar::one(conn, forum.id)?;
        Ok((forum.slug, calendar::render(&[row], &forum.title, &public_url)))
    })
    .await?;
    Ok(calendar_response(body, &format!("{slug}.ics"), "attachment"))
}
