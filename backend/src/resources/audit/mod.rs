//! The audit trail: every administrative, official and moderation write, as the event log
//! recorded it in the write's own transaction (who, when, what, which record, before and
//! after). Admins read it; nobody changes it (the database refuses UPDATE and DELETE on events).

mod dto;
mod handlers;
pub mod queries;

/// The audit trail.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_audit);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
