//! The routes of every resource (`resources::RESOURCES`): `/api/v1` and the probes at the root.

use utoipa_actix_web::service_config::ServiceConfig;

pub use crate::resources::RESOURCES;

/// Every `/api/v1` route. Registering here is what puts a handler in the OpenAPI contract.
pub fn api_v1(cfg: &mut ServiceConfig) {
    for resource in RESOURCES {
        if let Some(configure) = resource.api_v1 {
            configure(cfg);
        }
    }
}

/// The routes outside `/api/v1` (probes).
pub fn at_root(cfg: &mut ServiceConfig) {
    for resource in RESOURCES {
        if let Some(configure) = resource.at_root {
            configure(cfg);
        }
    }
}

/// Every resource's unique constraints, for the 409s (`http::problem`).
pub fn unique_constraints() -> impl Iterator<Item = (&'static str, &'static str)> {
    RESOURCES.iter().flat_map(|r| r.unique.iter().copied())
}
