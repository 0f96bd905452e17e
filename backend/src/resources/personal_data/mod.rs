//! Personal data (RGPD, articles 15 and 20): `GET /me/data`, everything the platform holds about
//! the signed-in person, as one JSON document to keep — the account, what they wrote, reacted,
//! reported, registered for, asked, followed, were notified of, and their tokens (no secrets).
//! Sessions only: a token never carries the `account` scope, so a leaked token cannot take it.

mod dto;
mod handlers;
mod queries;

/// Personal data.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("personal_data", "Personal data: a copy of everything the platform holds about the signed-in person")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::my_data);
    }),
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
