//! Cycles: a run of forums and the commitments it sets out to cover. A cycle's page shows its
//! forums, which of its commitments a forum worked on (or none yet), and its action items.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::CycleRef;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        CYCLE_CREATED => "cycle.created",
        CYCLE_UPDATED => "cycle.updated",
    }
}

/// Cycles of forums.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("cycles", "Cycles of forums and the commitments they cover")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_cycles)
            .service(handlers::create_cycle)
            .service(handlers::get_cycle)
            .service(handlers::update_cycle);
    }),
    at_root: None,
    unique: &[("cycles_slug_key", "Another cycle already uses this slug.")],
    schemas: crate::schemas![],
    events: events::ALL,
    change_feed: Some("cycle"),
    record: Some(&RECORD),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /cycles/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/cycles/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, &id.to_string())?;
    crate::registry::json(queries::present(conn, row)?)
}
