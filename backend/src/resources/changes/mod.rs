//! `GET /changes`: what was created, updated or deleted, in commit order, from the event log.
//! A client that syncs a list with `updated_since` cannot learn of deletions from the list
//! itself; this feed tells it, and where to start next time (an opaque position).

mod dto;
mod handlers;
pub mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 400: a `since` position this log did not produce (or one from the future).
        INVALID_POSITION => ("invalid_position", "Cette position ne vient pas de ce journal : recommencez sans elle."),
    }
}

/// The change feed.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("sync", "Incremental synchronisation: changes, deletions included")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_changes);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
