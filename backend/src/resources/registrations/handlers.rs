//! `/forums/{id}/registrations…` and `/me/registrations`: members register and cancel;
//! the forum's organisers (`forums::organisers`) read its list and check people in; everyone
//! reads the counts.

use actix_web::{delete, get, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};

use super::dto::{
    CheckInRequest, ForumRegistration, ForumRegistrationPage, Registration, RegistrationPage, RegistrationSummary,
};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::{AuthUser, BearerToken};
use crate::db;
use crate::db::ids::RegistrationId;
use crate::http::csv;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::forums::organisers;
use crate::resources::forums::queries as forums;
use crate::AppState;

/// A forum's seats: whether it takes registrations, its capacity, how many are registered
/// and waiting. Counts only: who registered is private.
#[utoipa::path(
    tag = "registrations",
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "The forum's seats", body = RegistrationSummary))
)]
#[get("/forums/{id}/registrations/summary")]
pub async fn registration_summary(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<RegistrationSummary>> {
    let key = id.into_inner();
    let summary = db::run(&state.read_pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        Ok(super::lists::summary(conn, &forum)?)
    })
    .await?;
    Ok(web::Json(summary))
}

/// Register for a forum (signed-in members whose address is confirmed, where the platform
/// requires it). A full forum is not an error: the answer is `201` with status `waitlisted`
/// and the place on the waitlist. A mail confirms either, with the registration's code.
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses(
        (status = 201, description = "Registered, or waitlisted when the forum is full", body = Registration),
        (status = 409, description = "Already registered or waitlisted (`already_registered`), or the forum takes no registration: not open yet, held, cancelled, archived or begun (`registration_closed`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/registrations")]
pub async fn register_for_forum(
    state: web::Data<AppState>,
    token: BearerToken,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let public_url = state.public_url.clone();
    // The account is read once, in the registration's own transaction (one checkout, as posting
    // a comment does); who may register is still decided before the forum is looked up.
    let created = db::transaction(&state.clone().pool, move |conn| {
        let person = token.authorize(conn)?;
        AuthUser::from(&person).require(Permission::Register)?;
        crate::auth::require_verified(&state, person.email_verified_at.is_some())?;
        let forum = forums::find(conn, &key)?;
        let (row, forum, place) = queries::register(conn, forum.id, &person, &public_url)?;
        Ok(super::lists::present(row, &forum, place))
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/forums/{}/registrations/me", created.forum.slug)))
        .json(created))
}

/// One's own registration for a forum (registered or waitlisted), or `null` when one has
/// none (a cancelled one is not current: see `GET /me/registrations`).
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "The registration, or `null`", body = Option<Registration>))
)]
#[get("/forums/{id}/registrations/me")]
pub async fn my_registration(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Option<Registration>>> {
    let key = id.into_inner();
    let registration = db::run(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        super::lists::mine_for(conn, &forum, auth.id)
    })
    .await?;
    Ok(web::Json(registration))
}

/// Cancel one's own registration (or leave the waitlist). A seat freed goes at once to the
/// first person waiting, who gets a mail. The answer is the cancelled registration; `204` when
/// there was nothing to cancel (so cancelling twice is harmless).
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["register"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses(
        (status = 200, description = "Cancelled", body = Registration),
        (status = 204, description = "Nothing to cancel: no current registration"),
    )
)]
#[delete("/forums/{id}/registrations/me")]
pub async fn cancel_my_registration(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let public_url = state.public_url.clone();
    let cancelled = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        Ok(queries::cancel(conn, forum.id, auth.id, &public_url)?
            .map(|(row, forum)| super::lists::present(row, &forum, None)))
    })
    .await?;
    Ok(match cancelled {
        Some(registration) => HttpResponse::Ok().json(registration),
        None => HttpResponse::NoContent().finish(),
    })
}

/// Who registered for a forum, in arrival order, with statuses, places on the waitlist and
/// codes (the forum's organisers: 403 `not_an_organiser` for others).
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug"), PageParams),
    responses((status = 200, description = "A page of the forum's registrations", body = ForumRegistrationPage))
)]
#[get("/forums/{id}/registrations")]
pub async fn forum_registrations(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<RegistrationId> = page.cursor()?;
    let key = id.into_inner();
    let (items, next) = db::run(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        organisers::require_organiser(conn, forum.id, &auth)?;
        let rows = super::lists::list_for_forum(conn, forum.id, after, limit + 1)?;
        Ok(page::finish_page(rows, limit, |r: &ForumRegistration| RegistrationId(r.id)))
    })
    .await?;
    Ok(page::respond::<ForumRegistrationPage, _>(&req, items, next))
}

/// One's own registrations, newest first (cancelled ones included).
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["register"])),
    params(PageParams),
    responses((status = 200, description = "A page of one's registrations", body = RegistrationPage))
)]
#[get("/me/registrations")]
pub async fn my_registrations(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<RegistrationId> = page.cursor()?;
    let (items, next) = db::run(&state.pool, move |conn| {
        let rows = super::lists::list_mine(conn, auth.id, after, limit + 1)?;
        Ok(page::finish_page(rows, limit, |r: &Registration| RegistrationId(r.id)))
    })
    .await?;
    Ok(page::respond::<RegistrationPage, _>(&req, items, next))
}

/// Check a person in at the door by their registration's code (the forum's organisers: 403 `not_an_organiser` for others): the
/// attendance record. Once is enough: checking in again answers the same check-in.
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    request_body = CheckInRequest,
    responses(
        (status = 200, description = "Checked in", body = ForumRegistration),
        (status = 409, description = "No registration of this forum has this code (`unknown_reference`), a waitlisted or cancelled registration (`not_registered`), or a cancelled or archived forum (`registration_closed`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/check-ins")]
