//! National action plans (e.g. France 2018–2020): the containers of commitments.
//! Anyone reads; only admins write.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::auth::AuthUser;
use crate::resources::commitments::MilestoneProgress;
use crate::db;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::{action_plans, commitments, milestones};
use crate::types::MilestoneStatus;
use crate::types::Role;
use crate::http::validation::{not_blank, nullable, valid_slug};
use crate::AppState;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = action_plans, check_for_backend(diesel::pg::Pg))]
pub struct ActionPlanRow {
    pub id: i64,
    pub slug: String,
    pub country: String,
    pub title: String,
    pub period_start: i32,
    pub period_end: i32,
    pub description: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActionPlan {
    pub id: i64,
    #[schema(example = "fr-2018-2020")]
    pub slug: String,
    #[schema(example = "France")]
    pub country: String,
    #[schema(example = "France National Action Plan 2018-2020")]
    pub title: String,
    #[schema(example = 2018)]
    pub period_start: i32,
    #[schema(example = 2020)]
    pub period_end: i32,
    pub description: Option<String>,
    /// How many commitments the plan holds.
    pub commitment_count: i64,
    /// Progress of all the plan's milestones together.
    pub milestone_progress: MilestoneProgress,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Public representation, with counts from two grouped queries for the whole page.
fn present(conn: &mut PgConnection, rows: Vec<ActionPlanRow>) -> QueryResult<Vec<ActionPlan>> {
    use diesel::dsl::count_star;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let counts: HashMap<i64, i64> = commitments::table
        .filter(commitments::action_plan_id.eq_any(&ids))
        .filter(commitments::archived_at.is_null())
        .group_by(commitments::action_plan_id)
        .select((commitments::action_plan_id, count_star()))
        .load::<(i64, i64)>(conn)?
        .into_iter()
        .collect();
    let statuses: Vec<(i64, MilestoneStatus, i64)> = milestones::table
        .inner_join(commitments::table)
        .filter(commitments::action_plan_id.eq_any(&ids))
        .filter(commitments::archived_at.is_null())
        .filter(milestones::archived_at.is_null())
        .group_by((commitments::action_plan_id, milestones::status))
        .select((
            commitments::action_plan_id,
            milestones::status,
            count_star(),
        ))
        .load(conn)?;
    let mut progress: HashMap<i64, MilestoneProgress> = HashMap::new();
    for (plan, status, n) in statuses {
        progress.entry(plan).or_default().add(status, n);
    }
    Ok(rows
        .into_iter()
        .map(|r| ActionPlan {
            commitment_count: counts.get(&r.id).copied().unwrap_or(0),
            milestone_progress: progress
                .remove(&r.id)
                .map(MilestoneProgress::finish)
                .unwrap_or_default(),
            id: r.id,
            slug: r.slug,
            country: r.country,
            title: r.title,
            period_start: r.period_start,
            period_end: r.period_end,
            description: r.description,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

fn present_one(conn: &mut PgConnection, row: ActionPlanRow) -> ApiResult<ActionPlan> {
    present(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Action plan"))
}

crate::page_type!(ActionPlanPage, ActionPlan, "A page of action plans.");

#[derive(Debug, Deserialize, Validate, ToSchema, Insertable)]
#[diesel(table_name = action_plans)]
#[serde(deny_unknown_fields)]
pub struct NewActionPlan {
    /// Lowercase letters and digits in hyphen-separated words, at least one letter.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(example = "fr-2021-2023", min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub country: String,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_start: i32,
    /// Not before `period_start`.
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_end: i32,
    /// Markdown.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema, AsChangeset)]
#[diesel(table_name = action_plans)]
#[serde(deny_unknown_fields)]
pub struct ActionPlanChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub country: Option<String>,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: Option<String>,
    /// Not after `period_end` (the one sent, else the plan's: 409 `conflicts_with_stored`).
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_start: Option<i32>,
    /// Not before `period_start` (the one sent, else the plan's: 409 `conflicts_with_stored`).
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub period_end: Option<i32>,
    /// Markdown; `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 20000))]
    #[schema(value_type = Option<String>, max_length = 20000)]
    pub description: Option<Option<String>>,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ActionPlanFilters {
    /// Only plans changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// Resolves a path segment that is either a numeric id or a slug.
fn find(conn: &mut PgConnection, key: &str) -> ApiResult<ActionPlanRow> {
    let query = action_plans::table
        .select(ActionPlanRow::as_select())
        .into_boxed();
    let query = match key.parse::<i64>() {
        Ok(id) => query.filter(action_plans::id.eq(id)),
        Err(_) => query.filter(action_plans::slug.eq(key.to_string())),
    };
    query
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Action plan"))
}

fn check_period(start: i32, end: i32) -> ApiResult<()> {
    if end < start {
        return Err(ApiError::field(
            "period_end",
            "range",
            "must not be before period_start",
        ));
    }
    Ok(())
}

/// List action plans.
#[utoipa::path(
    tag = "action-plans",
    params(ActionPlanFilters, PageParams),
    responses((status = 200, description = "A page of action plans", body = ActionPlanPage))
)]
#[get("/action-plans")]
pub async fn list_action_plans(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<ActionPlanFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let updated_since = filters.updated_since;
    let rows = db::run(&state.read_pool, move |conn| {
        let mut q = action_plans::table
            .select(ActionPlanRow::as_select())
            .order(action_plans::id.asc())
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(action_plans::id.gt(after));
        }
        if let Some(since) = updated_since {
            q = q.filter(action_plans::updated_at.ge(since));
        }
        let rows: Vec<ActionPlanRow> = q.limit(limit + 1).load(conn)?;
        let (rows, next) = finish_page(rows, limit, |p: &ActionPlanRow| p.id);
        Ok((present(conn, rows)?, next))
    })
    .await?;
    let (items, next) = rows;
    Ok(page_response(
        &req,
        &ActionPlanPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

/// Create an action plan (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = [])),
    request_body = NewActionPlan,
    responses(
        (status = 201, description = "Created", body = ActionPlan),
        (status = 409, description = "Slug already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/action-plans")]
pub async fn create_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewActionPlan>,
) -> ApiResult<HttpResponse> {
    auth.require(|r| r == Role::Admin, "manage action plans")?;
    let new = body?.into_inner();
    let mut checks = Checks::of(new.validate());
    checks.add(check_period(new.period_start, new.period_end));
    checks.finish()?;
    let plan = db::run(&state.pool, move |conn| {
        let row = diesel::insert_into(action_plans::table)
            .values(&new)
            .returning(ActionPlanRow::as_returning())
            .get_result(conn)?;
        present_one(conn, row)
    })
    .await?;
    Ok(HttpResponse::Created().json(plan))
}

/// One action plan, by id or slug.
#[utoipa::path(
    tag = "action-plans",
    params(("id" = String, Path, description = "Numeric id or slug, e.g. `fr-2018-2020`")),
    responses((status = 200, description = "The action plan", body = ActionPlan))
)]
#[get("/action-plans/{id}")]
pub async fn get_action_plan(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<ActionPlan>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| {
            let row = find(conn, &key)?;
            present_one(conn, row)
        })
        .await?,
    ))
}

/// Update an action plan (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = ActionPlanChanges,
    responses(
        (status = 200, description = "Updated", body = ActionPlan),
        (status = 409, description = "Slug already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/action-plans/{id}")]
pub async fn update_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ActionPlanChanges>,
) -> ApiResult<web::Json<ActionPlan>> {
    auth.require(|r| r == Role::Admin, "manage action plans")?;
    let changes = body?.into_inner();
    let mut checks = Checks::of(changes.validate());
    let key = id.into_inner();
    let plan = db::transaction(&state.pool, move |conn| {
        let current = find(conn, &key)?;
        let both_sent = changes.period_start.is_some() && changes.period_end.is_some();
        let period = check_period(
            changes.period_start.unwrap_or(current.period_start),
            changes.period_end.unwrap_or(current.period_end),
        );
        checks.add(if both_sent { period } else { period.map_err(ApiError::against_stored) });
        checks.finish()?;
        let target = action_plans::table.find(current.id);
        let row = if is_empty_plan_change(&changes) {
            current
        } else {
            diesel::update(target)
                .set(&changes)
                .returning(ActionPlanRow::as_returning())
                .get_result(conn)?
        };
        present_one(conn, row)
    })
    .await?;
    Ok(web::Json(plan))
}

fn is_empty_plan_change(c: &ActionPlanChanges) -> bool {
    c.slug.is_none()
        && c.country.is_none()
        && c.title.is_none()
        && c.period_start.is_none()
        && c.period_end.is_none()
        && c.description.is_none()
}

/// Delete an action plan that has no commitments (admins only).
#[utoipa::path(
    tag = "action-plans",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 409, description = "The plan still has commitments", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/action-plans/{id}")]
pub async fn delete_action_plan(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(|r| r == Role::Admin, "manage action plans")?;
    let key = id.into_inner();
    db::transaction(&state.pool, move |conn| {
        let plan = find(conn, &key)?;
        let used: i64 = commitments::table
            .filter(commitments::action_plan_id.eq(plan.id))
            .count()
            .get_result(conn)?;
        if used > 0 {
            return Err(ApiError::Conflict {
                code: "has_commitments",
                detail: format!(
                    "This action plan still has {used} commitments; delete or move them first."
                ),
            });
        }
        diesel::delete(action_plans::table.find(plan.id)).execute(conn)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// National action plans.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("action-plans", "National action plans")],
    api_v1: Some(|cfg| {
        cfg.service(list_action_plans)
            .service(create_action_plan)
            .service(get_action_plan)
            .service(update_action_plan)
            .service(delete_action_plan);
    }),
    at_root: None,
    unique: &[("action_plans_slug_key", "An action plan already has this slug.")],
    schemas: crate::schemas![],
};
