//! National action plans (e.g. France 2018–2020): the containers of commitments.
//! Anyone reads; only admins write.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::ActionPlan;

/// National action plans.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("action-plans", "National action plans")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_action_plans)
            .service(handlers::create_action_plan)
            .service(handlers::get_action_plan)
            .service(handlers::update_action_plan)
            .service(handlers::delete_action_plan);
    }),
    at_root: None,
    unique: &[("action_plans_slug_key", "An action plan already has this slug.")],
    schemas: crate::schemas![],
};
