//! Registrations for forums: a member registers and cancels; with N seats the first N are
//! registered and the others waitlisted in arrival order; a cancellation promotes the first
//! person waiting. Private: a person sees their own, organisers (officials, admins) a forum's
//! list; everyone sees only the counts.

mod dto;
mod handlers;
pub mod mails;
pub mod model;
pub mod queries;

pub use dto::RegistrationStatus;

/// Registrations for forums.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("registrations", "Registrations for forums (private: one's own, or organisers')")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::registration_summary)
            .service(handlers::my_registration)
            .service(handlers::cancel_my_registration)
            .service(handlers::register_for_forum)
            .service(handlers::forum_registrations)
            .service(handlers::my_registrations)
            .service(handlers::check_in_by_code)
            .service(handlers::check_in_from_list)
            .service(handlers::export_registrations);
    }),
    at_root: None,
    unique: &[
        ("registrations_active_key", "You are already registered for this forum (or on its waitlist)."),
        ("registrations_code_key", "Two registrations drew the same code; try again."),
    ],
    schemas: crate::schemas![],
};
