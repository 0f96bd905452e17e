//! Liveness and readiness probes for load balancers and orchestrators.

use actix_web::{get, web, HttpResponse};
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`, or what is wrong.
    pub status: String,
    /// What an operator should know while the service is ready (`/readyz`): a transaction of
    /// this database open longer than `CHANGE_FEED_HOLD_WARNING_SECS`, which holds the change
    /// feed back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The process is up (does not touch the database).
#[utoipa::path(tag = "operations", responses((status = 200, description = "Up", body = Health)))]
#[get("/healthz")]
pub async fn healthz() -> HttpResponse {
    HttpResponse::Ok().json(Health { status: "ok".into(), detail: None })
}

/// The database is reachable and fully migrated (and, in `detail`, what holds the change feed
/// back).
#[utoipa::path(
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = Health),
        (status = 503, description = "Not ready", body = Health),
    )
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let bound = state.change_feed_hold_warning;
    let status = crate::db::run(&state.pool, move |conn| {
        let pending = crate::db::has_pending_migrations(conn).map_err(|_| "database unreachable");
        // Not a reason to be unready: requests are served; the feed waits.
        let long = crate::events::long_transaction(conn, bound).ok().flatten();
        Ok(pending.map(|p| (p, long)))
    })
    .await
    .unwrap_or(Err("database unreachable"))
    .and_then(|(pending, long)| if pending { Err("migrations pending") } else { Ok(long) });
    match status {
        Ok(long) => {
            if let Some(found) = &long {
                crate::events::report_long_transaction(found);
            }
            HttpResponse::Ok().json(Health { status: "ok".into(), detail: long.map(|l| l.to_string()) })
        }
        Err(why) => HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "2"))
            .json(Health { status: why.into(), detail: None }),
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
