//! `GET /changes`: what was created, updated or deleted, in commit order, from the event log.
//! A client that syncs a list with `updated_since` cannot learn of deletions from the list
//! itself; this feed tells it, and where to start next time (an opaque position).

mod dto;
mod handlers;
pub mod queries;

/// The change feed.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("sync", "Incremental synchronisation: changes, deletions included")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_changes);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
};
