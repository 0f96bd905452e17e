//! Cycles: a run of forums and the commitments it sets out to cover. A cycle's page shows its
//! forums, which of its commitments a forum worked on (or none yet), and its action items.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::CycleRef;

/// Cycles of forums.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
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
};
