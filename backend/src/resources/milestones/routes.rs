//! `/milestones` and `/commitments/{id}/milestones`. Anyone reads; officials and admins write.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::{find, with_codes, Milestone, MilestonePage, MilestoneRow};
use crate::auth::AuthUser;
use crate::resources::commitments::find_row as find_commitment;
use crate::db;
use crate::http::problem::ApiResult;
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::{commitments, milestones};
use crate::types::{MilestoneStatus, Role};
use crate::http::validation::{not_blank, nullable};
use crate::AppState;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MilestoneFilters {
    pub status: Option<MilestoneStatus>,
    /// `true`: only archived milestones (see `DELETE /milestones/{id}`); by default, only the
    /// others.
    pub archived: Option<bool>,
    /// Only milestones changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// Every milestone of every commitment, by id (for synchronisation).
#[utoipa::path(
    tag = "milestones",
    params(MilestoneFilters, PageParams),
    responses((status = 200, description = "A page of milestones", body = MilestonePage))
)]
#[get("/milestones")]
pub async fn list_all_milestones(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<MilestoneFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let f = filters.into_inner();
    let rows = db::run(&state.read_pool, move |conn| {
        let mut q = milestones::table
            .inner_join(commitments::table)
            .select((MilestoneRow::as_select(), commitments::code))
            .order(milestones::id.asc())
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(milestones::id.gt(after));
        }
        q = match f.archived {
            Some(true) => q.filter(milestones::archived_at.is_not_null()),
            _ => q.filter(milestones::archived_at.is_null()),
        };
        if let Some(status) = f.status {
            q = q.filter(milestones::status.eq(status));
        }
        if let Some(since) = f.updated_since {
            q = q.filter(milestones::updated_at.ge(since));
        }
        Ok(q.limit(limit + 1).load::<(MilestoneRow, String)>(conn)?)
    })
    .await?;
    let (rows, next) = finish_page(rows, limit, |(m, _)| m.id);
    Ok(page_response(
        &req,
        &MilestonePage {
            items: with_codes(rows),
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

/// The milestones of one commitment, in order.
#[utoipa::path(
    tag = "milestones",
    params(("id" = String, Path, description = "Commitment id or OGP code"), MilestoneFilters, PageParams),
    responses((status = 200, description = "A page of milestones", body = MilestonePage))
)]
#[get("/commitments/{id}/milestones")]
pub async fn list_milestones(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
    filters: web::Query<MilestoneFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(i32, i64)> = page.cursor()?;
    let f = filters.into_inner();
    let key = id.into_inner();
    let rows = db::run(&state.read_pool, move |conn| {
        let commitment = find_commitment(conn, &key)?;
        let mut q = milestones::table
            .select(MilestoneRow::as_select())
            .filter(milestones::commitment_id.eq(commitment.id))
            .order((milestones::position.asc(), milestones::id.asc()))
            .into_boxed();
        if let Some((pos, id)) = after {
            q = q.filter(
                milestones::position
                    .gt(pos)
                    .or(milestones::position.eq(pos).and(milestones::id.gt(id))),
            );
        }
        q = match f.archived {
            Some(true) => q.filter(milestones::archived_at.is_not_null()),
            _ => q.filter(milestones::archived_at.is_null()),
        };
        if let Some(status) = f.status {
            q = q.filter(milestones::status.eq(status));
        }
        if let Some(since) = f.updated_since {
            q = q.filter(milestones::updated_at.ge(since));
        }
        let rows: Vec<MilestoneRow> = q.limit(limit + 1).load(conn)?;
        Ok(rows
            .into_iter()
            .map(|r| (r, commitment.code.clone()))
            .collect::<Vec<_>>())
    })
    .await?;
    let (rows, next) = finish_page(rows, limit, |(m, _)| (m.position, m.id));
    Ok(page_response(
        &req,
        &MilestonePage {
            items: with_codes(rows),
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMilestoneRequest {
    #[validate(length(min = 1, max = 20), custom(function = "not_blank"))]
    #[schema(example = "12.5", min_length = 1, max_length = 20, pattern = r"\S")]
    pub code: String,
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<NaiveDate>,
    #[validate(length(max = 100))]
    #[schema(max_length = 100)]
    pub due_period: Option<String>,
    /// Default `not_started`.
    pub status: Option<MilestoneStatus>,
    /// Default: after the commitment's last milestone.
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub position: Option<i32>,
}

#[derive(Insertable)]
#[diesel(table_name = milestones)]
struct NewMilestone {
    commitment_id: i64,
    code: String,
    title: String,
    description: Option<String>,
    due_date: Option<NaiveDate>,
    due_period: Option<String>,
    status: MilestoneStatus,
    position: i32,
    description_html: Option<String>,
}

/// Add a milestone to a commitment (officials and admins).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Commitment id or OGP code")),
    request_body = NewMilestoneRequest,
    responses(
        (status = 201, description = "Created", body = Milestone),
        (status = 409, description = "The commitment already has a milestone with this code", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/commitments/{id}/milestones")]
pub async fn create_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewMilestoneRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Role::can_edit_content, "edit milestones")?;
    let r = body?.into_inner();
    r.validate()?;
    let key = id.into_inner();
    let created = db::transaction(&state.pool, move |conn| {
        let commitment = find_commitment(conn, &key)?;
        let position = match r.position {
            Some(p) => p,
            None => milestones::table
                .filter(milestones::commitment_id.eq(commitment.id))
                .select(diesel::dsl::max(milestones::position))
                .first::<Option<i32>>(conn)?
                .map_or(1, |p| p + 1),
        };
        let new = NewMilestone {
            description_html: r.description.as_deref().map(crate::markdown::render),
            commitment_id: commitment.id,
            code: r.code.trim().to_string(),
            title: r.title.trim().to_string(),
            description: r.description,
            due_date: r.due_date,
            due_period: r.due_period,
            status: r.status.unwrap_or(MilestoneStatus::NotStarted),
            position,
        };
        let id: i64 = diesel::insert_into(milestones::table)
            .values(&new)
            .returning(milestones::id)
            .get_result(conn)?;
        find(conn, id)
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One milestone.
#[utoipa::path(
    tag = "milestones",
    params(("id" = i64, Path, description = "Milestone id")),
    responses((status = 200, description = "The milestone", body = Milestone))
)]
#[get("/milestones/{id}")]
pub async fn get_milestone(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Milestone>> {
    let id = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| find(conn, id)).await?,
    ))
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema, AsChangeset)]
#[diesel(table_name = milestones)]
#[serde(deny_unknown_fields)]
pub struct MilestoneChanges {
    #[validate(length(min = 1, max = 20), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20, pattern = r"\S")]
    pub code: Option<String>,
    #[validate(length(min = 1, max = 500), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 500, pattern = r"\S")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 20000))]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub description: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::http::validation::nullable_date")]
    #[schema(value_type = Option<String>, format = Date)]
    pub due_date: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 100))]
    #[schema(value_type = Option<String>, max_length = 100)]
    pub due_period: Option<Option<String>>,
    pub status: Option<MilestoneStatus>,
    #[validate(range(min = 0, max = 100000))]
    #[schema(minimum = 0, maximum = 100000)]
    pub position: Option<i32>,
    /// Rendered from `description` by the server, never sent by clients.
    #[serde(skip)]
    pub description_html: Option<Option<String>>,
}

