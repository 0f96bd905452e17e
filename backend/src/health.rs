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
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
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
    let pool = state.pool.clone();
    let status = web::block(move || -> Result<(), String> {
        let mut conn = pool.get().map_err(|_| "database unreachable".to_string())?;
        match crate::db::has_pending_migrations(&mut conn) {
            Ok(false) => Ok(()),
            Ok(true) => Err("migrations pending".into()),
            Err(_) => Err("database unreachable".into()),
        }
    })
    .await;
    match status {
        Ok(Ok(())) => HttpResponse::Ok().json(Health {
            status: "ok".into(),
        }),
        Ok(Err(why)) => HttpResponse::ServiceUnavailable()
            .insert_header(("Retry-After", "2"))
            .json(Health { status: why }),
        Err(_) => HttpResponse::ServiceUnavailable().json(Health {
            status: "internal".into(),
        }),
    }
}
