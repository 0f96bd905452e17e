//! Milestones of a commitment (e.g. FR0041's 12.1–12.4) and their public progress status.
//! Anyone reads; officials and admins write; admins delete or archive.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::Milestone;

/// Milestones of a commitment and their progress.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("milestones", "Milestones of a commitment and their progress")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_all_milestones)
            .service(handlers::list_milestone_comments)
            .service(handlers::create_milestone_comment)
            .service(handlers::list_milestones)
            .service(handlers::create_milestone)
            .service(handlers::get_milestone)
            .service(handlers::update_milestone)
            .service(handlers::delete_milestone)
            .service(handlers::restore_milestone);
    }),
    at_root: None,
    unique: &[("milestones_commitment_id_code_key", "This commitment already has a milestone with this code.")],
    schemas: crate::schemas![],
};
