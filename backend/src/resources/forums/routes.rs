//! `/forums` routes. Anyone reads; officials and admins create, edit and delete.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use validator::{Validate, ValidationError};

use super::{find_row, load_one, present, slugify, Forum, ForumPage, ForumRow};
use crate::auth::AuthUser;
use crate::db;
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::http::extract::AuthedBody;
use crate::http::page::{finish_page, page_response, PageParams};
use crate::db::schema::{commitments, forum_commitments, forums};
use crate::types::{ForumStatus, Role};
use crate::resources::users::routes::escape_like;
use crate::http::validation::{http_url, not_blank, nullable, valid_slug};
use crate::AppState;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// Not yet ended, soonest first.
    Upcoming,
    /// Ended, most recent first.
    Past,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForumFilters {
    /// `upcoming` (soonest first) or `past` (latest first); all forums by start date when absent.
    pub when: Option<When>,
    pub status: Option<ForumStatus>,
    /// Only forums working on this commitment (id or OGP code).
    pub commitment: Option<String>,
    /// Exact theme, case-insensitive.
    pub theme: Option<String>,
    /// Case-insensitive text in the title, theme or description.
    pub q: Option<String>,
    /// `true`: only archived forums (see `DELETE /forums/{id}`); by default, only the others.
    pub archived: Option<bool>,
    /// Only forums changed at or after this instant (RFC 3339), for incremental sync.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[param(value_type = Option<String>, format = DateTime)]
    pub updated_since: Option<DateTime<Utc>>,
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
    let f = filters.into_inner();
    let mode = match f.when {
        None => "all",
        Some(When::Upcoming) => "upcoming",
        Some(When::Past) => "past",
    };
    let after: Option<(String, DateTime<Utc>, i64)> = page.cursor()?;
    if after.as_ref().is_some_and(|(m, _, _)| m != mode) {
        return Err(ApiError::BadRequest {
            code: "invalid_cursor",
            detail: "This cursor belongs to a list with another `when`; start again without it."
                .into(),
        });
    }
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let now = Utc::now();
        let mut q = forums::table.select(ForumRow::as_select()).into_boxed();
        let descending = f.when == Some(When::Past);
        q = match f.when {
            Some(When::Upcoming) => q.filter(forums::ends_at.ge(now)),
            Some(When::Past) => q.filter(forums::ends_at.lt(now)),
            None => q,
        };
        if let Some((_, at, id)) = after {
            q = if descending {
                q.filter(
                    forums::starts_at
                        .lt(at)
                        .or(forums::starts_at.eq(at).and(forums::id.lt(id))),
                )
            } else {
                q.filter(
                    forums::starts_at
                        .gt(at)
                        .or(forums::starts_at.eq(at).and(forums::id.gt(id))),
                )
            };
        }
        q = if descending {
            q.order((forums::starts_at.desc(), forums::id.desc()))
        } else {
            q.order((forums::starts_at.asc(), forums::id.asc()))
        };
        q = match f.archived {
            Some(true) => q.filter(forums::archived_at.is_not_null()),
            _ => q.filter(forums::archived_at.is_null()),
        };
        if let Some(status) = f.status {
            q = q.filter(forums::status.eq(status));
        }
        if let Some(key) = f.commitment.as_deref() {
            let commitment_id = crate::resources::commitments::resolve_id(conn, key)?.unwrap_or(-1);
            q = q.filter(
                forums::id.eq_any(
                    forum_commitments::table
                        .filter(forum_commitments::commitment_id.eq(commitment_id))
                        .select(forum_commitments::forum_id),
                ),
            );
        }
        if let Some(theme) = f.theme.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            q = q.filter(forums::theme.ilike(escape_like(theme)));
        }
        if let Some(text) = f.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            let p = format!("%{}%", escape_like(text));
            q = q.filter(
                forums::title
                    .ilike(p.clone())
                    .or(forums::theme.ilike(p.clone()))
                    .or(forums::description.ilike(p)),
            );
        }
        if let Some(since) = f.updated_since {
            q = q.filter(forums::updated_at.ge(since));
        }
        let rows = q.limit(limit + 1).load(conn)?;
        let (rows, next) = finish_page(rows, limit, |r: &ForumRow| {
            (mode.to_string(), r.starts_at, r.id)
        });
        Ok((present(conn, rows)?, next))
    })
    .await?;
    Ok(page_response(
        &req,
        &ForumPage {
            items,
            next_cursor: next.clone(),
        },
        next.as_deref(),
    ))
}

