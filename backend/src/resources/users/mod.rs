//! User accounts: the stored model and its queries, public profiles, and the admin's user
//! management (roles, suspension).

mod dto;
mod handlers;
pub mod queries;

pub use dto::{Account, AccountPage, PublicUser};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        USER_CREATED => "user.created",
        USER_UPDATED => "user.updated",
    }
}

/// Public profiles, and accounts as admins manage them.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("users", "Public profiles"), ("admin", "Administration (admins only)")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::get_user).service(handlers::list_users).service(handlers::update_user);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    events: events::ALL,
    ..crate::registry::Resource::NONE
};
