//! `GET /admin/jobs`.

use actix_web::{get, web, HttpRequest, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::http::page::{self, PageParams};
use crate::http::problem::ApiResult;
use crate::jobs::{self, JobRow, JobState};
use crate::AppState;

crate::page_type!(JobPage, JobRow, "A page of background jobs, newest first.");

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobFilters {
    /// Only jobs in this state (`failed`: given up after their last attempt).
    pub state: Option<JobState>,
}

/// Background jobs, newest first (admins only). Payloads are not shown: they hold addresses.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(JobFilters, PageParams),
    responses((status = 200, description = "A page of jobs", body = JobPage))
)]
#[get("/admin/jobs")]
pub async fn list_jobs(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    filters: web::Query<JobFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Administer)?;
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let wanted = filters.state;
    let rows = db::run(&state.pool, move |conn| Ok(jobs::list(conn, wanted, after, limit + 1)?)).await?;
    let (items, next) = page::finish_page(rows, limit, |j| j.id);
    Ok(page::respond::<JobPage, _>(&req, items, next))
}
