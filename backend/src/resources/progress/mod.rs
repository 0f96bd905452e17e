//! The progress log: dated, attributed updates on milestones in OGP's completion levels,
//! append-only (a correction is a new update naming the one it corrects; the database refuses
//! UPDATE, DELETE and TRUNCATE). A milestone's status and completion are its latest update's; a
//! commitment's completion is computed from its milestones, now and at each date of the log.

pub mod dto;
mod feed;
mod handlers;
pub mod queries;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        PROGRESS_REPORTED => notifying "milestone.progress_reported",
    }
}

/// The progress log.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("progress", "The progress log of milestones and the completion of commitments")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_progress)
            .service(handlers::report_progress)
            .service(handlers::get_progress_update)
            .service(handlers::commitment_progress)
            .service(feed::commitment_progress_feed);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    events: events::ALL,
    ..crate::registry::Resource::NONE
};
