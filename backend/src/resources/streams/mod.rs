//! The stream of a subject (`GET /subjects/{type}/{key}/stream`): Server-Sent Events of what
//! happens to one forum, commitment, milestone, question or action item and its discussion —
//! comments posted, edited, hidden or deleted, reaction counts, progress reported, the record's
//! own changes. The kernel's `live` module feeds it; this resource answers the route.

mod dto;
mod handlers;

/// Live streams.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("streams", "Live streams (Server-Sent Events) of a subject and its discussion")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::subject_stream);
    }),
    schemas: crate::schemas![dto::StreamMessage],
    ..crate::registry::Resource::NONE
};
