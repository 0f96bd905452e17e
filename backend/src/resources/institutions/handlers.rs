//! `/institutions`: anyone reads; admins create and edit.

use actix_web::{get, patch, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{Institution, InstitutionChanges, InstitutionFilters, InstitutionPage, NewInstitutionRequest};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::InstitutionId;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiResult, Checks};
use crate::AppState;

/// Institutions in name order, with how many commitments each leads and supports.
#[utoipa::path(
    tag = "institutions",
    params(InstitutionFilters, PageParams),
    responses((status = 200, description = "A page of institutions", body = InstitutionPage))
)]
#[get("/institutions")]
pub async fn list_institutions(
    req: HttpRequest,
    state: web::Data<AppState>,
    filters: web::Query<InstitutionFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(String, InstitutionId)> = page.cursor()?;
    let f = filters.into_inner();
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let rows = queries::list(conn, &f, after, limit + 1)?;
        let (rows, next) = page::finish_page(rows, limit, |(key, i)| (key.clone(), InstitutionId(i.id)));
        Ok((rows.into_iter().map(|(_, i)| i).collect::<Vec<_>>(), next))
    })
    .await?;
    Ok(page::respond::<InstitutionPage, _>(&req, items, next))
}

/// Record an institution (admins).
#[utoipa::path(
    tag = "institutions",
    security(("bearer" = ["admin"])),
    request_body = NewInstitutionRequest,
    responses(
        (status = 201, description = "Created", body = Institution),
        (status = 409, description = "Slug or name already used (`already_exists`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/institutions")]
pub async fn create_institution(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewInstitutionRequest>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::ManageInstitutions)?;
    let r = body?.into_inner();
    Checks::of(r.validate()).finish()?;
    let created = db::transaction(&state.pool, move |conn| {
        let row = queries::insert(conn, r, auth.id)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/institutions/{}", created.slug)))
        .json(created))
}

/// One institution, by id or slug: the commitments it leads and supports, the action items it
/// owns, its officials.
#[utoipa::path(
    tag = "institutions",
    params(("id" = String, Path, description = "Numeric id or slug")),
    responses((status = 200, description = "The institution", body = Institution))
)]
#[get("/institutions/{id}")]
pub async fn get_institution(state: web::Data<AppState>, id: web::Path<String>) -> ApiResult<web::Json<Institution>> {
    let key = id.into_inner();
    let found = db::run(&state.read_pool, move |conn| {
        let row = queries::find(conn, &key)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(web::Json(found))
}

/// Change an institution (admins). A new name is copied to the commitments and action items
/// that name it.
#[utoipa::path(
    tag = "institutions",
    security(("bearer" = ["admin"])),
    params(("id" = String, Path, description = "Numeric id or slug")),
    request_body = InstitutionChanges,
    responses(
        (status = 200, description = "Updated", body = Institution),
        (status = 409, description = "Slug or name already used (`already_exists`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/institutions/{id}")]
pub async fn update_institution(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<String>,
    body: AuthedBody<InstitutionChanges>,
) -> ApiResult<web::Json<Institution>> {
    auth.require(Permission::ManageInstitutions)?;
    let c = body?.into_inner();
    Checks::of(c.validate()).finish()?;
    let key = id.into_inner();
    let updated = db::transaction(&state.pool, move |conn| {
        let current = queries::find(conn, &key)?;
        let row = queries::update(conn, current, c, auth.id)?;
        Ok(queries::present(conn, row)?)
    })
    .await?;
    Ok(web::Json(updated))
}