/// Update a milestone, e.g. its status (officials and admins).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Milestone id")),
    request_body = MilestoneChanges,
    responses(
        (status = 200, description = "Updated", body = Milestone),
        (status = 409, description = "Code already used in this commitment", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/milestones/{id}")]
pub async fn update_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<MilestoneChanges>,
) -> ApiResult<web::Json<Milestone>> {
    auth.require(Role::can_edit_content, "edit milestones")?;
    let mut c = body?.into_inner();
    c.validate()?;
    c.code = c.code.map(|s| s.trim().to_string());
    c.title = c.title.map(|s| s.trim().to_string());
    c.description_html = crate::markdown::render_change(&c.description);
    let id = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = find(conn, id)?;
        match diesel::update(milestones::table.find(current.id))
            .set(&c)
            .execute(conn)
        {
            Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
            Err(e) => return Err(e.into()),
        }
        find(conn, id)
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a milestone (admins only). What citizens wrote is never destroyed: a milestone with
/// a discussion (any comment, even deleted) is archived instead, and the answer is the archived
/// milestone (200): left out of lists and progress, its page and discussion still readable,
/// closed to new comments, restorable with `POST /milestones/{id}/restore`. One without
/// contributions is deleted (204).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Milestone id")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Milestone),
        (status = 204, description = "Deleted: it had no contributions"),
    )
)]
#[delete("/milestones/{id}")]
pub async fn delete_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    auth.require(|r| r == Role::Admin, "delete milestones")?;
    let id = id.into_inner();
    let archived = db::transaction(&state.pool, move |conn| {
        use crate::db::schema::comments;
        let m = find(conn, id)?;
        let discussed: bool = diesel::select(diesel::dsl::exists(
            comments::table.filter(comments::milestone_id.eq(m.id)),
        ))
        .get_result(conn)?;
        if discussed {
            if m.archived_at.is_none() {
                diesel::update(milestones::table.find(m.id))
                    .set(milestones::archived_at.eq(Some(Utc::now())))
                    .execute(conn)?;
                log::info!("admin {} archived milestone {}", auth.id, m.id);
            }
            return find(conn, m.id).map(Some);
        }
        diesel::delete(milestones::table.find(m.id)).execute(conn)?;
        log::info!("admin {} deleted milestone {}", auth.id, m.id);
        Ok(None)
    })
    .await?;
    Ok(match archived {
        Some(milestone) => HttpResponse::Ok().json(milestone),
        None => HttpResponse::NoContent().finish(),
    })
}

/// Bring an archived milestone back into lists and progress, and open its discussion again
/// (admins only).
#[utoipa::path(
    tag = "milestones",
    security(("bearer" = [])),
    params(("id" = i64, Path, description = "Milestone id")),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Milestone))
)]
#[post("/milestones/{id}/restore")]
pub async fn restore_milestone(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
) -> ApiResult<web::Json<Milestone>> {
    auth.require(|r| r == Role::Admin, "restore milestones")?;
    let id = id.into_inner();
    let milestone = db::transaction(&state.pool, move |conn| {
        let m = find(conn, id)?;
        if m.archived_at.is_some() {
            diesel::update(milestones::table.find(m.id))
                .set(milestones::archived_at.eq(None::<DateTime<Utc>>))
                .execute(conn)?;
            log::info!("admin {} restored milestone {}", auth.id, m.id);
        }
        find(conn, m.id)
    })
    .await?;
    Ok(web::Json(milestone))
}
