//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or what is wrong.
    pub status: String,
}

/// The process is up (does not touch the database).
#[utoipa::path(tag = "operations", responses((status = 200, description = "Up", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into() })
}

/// The database is reachable and fully migrated.
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Not ready", body = Health),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let status = crate::db::run(&state.pool, |conn| {
        Ok(crate::db::has_pending_migrations(conn).map_err(|_| "database unreachable"))
    })
    .await
    .unwrap_or(Err("database unreachable"))
    .and_then(|pending| if pending { Err("migrations pending") } else { Ok(()) });
    match status {
        Ok(()) => HttpResponse::Ok().json(Health { status: "ok".into() }),
        Err(why) => {
            HttpResponse::ServiceUnavailable().insert_header(("Retry-After", "2")).json(Health { status: why.into() })
        }
    }
}

/// Health probes, at the root (`/healthz`, `/readyz`).
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("operations", "Health probes")],
    api_v1: None,
    at_root: Some(|cfg| {
        cfg.service(healthz).service(readyz);
    }),
    unique: &[],
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
