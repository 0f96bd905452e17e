//! User accounts: the stored model and its queries, public profiles, and the admin's user
//! management (roles, suspension).

mod dto;
mod handlers;
pub mod queries;

pub use dto::{Account, AccountPage, PublicUser};

/// Public profiles, and accounts as admins manage them.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("users", "Public profiles"), ("admin", "Administration (admins only)")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::get_user).service(handlers::list_users).service(handlers::update_user);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
};
