//! The route table: every resource, once. Adding a resource is one line here (and its folder
//! under `resources/`): its routes, its tag in the contract and the meaning of its unique
//! constraints come with it.

use utoipa_actix_web::service_config::ServiceConfig;

use crate::http::Resource;
use crate::resources::{
    accounts, action_items, action_plans, admin_jobs, audit, changes, comments, commitments, cycles, feedback, formats,
    forums, health, institutions, milestones, moderation, notifications, progress, questions, registrations, search,
    users,
};

/// In the order of the contract's tags.
pub const RESOURCES: &[&Resource] = &[
    &accounts::RESOURCE,
    &action_plans::RESOURCE,
    &commitments::RESOURCE,
    &milestones::RESOURCE,
    &progress::RESOURCE,
    &institutions::RESOURCE,
    &questions::RESOURCE,
    &cycles::RESOURCE,
    &forums::RESOURCE,
    &formats::RESOURCE,
    &registrations::RESOURCE,
    &action_items::RESOURCE,
    &feedback::RESOURCE,
    &comments::RESOURCE,
    &moderation::RESOURCE,
    &notifications::RESOURCE,
    &search::RESOURCE,
    &changes::RESOURCE,
    &users::RESOURCE,
    &audit::RESOURCE,
    &admin_jobs::RESOURCE,
    &health::RESOURCE,
];

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
