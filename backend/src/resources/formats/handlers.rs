//! `/formats`: anyone reads formats and every version; officials and admins create formats and
//! publish new versions. A published version is never changed.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::document;
use super::dto::{
    CompareParams, Format, FormatChanges, FormatComparison, FormatPage, FormatVersion, NewFormatRequest,
    NewVersionRequest,
};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

/// Formats, oldest first, each with its latest version's purpose and duration.
#[utoipa::path(
    tag = "formats",
    params(PageParams),
    responses((status = 200, description = "A page of formats", body = FormatPage))
)]
#[get("/formats")]
pub async fn list_formats(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, after, limit + 1)?;
        Ok(page::finish_page(rows, limit, |f| f.id))
    })
    .await?;
    Ok(page::respond::<FormatPage, _>(&req, items, next))
}

/// Write down a new format, as its version 1 (officials and admins).
#[utoipa::path(
    tag = "formats",
    security(("bearer" = ["content"])),
    request_body = NewFormatRequest,
    responses(
        (status = 201, description = "Created", body = Format),
        (status = 409, description = "Slug already used", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/formats")]
pub async fn create_format(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewFormatRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks.add(r.content.check_distinct_keys());
    checks.finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let row = queries::insert(conn, r, Some(auth.id))?;
        queries::present(conn, row)
    })
    .await?;
    Ok(HttpResponse::Created().insert_header(("Location", format!("/api/v1/formats/{}", created.slug))).json(created))
}

/// One format, by id or slug: its history and its latest version in full.
#[utoipa::path(
    tag = "formats",
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "The format", body = Format))
)]
#[get("/formats/{id}")]
pub async fn get_format(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Format>> {
    let key = id.into_inner();
    let format = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, &key)?;
        queries::present(conn, row)
    })
    .await?;
    Ok(web::Json(format))
}

/// Rename a format (officials and admins). Its versions are not touched: to change what the
/// format says, publish a new version.
#[utoipa::path(
    tag = "formats",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = FormatChanges,
    responses((status = 200, description = "Updated", body = Format))
)]
#[patch("/formats/{id}")]
pub async fn update_format(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<FormatChanges>,
) -> ApiResult<web::Json<Format>> {
    auth.require(Permission::EditContent)?;
    let c = body?.into_inner();
    Checks::of(c.validate()).finish()?;
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, &key)?;
        let row = queries::rename(conn, current, c.name, auth.id)?;
        queries::present(conn, row)
    })
    .await?;
    Ok(web::Json(updated))
}

/// Publish a new version of a format (officials and admins), written from the latest one
/// (`based_on`) with a change note. The versions before stay readable at their own URLs.
#[utoipa::path(
    tag = "formats",
    security(("bearer" = ["content"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = NewVersionRequest,
    responses(
        (status = 201, description = "Published", body = FormatVersion),
        (status = 409, description = "`based_on` is not the latest version any more (`stale_version`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/formats/{id}/versions")]
pub async fn publish_version(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<NewVersionRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let r = body?.into_inner();
    let mut checks = Checks::of(r.validate());
    checks.add(r.content.check_distinct_keys());
    checks.finish()?;
    let key = id.into_inner();
    let published = db::transaction(&state.pool, move |conn| {
        let (format, version) = queries::publish(conn, &key, r, Some(auth.id))?;
        Ok(queries::present_version(conn, &format, version)?)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/formats/{}/versions/{}", published.format, published.version)))
        .json(published))
}

fn version_number(raw: &str) -> ApiResult<i64> {
    raw.parse::<i64>().ok().filter(|n| (1..=100_000).contains(n)).ok_or_else(|| ApiError::not_found("Format version"))
}

/// One version of a format, as it was published.
#[utoipa::path(
    tag = "formats",
    params(
        ("id" = String, Path, description = "Numeric id or slug of the format"),
        ("version" = i32, Path, description = "Version number", minimum = 1, maximum = 100000),
    ),
    responses((status = 200, description = "The version", body = FormatVersion))
)]
#[get("/formats/{id}/versions/{version}")]
pub async fn get_version(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> ApiResult<web::Json<FormatVersion>> {
    let (key, number) = path.into_inner();
    let number = version_number(&number)?;
    let version = db::run(&state.read_pool, move |conn| {
        let format = queries::find(conn, &key)?;
        let row = queries::version(conn, &format, number)?;
        Ok(queries::present_version(conn, &format, row)?)
    })
    .await?;
    Ok(web::Json(version))
}

/// A published version is never changed: this answers `409 version_published` (after the
/// usual 401/403/404), and says to publish a new version instead.
#[utoipa::path(
    tag = "formats",
    security(("bearer" = ["content"])),
    params(
        ("id" = String, Path, description = "Numeric id or slug of the format"),
        ("version" = i32, Path, description = "Version number", minimum = 1, maximum = 100000),
    ),
    request_body(content = serde_json::Value, description = "Anything: it is refused"),
    responses(
        (status = 409, description = "Published versions are frozen (`version_published`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/formats/{id}/versions/{version}")]
pub async fn change_version(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::EditContent)?;
    let (key, number) = path.into_inner();
    let number = version_number(&number)?;
    db::run(&state.read_pool, move |conn| {
        let format = queries::find(conn, &key)?;
        queries::version(conn, &format, number)?;
        Err::<(), _>(ApiError::Conflict {
            code: crate::resources::formats::codes::VERSION_PUBLISHED,
            detail: format!(
                "Version {number} of this format is published and will not change: publish a new version (POST /formats/{}/versions) with a change note.",
                format.slug
            ),
        })
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What changed between two versions, word by word over their whole documents.
#[utoipa::path(
    tag = "formats",
    params(
        ("id" = String, Path, description = "Numeric id or slug of the format"),
        CompareParams,
    ),
    responses((status = 200, description = "The comparison", body = FormatComparison))
)]
#[get("/formats/{id}/compare")]
pub async fn compare_versions(
    state: web::Data<AppState>,
    id: web::Path<String>,
    params: web::Query<CompareParams>,
) -> ApiResult<web::Json<FormatComparison>> {
    let key = id.into_inner();
    let CompareParams { from, to } = params.into_inner();
    let mut checks = Checks::default();
    for (field, n) in [("from", from), ("to", to)] {
        if !(1..=100_000).contains(&n) {
            checks.add(Err(ApiError::field(field, "range", "must be between 1 and 100000")));
        }
    }
    checks.finish()?;
    let comparison = db::run(&state.read_pool, move |conn| {
        let format = queries::find(conn, &key)?;
        let old = queries::version(conn, &format, from)?;
        let new = queries::version(conn, &format, to)?;
        let (segments, words_inserted, words_deleted) = document::compare(&old.document, &new.document);
        Ok(FormatComparison {
            format: format.slug.clone(),
            from: queries::present_summary(&old),
            to: queries::present_summary(&new),
            segments,
            words_inserted,
            words_deleted,
        })
    })
    .await?;
    Ok(web::Json(comparison))
}
