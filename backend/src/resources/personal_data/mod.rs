//! Personal data (RGPD, articles 15 and 20): `GET /me/data`, everything the platform holds about
//! the signed-in person, as one JSON document to keep — the account, what they wrote, reacted,
//! reported, registered for, asked, followed, were notified of, and their tokens (no secrets).
//! Sessions only: a token never carries the `account` scope, so a leaked token cannot take it.
//! And erasure (article 17): `POST /me/erasure` by the person, `POST /admin/users/{id}/erasure`
//! by an admin (`erasure`).

mod dto;
pub mod erasure;
mod handlers;
mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the platform's only admin cannot erase their account.
        LAST_ADMIN => ("last_admin", "Vous êtes le seul administrateur : nommez-en un autre avant de supprimer votre compte."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        USER_ERASED => "user.erased",
    }
}

/// Personal data.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("personal_data", "Personal data: a copy of everything the platform holds about the signed-in person")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::my_data).service(handlers::erase_my_account).service(handlers::erase_account);
    }),
    events: events::ALL,
    codes: codes::ALL,
    schemas: crate::schemas![],
    ..crate::registry::Resource::NONE
};
