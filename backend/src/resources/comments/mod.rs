//! The public discussion: comments on a subject (a forum, a commitment, a milestone…),
//! threaded to any depth.

pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;

pub use dto::{Comment, ReplyPage, MAX_REPLIES_PER_THREAD};

/// Public discussion on forums, commitments and milestones.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("comments", "Public discussion on forums, commitments and milestones")],
    api_v1: Some(|cfg| {
        // Each discussable resource registers its own discussion routes (`discussion_routes!`).
        cfg.service(handlers::list_recent_comments)
            .service(handlers::get_comment)
            .service(handlers::list_replies)
            .service(handlers::update_comment)
            .service(handlers::delete_comment)
            .service(handlers::moderate_comment)
            .service(handlers::set_reaction)
            .service(handlers::remove_reaction);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![dto::ListMode, dto::ThreadSort, dto::Stance, ReplyPage],
};
