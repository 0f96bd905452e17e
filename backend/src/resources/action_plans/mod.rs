//! National action plans (e.g. France 2018–2020): the containers of commitments.
//! Anyone reads; only admins write.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::ActionPlan;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: an action plan that still has commitments.
        HAS_COMMITMENTS => ("has_commitments", "Ce plan d'action a encore des engagements."),
    }
}

pub mod subject;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        ACTION_PLAN_CREATED => "action_plan.created",
        ACTION_PLAN_UPDATED => "action_plan.updated",
        ACTION_PLAN_DELETED => "action_plan.deleted",
    }
}

/// National action plans.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
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
    events: events::ALL,
    codes: codes::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("action_plan"),
    record: Some(&RECORD),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /action-plans/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/action-plans/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, &id.to_string())?;
    crate::registry::json(queries::present_one(conn, row)?)
}