pub async fn check_in_by_code(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<CheckInRequest>,
) -> ApiResult<web::Json<ForumRegistration>> {
    let key = id.into_inner();
    // Judged after the organiser check (403 before 422), in the transaction that reads the forum.
    let body = body.map(|b| b.into_inner()).map_err(ApiError::from);
    let done = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        organisers::require_organiser(conn, forum.id, &auth)?;
        let body = body?;
        validator::Validate::validate(&body)?;
        super::lists::check_in(conn, &forum, super::lists::Target::Code(&body.code), auth.id)
    })
    .await?;
    Ok(web::Json(done))
}

/// Check a person in from the forum's list (the forum's organisers: 403 `not_an_organiser` for
/// others), at the door or afterwards: a forum that checked nobody in at the door records who
/// was present this way, and only people recorded as present give feedback.
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["content"])),
    params(
        ("id" = String, Path, description = "Forum id or slug"),
        ("registration" = i64, Path, description = "Registration id", minimum = 1),
    ),
    responses(
        (status = 200, description = "Checked in", body = ForumRegistration),
        (status = 409, description = "A waitlisted or cancelled registration (`not_registered`), or a cancelled or archived forum (`registration_closed`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/forums/{id}/registrations/{registration}/check-in")]
pub async fn check_in_from_list(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, i64)>,
) -> ApiResult<web::Json<ForumRegistration>> {
    let (key, registration) = path.into_inner();
    let done = db::transaction(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        organisers::require_organiser(conn, forum.id, &auth)?;
        super::lists::check_in(conn, &forum, super::lists::Target::Id(RegistrationId(registration)), auth.id)
    })
    .await?;
    Ok(web::Json(done))
}

/// How many registrations each step of an export reads (one pooled connection per step, never
/// held while the client reads).
const EXPORT_BATCH: i64 = 1_000;

/// The export's first line: a byte-order mark (spreadsheets then read UTF-8), then the columns.
const EXPORT_HEADER: &str = "\u{feff}registration_id,status,waitlist_position,display_name,organisation,code,registered_at,promoted_at,cancelled_at,checked_in_at\r\n";

fn csv_lines(rows: &[ForumRegistration]) -> web::Bytes {
    let instant =
        |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default();
    let mut out = String::with_capacity(rows.len() * 120);
    for r in rows {
        out.push_str(&csv::line(&[
            r.id.to_string(),
            r.status.as_str().to_string(),
            r.position.map(|p| p.to_string()).unwrap_or_default(),
            r.person.display_name.clone(),
            r.person.organisation.clone().unwrap_or_default(),
            r.code.clone(),
            instant(Some(r.created_at)),
            instant(r.promoted_at),
            instant(r.cancelled_at),
            instant(r.checked_in_at),
        ]));
    }
    web::Bytes::from(out)
}

enum ExportStep {
    Header,
    After(Option<RegistrationId>),
    Done,
}

/// A forum's registrations as CSV, in arrival order (the forum's organisers: 403 `not_an_organiser` for others): streamed, a
/// thousand at a time, so a forum of any size costs the server the same memory.
#[utoipa::path(
    tag = "registrations",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Forum id or slug")),
    responses((status = 200, description = "CSV (RFC 4180, UTF-8 with a byte-order mark, CRLF; a field holding `,` or `;` is quoted, one starting with `=`, `+`, `-`, `@` or a tab is prefixed with `'` so that no spreadsheet reads it as a formula): registration_id, status, waitlist_position, display_name, organisation, code, registered_at, promoted_at, cancelled_at, checked_in_at", content_type = "text/csv", body = String))
)]
#[get("/forums/{id}/registrations/export")]
pub async fn export_registrations(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let forum = db::run(&state.pool, move |conn| {
        let forum = forums::find(conn, &key)?;
        organisers::require_organiser(conn, forum.id, &auth)?;
        Ok(forum)
    })
    .await?;
    let pool = state.pool.clone();
    let forum_id = forum.id;
    let body = futures_util::stream::unfold(ExportStep::Header, move |step| {
        let pool = pool.clone();
        async move {
            match step {
                ExportStep::Done => None,
                ExportStep::Header => Some((
                    Ok::<_, actix_web::Error>(web::Bytes::from_static(EXPORT_HEADER.as_bytes())),
                    ExportStep::After(None),
                )),
                ExportStep::After(after) => {
                    let rows = db::run(&pool, move |conn| {
                        Ok(super::lists::list_for_forum(conn, forum_id, after, EXPORT_BATCH)?)
                    })
                    .await;
                    match rows {
                        // The answer has begun: all that is left is to cut it short (the
                        // client sees an incomplete file, and the error is logged).
                        Err(e) => Some((Err(actix_web::Error::from(e)), ExportStep::Done)),
                        Ok(rows) if rows.is_empty() => None,
                        Ok(rows) => {
                            let next = if (rows.len() as i64) < EXPORT_BATCH {
                                ExportStep::Done
                            } else {
                                ExportStep::After(rows.last().map(|r| RegistrationId(r.id)))
                            };
                            Some((Ok(csv_lines(&rows)), next))
                        }
                    }
                }
            }
        }
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header(("Content-Disposition", format!("attachment; filename=\"inscriptions-{}.csv\"", forum.slug)))
        .streaming(body))
}
