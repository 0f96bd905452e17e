//! `GET /search`.

use actix_web::{get, web, HttpRequest, HttpResponse};

use super::dto::{SearchPage, SearchParams};
use super::queries::{self, After};
use crate::db;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// Search commitments, milestones, forums and public comments.
#[utoipa::path(
    tag = "search",
    params(SearchParams, PageParams),
    responses((status = 200, description = "A page of results, best first", body = SearchPage))
)]
#[get("/search")]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<SearchParams>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    // The contract's rule, as written: 1 to 200 characters as sent, not all blank.
    let len = params.q.chars().count();
    if len == 0 || len > 200 {
        return Err(ApiError::field_with(
            "q",
            "length",
            "must be between 1 and 200 characters long",
            serde_json::json!({"min": 1, "max": 200}),
        ));
    }
    let q = params.q.trim().to_string();
    if q.is_empty() {
        return Err(ApiError::field("q", "blank", "must not be blank"));
    }
    let kind = params.kind;
    let after: After = page.cursor()?;
    let (items, next) =
        db::run(&state.read_pool, move |conn| Ok(queries::search(conn, &q, kind, after, limit)?)).await?;
    Ok(page::respond::<SearchPage, _>(&req, items, next))
}
