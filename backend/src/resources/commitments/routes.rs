//! `/commitments` routes. Anyone reads; officials and admins create and edit; only admins
//! delete (deleting a commitment deletes its milestones and their public discussion).

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use super::{find_row, present, Commitment, CommitmentPage, CommitmentRow};
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::{action_plans, commitments};
use crate::types::{CommitmentStatus, Role};
use crate::resources::users::routes::escape_like;
use crate::http::validation::{not_blank, nullable};
use crate::AppState;
use crate::markdown;
use crate::resources::milestones;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CommitmentFilters {
    /// Action plan id or slug, e.g. `fr-2018-2020`.
    pub action_plan: Option<String>,
    /// Exact policy area, e.g. `E-Government`.
    pub policy_area: Option<String>,
    pub status: Option<CommitmentStatus>,
    pub starred: Option<bool>,
    /// Case-insensitive text in the code, title, summary or lead institution.
    pub q: Option<String>,
    /// `true`: only archived commitments (see `DELETE /commitments/{id}`); by default, only the
    /// others.
    pub archived: Option<bool>,
    /// Only commitments changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
}

/// Commitments ordered by code, with their milestone progress.
#[utoipa::path(
    tag = "commitments",
    params(CommitmentFilters, PageParams),
    responses((status = 200, description = "A page of commitments", body = CommitmentPage))
)]
#[get("/commitments")]
pub async fn list_commitments(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<CommitmentFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<String> = page.cursor()?;
    let f = filters.into_inner();
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let mut q = commitments::table
            .select(CommitmentRow::as_select())
            .order(commitments::code.asc())
            .into_boxed();
        if let Some(after) = after {
            q = q.filter(commitments::code.gt(after));
        }
        if let Some(plan) = f.action_plan.as_deref() {
            let plan_id = resolve_plan(conn, plan)?;
            q = q.filter(commitments::action_plan_id.eq(plan_id.unwrap_or(-1)));
        }
        if let Some(area) = f.policy_area {
            // `@>` rather than `= ANY(…)`: same rows, a statement Diesel can prepare once
            // per connection (a raw `sql()` fragment made it re-plan the query every time),
            // and the GIN index on `policy_areas` applies.
            q = q.filter(commitments::policy_areas.contains(vec![area]));
        }
        q = match f.archived {
            Some(true) => q.filter(commitments::archived_at.is_not_null()),
            _ => q.filter(commitments::archived_at.is_null()),
        };
        if let Some(status) = f.status {
            q = q.filter(commitments::status.eq(status));
        }
        if let Some(starred) = f.starred {
            q = q.filter(commitments::starred.eq(starred));
        }
        if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let p = format!("%{}%", escape_like(text));
            q = q.filter(
                commitments::code
                    .ilike(p.clone())
                    .or(commitments::title.ilike(p.clone()))
                    .or(commitments::summary.ilike(p.clone()))
                    .or(commitments::lead_institution.ilike(p)),
            );
        }
        if let Some(since) = f.updated_since {
            q = q.filter(commitments::updated_at.ge(since));
        }
        let rows = q.limit(limit + 1).load(conn)?;
        let (rows, next) = finish_page(rows, limit, |r: &CommitmentRow| r.code.clone());
        Ok((present(conn, rows)?, next))
    })
    .await?;
    Ok(page_response(
        &req,
        &CommitmentPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

/// IRM review fields as sent by clients (`analysis_html` is computed, not accepted).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IrmInput {
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub report: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub starred: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub early_results: Option<String>,
    pub verifiable: Option<bool>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub relevance: Option<Vec<String>>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub potential_impact: Option<String>,
    #[validate(length(max = 300))]
    #[schema(max_length = 300)]
    pub completion: Option<String>,
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    pub analysis: Option<String>,
}

fn short_items(items: &[String]) -> Result<(), ValidationError> {
    if items.len() > 50
        || items
            .iter()
            .any(|i| i.trim().is_empty() || i.chars().count() > 500)
    {
        let mut e = ValidationError::new("items");
        e.message = Some("must hold at most 50 non-blank items of at most 500 characters".into());
        return Err(e);
    }
    Ok(())
}

fn ogp_code(code: &str) -> Result<(), ValidationError> {
    let b = code.as_bytes();
    if b.len() == 6
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..].iter().all(u8::is_ascii_digit)
    {
        Ok(())
    } else {
        let mut e = ValidationError::new("ogp_code");
        e.message = Some("must be two capital letters and four digits, e.g. FR0041".into());
        Err(e)
    }
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommitmentRequest {
    /// Action plan id or slug.
    #[validate(length(min = 1, max = 80))]
    #[schema(example = "fr-2018-2020", min_length = 1, max_length = 80)]
    pub action_plan: String,
    #[validate(custom(function = "ogp_code"))]
    #[schema(example = "FR0051", pattern = "^[A-Z]{2}[0-9]{4}$")]
    pub code: String,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000)]
    pub number: i32,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub summary: Option<String>,
    #[validate(length(max = 50000))]
    #[schema(max_length = 50000)]
    pub description: Option<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub policy_areas: Vec<String>,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub lead_institution: Option<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub support_institutions: Vec<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub ogp_principles: Vec<String>,
    #[validate(custom(function = "short_items"))]
    #[serde(default)]
    #[schema(schema_with = crate::http::validation::short_items_schema)]
    pub ambitions: Vec<String>,
    /// Default `active`.
    pub status: Option<CommitmentStatus>,
    #[serde(default)]
    pub starred: bool,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub start_year: Option<i32>,
    #[validate(range(min = 1990, max = 2100))]
    #[schema(minimum = 1990, maximum = 2100)]
    pub end_year: Option<i32>,
    #[validate(nested)]
    pub irm: Option<IrmInput>,
}