fn positive_ids(ids: &[i64]) -> Result<(), ValidationError> {
    if ids.len() > 50 || ids.iter().any(|&i| i <= 0) {
        let mut e = ValidationError::new("ids");
        e.message = Some("must hold at most 50 positive commitment ids".into());
        return Err(e);
    }
    Ok(())
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewForumRequest {
    /// Made from the title when absent.
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(example = "Forum Open d'État : l'espace de dialogue en ligne", min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(example = "Participation citoyenne", min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: String,
    /// Markdown.
    #[validate(length(max = 20000))]
    #[serde(default)]
    #[schema(max_length = 20000)]
    pub description: String,
    #[serde(deserialize_with = "crate::http::validation::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub starts_at: DateTime<Utc>,
    /// After `starts_at`.
    #[serde(deserialize_with = "crate::http::validation::instant")]
    #[schema(value_type = String, format = DateTime)]
    pub ends_at: DateTime<Utc>,
    /// Address, for an in-person forum. At least one of `location` and `online_url` is required.
    #[validate(length(min = 1, max = 300))]
    #[schema(min_length = 1, max_length = 300)]
    pub location: Option<String>,
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub online_url: Option<String>,
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub capacity: Option<i32>,
    /// Default `planned`.
    pub status: Option<ForumStatus>,
    /// Ids of the commitments the forum works on.
    #[serde(default)]
    #[validate(custom(function = "positive_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema)]
    pub commitment_ids: Vec<i64>,
}

#[derive(Insertable)]
#[diesel(table_name = forums)]
struct NewForum {
    slug: String,
    title: String,
    theme: String,
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    location: Option<String>,
    online_url: Option<String>,
    capacity: Option<i32>,
    status: ForumStatus,
    created_by: Option<i64>,
    description_html: Option<String>,
}

fn check_schedule(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> ApiResult<()> {
    if ends_at <= starts_at {
        return Err(ApiError::field(
            "ends_at",
            "range",
            "must be after starts_at",
        ));
    }
    Ok(())
}

fn check_place(location: Option<&str>, online_url: Option<&str>) -> ApiResult<()> {
    if location.is_none() && online_url.is_none() {
        return Err(ApiError::field(
            "location",
            "required",
            "a location or an online_url is required",
        ));
    }
    Ok(())
}

/// Replaces a forum's commitments, checking that each id exists.
fn set_commitments(conn: &mut PgConnection, forum_id: i64, ids: &[i64]) -> ApiResult<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let found: Vec<i64> = commitments::table
        .filter(commitments::id.eq_any(&ids))
        .select(commitments::id)
        .load(conn)?;
    if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
        return Err(ApiError::conflict_field(
            "unknown_reference",
            "commitment_ids",
            "unknown",
            &format!("names no commitment: {missing}"),
        ));
    }
    diesel::delete(forum_commitments::table.filter(forum_commitments::forum_id.eq(forum_id)))
        .execute(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .map(|&c| {
            (
                forum_commitments::forum_id.eq(forum_id),
                forum_commitments::commitment_id.eq(c),
            )
        })
        .collect();
    diesel::insert_into(forum_commitments::table)
        .values(&rows)
        .execute(conn)?;
    Ok(())
}

/// The first free slug among `base`, `base-2`, `base-3`…
fn free_slug(conn: &mut PgConnection, base: &str) -> QueryResult<String> {
    let taken: Vec<String> = forums::table
        .filter(
            forums::slug
                .eq(base)
                .or(forums::slug.like(format!("{}-%", escape_like(base)))),
        )
        .select(forums::slug)
        .load(conn)?;
    if !taken.iter().any(|s| s == base) {
        return Ok(base.to_string());
    }
    Ok((2..)
        .map(|n| format!("{base}-{n}"))
        .find(|s| !taken.contains(s))
        .unwrap_or_default())
}

/// Announce a forum (officials and admins).
#[utoipa::path(
    tag = "forums",
    security(("bearer" = [])),
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
    auth.require(Role::can_edit_content, "manage forums")?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks
        .add(check_schedule(r.starts_at, r.ends_at))
        .add(check_place(r.location.as_deref(), r.online_url.as_deref()));
    checks.finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let slug = match r.slug {
            Some(s) => s,
            None => free_slug(conn, &slugify(&r.title))?,
        };
        let new = NewForum {
            description_html: Some(crate::markdown::render(&r.description)),
            slug,
            title: r.title.trim().into(),
            theme: r.theme.trim().into(),
            description: r.description,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            location: r.location,
            online_url: r.online_url,
            capacity: r.capacity,
            status: r.status.unwrap_or(ForumStatus::Planned),
            created_by: Some(auth.id),
        };
        let id: i64 = diesel::insert_into(forums::table)
            .values(&new)
            .returning(forums::id)
            .get_result(conn)?;
        set_commitments(conn, id, &r.commitment_ids)?;
        load_one(conn, &id.to_string())
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
pub async fn get_forum(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<Forum>> {
    let key = id.into_inner();
    Ok(web::Json(
        db::run(&state.read_pool, move |conn| load_one(conn, &key)).await?,
    ))
}

#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForumChanges {
    #[validate(length(min = 1, max = 80), custom(function = "valid_slug"))]
    #[schema(min_length = 1, max_length = 80, pattern = "^([a-z0-9]+-)*[0-9]*[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    pub slug: Option<String>,
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: Option<String>,
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub description: Option<String>,
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub starts_at: Option<DateTime<Utc>>,
    /// After `starts_at` (the new one, or the forum's).
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub ends_at: Option<DateTime<Utc>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(min = 1, max = 300))]
    #[schema(value_type = Option<String>, min_length = 1, max_length = 300)]
    pub location: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(value_type = Option<String>, max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub online_url: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[validate(range(min = 1, max = 100000))]
    #[schema(value_type = Option<i32>, minimum = 1, maximum = 100000)]
    pub capacity: Option<Option<i32>>,
    pub status: Option<ForumStatus>,
    /// Replaces the list of commitments.
    #[validate(custom(function = "positive_ids"))]
    #[schema(schema_with = crate::http::validation::ids_schema_nullable)]
    pub commitment_ids: Option<Vec<i64>>,
}

#[derive(AsChangeset)]
#[diesel(table_name = forums)]
struct ForumChangeset {
    slug: Option<String>,
    title: Option<String>,
    theme: Option<String>,
    description: Option<String>,
    starts_at: Option<DateTime<Utc>>,
    ends_at: Option<DateTime<Utc>>,
    location: Option<Option<String>>,
    online_url: Option<Option<String>>,
    capacity: Option<Option<i32>>,
    status: Option<ForumStatus>,
    description_html: Option<Option<String>>,
}

/// Update a forum (officials and admins).
#[utoipa::path(
    tag = "forums",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = ForumChanges,
    responses(
        (status = 200, description = "Updated", body = Forum),
        (status = 409, description = "Slug already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/forums/{id}")]
pub async fn update_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<ForumChanges>,
) -> ApiResult<web::Json<Forum>> {
    auth.require(Role::can_edit_content, "manage forums")?;
    let c = body?.into_inner();
    let mut checks = Checks::of(c.validate());
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = find_row(conn, &key)?;
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
                check_schedule(
                    c.starts_at.unwrap_or(current.starts_at),
                    c.ends_at.unwrap_or(current.ends_at),
                ),
            ))
            .add(within(
                c.location.is_some() && c.online_url.is_some(),
                check_place(location.as_deref(), online_url.as_deref()),
            ));
        checks.finish()?;
        let set = ForumChangeset {
            description_html: c
                .description
                .as_deref()
                .map(|d| Some(crate::markdown::render(d))),
            slug: c.slug,
            title: c.title.map(|s| s.trim().into()),
            theme: c.theme.map(|s| s.trim().into()),
            description: c.description,
            starts_at: c.starts_at,
            ends_at: c.ends_at,
            location: c.location,
            online_url: c.online_url,
            capacity: c.capacity,
            status: c.status,
        };
        match diesel::update(forums::table.find(current.id))
            .set(&set)
            .execute(conn)
        {
            Ok(_) | Err(diesel::result::Error::QueryBuilderError(_)) => {}
            Err(e) => return Err(e.into()),
        }
        if let Some(ids) = c.commitment_ids {
            set_commitments(conn, current.id, &ids)?;
            // The links are part of the forum: a sync client must see the change.
            diesel::update(forums::table.find(current.id))
                .set(forums::updated_at.eq(diesel::dsl::now))
                .execute(conn)?;
        }
        load_one(conn, &current.id.to_string())
    })
    .await?;
    Ok(web::Json(updated))
}

