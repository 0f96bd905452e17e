//! Commitments of an action plan (e.g. FR0041 "Open Etat Forum"), with their IRM review and
//! milestone progress. Anyone reads; officials and admins write; admins delete or archive.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::{ActionPlanRef, Commitment, MilestoneProgress};

/// Commitments of an action plan.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("commitments", "Commitments of an action plan")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_commitments)
            .service(handlers::list_commitment_comments)
            .service(handlers::create_commitment_comment)
            .service(handlers::create_commitment)
            .service(handlers::get_commitment)
            .service(handlers::update_commitment)
            .service(handlers::delete_commitment)
            .service(handlers::restore_commitment);
    }),
    at_root: None,
    unique: &[("commitments_code_key", "A commitment already has this code.")],
    schemas: crate::schemas![],
};
