//! Accounts and sessions: sign-up (answered alike for new and known addresses), sign-in, the
//! signed-in user's own account, the confirmation of an address and the reset of a forgotten
//! password by mailed single-use links.

mod dto;
mod handlers;
pub mod queries;

pub use dto::Session;

/// Accounts and sessions.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("auth", "Accounts and sessions")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::register)
            .service(handlers::login)
            .service(handlers::get_me)
            .service(handlers::update_me)
            .service(handlers::verify_email)
            .service(handlers::resend_verification)
            .service(handlers::request_password_reset)
            .service(handlers::reset_password);
    }),
    at_root: None,
    unique: &[("users_email_lower_key", "An account already uses this email address.")],
    schemas: crate::schemas![],
};