/// Delete a forum (admins only). What citizens wrote is never destroyed: a forum with a
/// discussion (any comment, even deleted) is archived instead, and the answer is the archived
/// forum (200): left out of lists, its page and discussion still readable, closed to new
/// comments, restorable with `POST /forums/{id}/restore`. A forum without contributions is
/// deleted (204). For a forum that was announced and will not take place, prefer status
/// `cancelled`: it keeps the public record.
#[utoipa::path(
    tag = "forums",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses(
        (status = 200, description = "Archived, because it has a discussion", body = Forum),
        (status = 204, description = "Deleted: it had no contributions"),
    )
)]
#[delete("/forums/{id}")]
pub async fn delete_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    auth.require(|r| r == Role::Admin, "delete forums")?;
    let key = id.into_inner();
    let archived = db::transaction(&state.pool, move |conn| {
        let row = find_row(conn, &key)?;
        if has_contributions(conn, row.id)? {
            if row.archived_at.is_none() {
                diesel::update(forums::table.find(row.id))
                    .set(forums::archived_at.eq(Some(Utc::now())))
                    .execute(conn)?;
                log::info!("admin {} archived forum {}", auth.id, row.id);
            }
            return load_one(conn, &row.id.to_string()).map(Some);
        }
        diesel::delete(forums::table.find(row.id)).execute(conn)?;
        log::info!("admin {} deleted forum {}", auth.id, row.id);
        Ok(None)
    })
    .await?;
    Ok(match archived {
        Some(forum) => HttpResponse::Ok().json(forum),
        None => HttpResponse::NoContent().finish(),
    })
}

/// Whether anyone contributed to the forum: a comment, even deleted (its row keeps a thread's
/// shape).
fn has_contributions(conn: &mut PgConnection, forum_id: i64) -> QueryResult<bool> {
    use crate::db::schema::comments;
    diesel::select(diesel::dsl::exists(
        comments::table.filter(comments::forum_id.eq(forum_id)),
    ))
    .get_result(conn)
}

/// Bring an archived forum back into lists and open its discussion again (admins only).
#[utoipa::path(
    tag = "forums",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "Restored (also when it was not archived)", body = Forum))
)]
#[post("/forums/{id}/restore")]
pub async fn restore_forum(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
) -> ApiResult<web::Json<Forum>> {
    auth.require(|r| r == Role::Admin, "restore forums")?;
    let key = id.into_inner();
    let forum = db::transaction(&state.pool, move |conn| {
        let row = find_row(conn, &key)?;
        if row.archived_at.is_some() {
            diesel::update(forums::table.find(row.id))
                .set(forums::archived_at.eq(None::<DateTime<Utc>>))
                .execute(conn)?;
            log::info!("admin {} restored forum {}", auth.id, row.id);
        }
        load_one(conn, &row.id.to_string())
    })
    .await?;
    Ok(web::Json(forum))
}
