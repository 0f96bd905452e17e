//! `GET /admin/audit`.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};

use super::dto::{AuditFilters, AuditPage};
use super::queries;
use crate::auth::permission::Permission;
use crate::auth::AuthUser;
use crate::db;
use crate::db::ids::EventId;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, Checks};
use crate::AppState;

fn check(f: &AuditFilters) -> ApiResult<()> {
    // Like any query parameter outside its enum: the query string is wrong (400).
    if let Some(action) = f.action.as_deref().filter(|a| crate::events::EventType::parse(a).is_none()) {
        return Err(ApiError::BadRequest {
            code: crate::http::problem::ErrorCode::InvalidQuery,
            detail: format!(
                "Invalid query string: `action` {action:?} is not an event type (see EventType in the contract)."
            ),
        });
    }
    let mut checks = Checks::default();
    if f.actor.is_some_and(|a| a < 1) {
        checks.add(Err(ApiError::field_with(
            "actor",
            "range",
            "must be a user id (1 or more)",
            serde_json::json!({"min": 1}),
        )));
    }
    if let Some(kind) = f.subject_type.as_deref() {
        if kind.is_empty() || kind.len() > 40 || !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            checks.add(Err(ApiError::field(
                "subject_type",
                "pattern",
                "must be a kind of record in lowercase, e.g. forum or action_plan",
            )));
        }
    }
    if let Some(key) = f.subject_key.as_deref() {
        if key.is_empty() || key.chars().count() > 200 || key.contains('\0') {
            checks.add(Err(ApiError::field_with(
                "subject_key",
                "length",
                "must be between 1 and 200 characters long",
                serde_json::json!({"min": 1, "max": 200}),
            )));
        }
    }
    checks.finish()
}

/// The audit trail (admins only): every administrative, official and moderation write — role
/// changes and suspensions; what was created, changed, archived, restored or deleted among
/// action plans, commitments, milestones and forums; comments hidden, shown again or deleted by
/// someone else than their author — with who, when, which record, before and after. Newest
/// first. Entries cannot be changed or deleted, by anyone.
#[utoipa::path(
    tag = "admin",
    security(("bearer" = ["admin"])),
    params(AuditFilters, PageParams),
    responses((status = 200, description = "A page of the audit trail", body = AuditPage))
)]
#[get("/admin/audit")]
pub async fn list_audit(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    filters: web::Query<AuditFilters>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    auth.require(Permission::Administer)?;
    let filters = filters.into_inner();
    check(&filters)?;
    let limit = page.limit()?;
    let after: Option<(DateTime<Utc>, EventId)> = page.cursor()?;
    let rows = db::run(&state.read_pool, move |conn| Ok(queries::list(conn, &filters, after, limit + 1)?)).await?;
    let (items, next) = page::finish_page(rows, limit, |e| (e.at, e.id));
    Ok(page::respond::<AuditPage, _>(&req, items, next))
}