#[derive(Insertable)]
#[diesel(table_name = commitments)]
struct NewCommitment {
    action_plan_id: i64,
    code: String,
    number: i32,
    title: String,
    summary: Option<String>,
    description: Option<String>,
    policy_areas: Vec<String>,
    lead_institution: Option<String>,
    support_institutions: Vec<String>,
    ogp_principles: Vec<String>,
    ambitions: Vec<String>,
    status: CommitmentStatus,
    starred: bool,
    start_year: Option<i32>,
    end_year: Option<i32>,
    irm_report: Option<String>,
    irm_starred: Option<String>,
    irm_early_results: Option<String>,
    irm_verifiable: Option<bool>,
    irm_relevance: Vec<String>,
    irm_potential_impact: Option<String>,
    irm_completion: Option<String>,
    irm_analysis: Option<String>,
    description_html: Option<String>,
    irm_analysis_html: Option<String>,
}

/// The id of the action plan named by id or slug, if any.
fn resolve_plan(conn: &mut PgConnection, key: &str) -> QueryResult<Option<i64>> {
    let q = action_plans::table.select(action_plans::id).into_boxed();
    let q = match key.parse::<i64>() {
        Ok(id) => q.filter(action_plans::id.eq(id)),
        Err(_) => q.filter(action_plans::slug.eq(key.to_string())),
    };
    q.first(conn).optional()
}

fn unknown_plan() -> ApiError {
    ApiError::conflict_field(
        "unknown_reference",
        "action_plan",
        "unknown",
        "names no action plan",
    )
}

fn check_years(start: Option<i32>, end: Option<i32>) -> ApiResult<()> {
    match (start, end) {
        (Some(s), Some(e)) if e < s => Err(ApiError::field(
            "end_year",
            "range",
            "must not be before start_year",
        )),
        _ => Ok(()),
    }
}

fn load_one(conn: &mut PgConnection, key: &str) -> ApiResult<Commitment> {
    let row = find_row(conn, key)?;
    let id = row.id;
    let mut one = present(conn, vec![row])?
        .pop()
        .ok_or_else(|| ApiError::not_found("Commitment"))?;
    one.milestones = Some(milestones::for_commitment(conn, id)?);
    Ok(one)
}

/// Create a commitment (officials and admins).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = [])),
    request_body = NewCommitmentRequest,
    responses(
        (status = 201, description = "Created", body = Commitment),
        (status = 409, description = "Code already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/commitments")]
pub async fn create_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewCommitmentRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Role::can_edit_content, "edit commitments")?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks.add(check_years(r.start_year, r.end_year));
    let created = db::transaction(&state.pool, move |conn| {
        checks.finish()?;
        let action_plan_id = resolve_plan(conn, &r.action_plan)?.ok_or_else(unknown_plan)?;
        let irm = r.irm.unwrap_or_default();
        let description_html = r.description.as_deref().map(markdown::render);
        let irm_analysis_html = irm.analysis.as_deref().map(markdown::render);
        let new = NewCommitment {
            action_plan_id,
            code: r.code,
            number: r.number,
            title: r.title.trim().to_string(),
            summary: r.summary,
            description: r.description,
            policy_areas: r.policy_areas,
            lead_institution: r.lead_institution,
            support_institutions: r.support_institutions,
            ogp_principles: r.ogp_principles,
            ambitions: r.ambitions,
            status: r.status.unwrap_or(CommitmentStatus::Active),
            starred: r.starred,
            start_year: r.start_year,
            end_year: r.end_year,
            irm_report: irm.report,
            irm_starred: irm.starred,
            irm_early_results: irm.early_results,
            irm_verifiable: irm.verifiable,
            irm_relevance: irm.relevance.unwrap_or_default(),
            irm_potential_impact: irm.potential_impact,
            irm_completion: irm.completion,
            description_html,
            irm_analysis_html,
            irm_analysis: irm.analysis,
        };
        let id: i64 = diesel::insert_into(commitments::table)
            .values(&new)
            .returning(commitments::id)
            .get_result(conn)?;
        load_one(conn, &id.to_string())
    })
    .await?;
    Ok(HttpResponse::Created().json(created))
}

