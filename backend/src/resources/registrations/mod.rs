//! Registrations for forums: a member registers and cancels; with N seats the first N are
//! registered and the others waitlisted in arrival order; a cancellation, a larger capacity or
//! reserved seats given back promote the first people waiting (`seats`). Private: a person sees their own, organisers (officials, admins) a forum's
//! list; everyone sees only the counts.

mod dto;
mod handlers;
pub mod lists;
pub mod mails;
pub mod model;
pub mod queries;
mod seats;

pub use dto::RegistrationStatus;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the person already has a registration (registered or waitlisted) for this forum.
        ALREADY_REGISTERED => ("already_registered", "Vous êtes déjà inscrit(e) à ce forum (ou sur sa liste d'attente)."),
        /// 409: the forum takes no registration now (not open yet, held, cancelled, archived or
        /// already begun).
        REGISTRATION_CLOSED => ("registration_closed", "Les inscriptions à ce forum ne sont pas ouvertes."),
        /// 409: only a registration with a seat is checked in (not a waitlisted or cancelled one).
        NOT_REGISTERED => ("not_registered", "Cette personne n'a pas de place à ce forum (liste d'attente ou inscription annulée)."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        REGISTRATION_CREATED => "registration.created",
        REGISTRATION_PROMOTED => notifying "registration.promoted",
        REGISTRATION_CANCELLED => "registration.cancelled",
        REGISTRATION_CHECKED_IN => "registration.checked_in",
    }
}

/// Registrations for forums.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
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
    events: events::ALL,
    codes: codes::ALL,
    jobs: &[
        crate::jobs::worker::JobKind { kind: mails::REMINDERS_JOB, run: mails::run_reminders, routine: false },
        crate::jobs::worker::JobKind { kind: mails::FORUM_CHANGED_JOB, run: mails::run_forum_changed, routine: false },
        crate::jobs::worker::JobKind { kind: seats::RELEASE_JOB, run: seats::run_release, routine: false },
    ],
    subscriptions: &[crate::events::Subscription { job: mails::FORUM_CHANGED_JOB, to: forum_updated }],
    // Seats follow the forum in the transaction that changes it.
    // An erased account's seats at forums to come go to the people waiting, in the erasure's.
    reactions: &[
        crate::events::Reaction { to: forum_written, run: seats::follow_the_forum },
        crate::events::Reaction { to: account_erased, run: queries::cancel_for_erased },
    ],
    ..crate::registry::Resource::NONE
};

/// A forum announced or changed may free seats, or keep some until a new time.
fn forum_written(kind: crate::events::EventType) -> bool {
    use crate::resources::forums::events::{FORUM_CREATED, FORUM_UPDATED};
    kind == FORUM_CREATED || kind == FORUM_UPDATED
}

fn account_erased(kind: crate::events::EventType) -> bool {
    kind == crate::resources::personal_data::events::USER_ERASED
}

/// A change to a forum may concern the people registered for it.
fn forum_updated(kind: crate::events::EventType) -> bool {
    kind == crate::resources::forums::events::FORUM_UPDATED
}
