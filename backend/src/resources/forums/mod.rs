//! Thematic Open d'État forums: when and where they meet, and the commitments they work on.
//! Anyone reads; officials and admins write; admins delete or archive.

pub mod calendar;
mod dto;
mod handlers;
pub mod model;
pub mod organisers;
pub mod queries;

pub use dto::{CommitmentRef, Forum, When, FORUM_TIMEZONE};

/// Thematic Open d'État forums.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("forums", "Thematic Open d'État forums")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_forums)
            .service(handlers::forums_calendar)
            .service(handlers::forum_calendar)
            .service(handlers::list_forum_comments)
            .service(handlers::create_forum_comment)
            .service(handlers::create_forum)
            .service(handlers::get_forum)
            .service(handlers::update_forum)
            .service(handlers::delete_forum)
            .service(handlers::restore_forum)
            .service(organisers::list_organisers)
            .service(organisers::add_organiser)
            .service(organisers::remove_organiser);
    }),
    at_root: None,
    unique: &[("forums_slug_key", "A forum already has this slug.")],
    schemas: crate::schemas![When],
};
