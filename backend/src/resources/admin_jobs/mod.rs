//! The background job queue as admins see it: what waits, what runs, and above all what
//! failed for good (kept with its last error, so that a mail that never left is noticed).

mod handlers;

/// The job queue, for admins.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_jobs);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
