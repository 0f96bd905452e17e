//! The calendar deadlines are counted on: the public holidays of a year (computed) and the days
//! off admins add. Adding or removing one moves the deadlines of unanswered questions.

use actix_web::{delete, get, post, web, HttpResponse};
use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::schema::extra_holidays;
use crate::events::{self, EventSubject, NewEvent};
use crate::http::extract::AuthedBody;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::http::validation::not_blank;
use crate::workdays::{public_holidays, HolidayKind};
use crate::AppState;

crate::text_enum! {
    /// `public`: a public holiday (computed: fixed dates and Easter-based ones); `added`: a day
    /// off an admin added.
    HolidaySource {
        Public => "public",
        Added => "added",
    }
}

/// A day that is not a working day (beyond weekends).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Holiday {
    pub day: NaiveDate,
    #[schema(example = "Lundi de Pâques")]
    pub label: String,
    pub source: HolidaySource,
    /// For public holidays: counted from Easter (`true`) or on a fixed date.
    pub from_easter: bool,
}

/// The days off of a year, in date order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HolidayYear {
    pub year: i32,
    pub days: Vec<Holiday>,
    /// The deadline questions get, in working days.
    pub deadline_days: u32,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearParam {
    /// Default: this year (in Paris).
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    #[param(value_type = Option<i32>, minimum = 1900, maximum = 2199)]
    pub year: Option<i64>,
}

/// A day off to add (admins).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHolidayRequest {
    #[serde(deserialize_with = "crate::http::validation::date")]
    #[schema(value_type = String, format = Date)]
    pub day: NaiveDate,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Pont de l'Ascension", min_length = 1, max_length = 200, pattern = r"\S")]
    pub label: String,
}

fn year_of(conn: &mut PgConnection, year: i32, deadline_days: u32) -> QueryResult<HolidayYear> {
    let mut days: Vec<Holiday> = public_holidays(year)
        .into_iter()
        .map(|(day, name, kind)| Holiday {
            day,
            label: name.to_string(),
            source: HolidaySource::Public,
            from_easter: kind == HolidayKind::Easter,
        })
        .collect();
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("a date");
    let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("a date");
    for (day, label) in extra_holidays::table
        .filter(extra_holidays::day.between(from, to))
        .select((extra_holidays::day, extra_holidays::label))
        .load::<(NaiveDate, String)>(conn)?
    {
        days.push(Holiday { day, label, source: HolidaySource::Added, from_easter: false });
    }
    days.sort_by_key(|h| h.day);
    Ok(HolidayYear { year, days, deadline_days })
}

/// The days off of a year: public holidays (computed, Easter-based ones included) and the days
/// admins added. Question deadlines skip them, and weekends.
#[utoipa::path(
    tag = "questions",
    params(YearParam),
    responses((status = 200, description = "The year's days off", body = HolidayYear))
)]
#[get("/holidays")]
pub async fn list_holidays(
    state: web::Data<AppState>,
    params: web::Query<YearParam>,
) -> ApiResult<web::Json<HolidayYear>> {
    let asked = params.year;
    if let Some(y) = asked {
        if !(1900..=2199).contains(&y) {
            return Err(ApiError::field("year", "range", "must be between 1900 and 2199"));
        }
    }
    let days = state.question_deadline_days;
    let year = db::run(&state.read_pool, move |conn| {
        let year = match asked {
            Some(y) => y as i32,
            None => queries::today(conn)?.year(),
        };
        Ok(year_of(conn, year, days)?)
    })
    .await?;
    Ok(web::Json(year))
}

/// Add a day off (admins): the deadlines of unanswered questions move past it.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["admin"])),
    request_body = NewHolidayRequest,
    responses(
        (status = 201, description = "Added: the year's days off", body = HolidayYear),
        (status = 409, description = "Already a day off (`already_exists`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/holidays")]
pub async fn add_holiday(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewHolidayRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageInstitutions)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let deadline = state.question_deadline_days;
    let year = db::transaction(&state.pool, move |conn| {
        if public_holidays(r.day.year()).iter().any(|(d, ..)| *d == r.day) {
            return Err(ApiError::Conflict {
                code: crate::http::problem::ErrorCode::AlreadyExists,
                detail: "This day is a public holiday already.".into(),
            });
        }
        diesel::insert_into(extra_holidays::table)
            .values((
                extra_holidays::day.eq(r.day),
                extra_holidays::label.eq(r.label.trim()),
                extra_holidays::created_by.eq(Some(auth.id)),
            ))
            .execute(conn)?;
        queries::recompute_deadlines(conn)?;
        events::record(
            conn,
            NewEvent::new(crate::resources::questions::events::HOLIDAY_ADDED)
                .subject(EventSubject::new("holiday", 0, r.day.to_string()))
                .by(auth.id)
                .audit(None::<&()>, Some(&serde_json::json!({"day": r.day, "label": r.label.trim()}))),
        )?;
        Ok(year_of(conn, r.day.year(), deadline)?)
    })
    .await?;
    Ok(HttpResponse::Created().json(year))
}

/// Remove a day off an admin added (admins). A public holiday, which the year's list shows
/// too, is set by law: 409 `public_holiday`. A day that is neither: 404.
#[utoipa::path(
    tag = "questions",
    security(("bearer" = ["admin"])),
    params(("day" = String, Path, description = "The day, e.g. 2027-05-07")),
    responses(
        (status = 204, description = "Removed"),
        (status = 409, description = "A public holiday, which cannot be removed (`public_holiday`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/holidays/{day}")]
pub async fn remove_holiday(
    state: web::Data<AppState>,
    auth: AuthUser,
    day: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageInstitutions)?;
    let day = crate::http::validation::parse_date(&day).map_err(|_| ApiError::not_found("Day off"))?;
    if public_holidays(day.year()).iter().any(|(d, ..)| *d == day) {
        return Err(ApiError::Conflict {
            code: super::codes::PUBLIC_HOLIDAY,
            detail: "This day is a public holiday, set by law: it cannot be removed.".into(),
        });
    }
    db::transaction(&state.pool, move |conn| {
        let label: Option<String> = diesel::delete(extra_holidays::table.find(day))
            .returning(extra_holidays::label)
            .get_result(conn)
            .optional()?;
        let label = label.ok_or_else(|| ApiError::not_found("Day off"))?;
        queries::recompute_deadlines(conn)?;
        events::record(
            conn,
            NewEvent::new(crate::resources::questions::events::HOLIDAY_REMOVED)
                .subject(EventSubject::new("holiday", 0, day.to_string()))
                .by(auth.id)
                .audit(Some(&serde_json::json!({"day": day, "label": label})), None::<&()>),
        )?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}