/// One commitment by id or OGP code (e.g. `FR0041`), with its milestones.
#[utoipa::path(
    tag = "commitments",
    params(("id" = String, Path, description = "Numeric id or OGP code, e.g. `FR0041`")),
    responses((status = 200, description = "The commitment with its milestones", body = Commitment))
)]
#[get("/commitments/{id}")]
pub async fn get_commitment(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<Commitment>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| load_one(conn, &key)).await?,
    ))
}

/// Changes to a commitment; absent fields are left as they are, `null` clears a nullable one.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentChanges {
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub action_plan: Option<String>,
    #[validate(custom(function = "ogp_code"))]
    #[schema(pattern = "^[A-Z]{2}[0-9]{4}$")]
    pub code: Option<String>,
    #[validate(range(min = 1, max = 10000))]
    #[schema(minimum = 1, maximum = 10000)]
    pub number: Option<i32>,
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 300, pattern = r"\S")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 1000))]
    #[schema(value_type = Option<String>, max_length = 1000)]
    pub summary: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 50000))]
    #[schema(value_type = Option<String>, max_length = 50000)]
    pub description: Option<Option<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub policy_areas: Option<Vec<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 500))]
    #[schema(value_type = Option<String>, max_length = 500)]
    pub lead_institution: Option<Option<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub support_institutions: Option<Vec<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub ogp_principles: Option<Vec<String>>,
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub ambitions: Option<Vec<String>>,
    pub status: Option<CommitmentStatus>,
    pub starred: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1990, max = 2100))]
    #[schema(value_type = Option<i32>, minimum = 1990, maximum = 2100)]
    pub start_year: Option<Option<i32>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1990, max = 2100))]
    #[schema(value_type = Option<i32>, minimum = 1990, maximum = 2100)]
    pub end_year: Option<Option<i32>>,
    /// Replaces the IRM review fields that it names.
    #[validate(nested)]
    pub irm: Option<IrmChanges>,
}

/// Changes to IRM review fields: absent fields are kept, `null` clears.
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IrmChanges {
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub report: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub starred: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub early_results: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<bool>)]
    pub verifiable: Option<Option<bool>>,
    /// Replaces the list; `null` or `[]` empties it.
    #[serde(default, deserialize_with = "nullable")]
    #[validate(custom(function = "short_items"))]
    #[schema(schema_with = crate::http::validation::short_items_schema_nullable)]
    pub relevance: Option<Option<Vec<String>>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub potential_impact: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 300))]
    #[schema(value_type = Option<String>, max_length = 300)]
    pub completion: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 50000))]
    #[schema(value_type = Option<String>, max_length = 50000)]
    pub analysis: Option<Option<String>>,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = commitments)]
struct CommitmentChangeset {
    action_plan_id: Option<i64>,
    code: Option<String>,
    number: Option<i32>,
    title: Option<String>,
    summary: Option<Option<String>>,
    description: Option<Option<String>>,
    policy_areas: Option<Vec<String>>,
    lead_institution: Option<Option<String>>,
    support_institutions: Option<Vec<String>>,
    ogp_principles: Option<Vec<String>>,
    ambitions: Option<Vec<String>>,
    status: Option<CommitmentStatus>,
    starred: Option<bool>,
    start_year: Option<Option<i32>>,
    end_year: Option<Option<i32>>,
    irm_report: Option<Option<String>>,
    irm_starred: Option<Option<String>>,
    irm_early_results: Option<Option<String>>,
    irm_verifiable: Option<Option<bool>>,
    irm_relevance: Option<Vec<String>>,
    irm_potential_impact: Option<Option<String>>,
    irm_completion: Option<Option<String>>,
    irm_analysis: Option<Option<String>>,
    description_html: Option<Option<String>>,
    irm_analysis_html: Option<Option<String>>,
}

/// Update a commitment (officials and admins).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or OGP code")),
    request_body = CommitmentChanges,
    responses(
        (status = 200, description = "Updated", body = Commitment),
        (status = 409, description = "Code already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/commitments/{id}")]
pub async fn update_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<CommitmentChanges>,
) -> ApiResult<web::Json<Commitment>> {
    auth.require(Role::can_edit_content, "edit commitments")?;
    let c = body?.into_inner();
    let mut checks = Checks::of(c.validate());
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = find_row(conn, &key)?;
        let both_sent = c.start_year.is_some() && c.end_year.is_some();
        let years = check_years(
            c.start_year.unwrap_or(current.start_year),
            c.end_year.unwrap_or(current.end_year),
        );
        checks.add(if both_sent { years } else { years.map_err(ApiError::against_stored) });
        checks.finish()?;
        let action_plan_id = match c.action_plan.as_deref() {
            Some(plan) => Some(resolve_plan(conn, plan)?.ok_or_else(unknown_plan)?),
            None => None,
        };
        let irm = c.irm.unwrap_or_default();
        let description_html = markdown::render_change(&c.description);
        let irm_analysis_html = markdown::render_change(&irm.analysis);
        let set = CommitmentChangeset {
            action_plan_id,
            code: c.code,
            number: c.number,
            title: c.title.map(|t| t.trim().to_string()),
            summary: c.summary,
            description: c.description,
            policy_areas: c.policy_areas,
            lead_institution: c.lead_institution,
            support_institutions: c.support_institutions,
            ogp_principles: c.ogp_principles,
            ambitions: c.ambitions,
            status: c.status,
            starred: c.starred,
            start_year: c.start_year,
            end_year: c.end_year,
            irm_report: irm.report,
            irm_starred: irm.starred,
            irm_early_results: irm.early_results,
            irm_verifiable: irm.verifiable,
            irm_relevance: irm.relevance.map(Option::unwrap_or_default),
            irm_potential_impact: irm.potential_impact,
            irm_completion: irm.completion,
            description_html,
            irm_analysis_html,
            irm_analysis: irm.analysis,
        };
        // An empty changeset is an error in Diesel; an empty PATCH is a no-op for clients.
        match diesel::update(commitments::table.find(current.id))
            .set(&set)
            .execute(conn)
        {
            Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
            Err(e) => return Err(e.into()),
        }
        load_one(conn, &current.id.to_string())
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a commitment with its milestones (admins only). What citizens wrote is never
/// destroyed: a commitment with a discussion (any comment on it or on one of its milestones,
/// even deleted) is archived instead, and the answer is the archived commitment (200): left
/// out of lists, its page and discussions still readable, closed to new comments, restorable
/// with `POST /commitments/{id}/restore`. One without contributions is deleted (204).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or OGP code")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Commitment),
        (status = 204, description = "Deleted: it had no contributions"),
    )
)]
#[delete("/commitments/{id}")]
pub async fn delete_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(|r| r == Role::Admin, "delete commitments")?;
    let key = id.into_inner();
    let archived = db::transaction(&state.pool, move |conn| {
        let row = find_row(conn, &key)?;
        if super::has_contributions(conn, row.id)? {
            if row.archived_at.is_none() {
                diesel::update(commitments::table.find(row.id))
                    .set(commitments::archived_at.eq(Some(Utc::now())))
                    .execute(conn)?;
                log::info!("admin {} archived commitment {}", auth.id, row.code);
            }
            return load_one(conn, &row.id.to_string()).map(Some);
        }
        diesel::delete(commitments::table.find(row.id)).execute(conn)?;
        log::info!("admin {} deleted commitment {}", auth.id, row.code);
        Ok(None)
    })
    .await?;
    Ok(match archived {
        Some(commitment) => HttpResponse::Ok().json(commitment),
        None => HttpResponse::NoContent().finish(),
    })
}

/// Bring an archived commitment back into lists and open its discussions again (admins only).
#[utoipa::path(
    tag = "commitments",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or OGP code")),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Commitment))
)]
#[post("/commitments/{id}/restore")]
pub async fn restore_commitment(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Commitment>> {
    auth.require(|r| r == Role::Admin, "restore commitments")?;
    let key = id.into_inner();
    let commitment = db::transaction(&state.pool, move |conn| {
        let row = find_row(conn, &key)?;
        if row.archived_at.is_some() {
            diesel::update(commitments::table.find(row.id))
                .set(commitments::archived_at.eq(None::<DateTime<Utc>>))
                .execute(conn)?;
            log::info!("admin {} restored commitment {}", auth.id, row.code);
        }
        load_one(conn, &row.id.to_string())
    })
    .await?;
    Ok(web::Json(commitment))
}
