//! The multi-stakeholder forum (the IRM's first recommendation for FR0041; OGP's Participation
//! and Co-Creation Standards): its members from the administration and civil society, each for
//! a term, with the balance shown; the forums that are its meetings, with their public record
//! (attendance, organisations present where people agreed, minutes); and its cadence — at least
//! two meetings in 12 months, never six months apart. Anyone reads; admins write; a person
//! registered for a meeting decides whether their organisation is named.

pub mod dto;
mod handlers;
pub mod model;
pub mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the forum is not a meeting of the multi-stakeholder forum.
        NOT_A_STAKEHOLDER_MEETING => ("not_a_stakeholder_meeting", "Ce forum n'est pas une réunion du forum multi-acteurs."),
        /// 409: only a person registered for the meeting can agree to name their organisation.
        NO_REGISTRATION => ("no_registration", "Inscrivez-vous d'abord à ce forum : l'accord concerne les personnes présentes."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        STAKEHOLDER_MEMBER_ADDED => "stakeholder_member.added",
        STAKEHOLDER_MEMBER_UPDATED => "stakeholder_member.updated",
        STAKEHOLDER_MEMBER_REMOVED => "stakeholder_member.removed",
        FORUM_MARKED_STAKEHOLDER_MEETING => "forum.stakeholder_meeting_marked",
        FORUM_UNMARKED_STAKEHOLDER_MEETING => "forum.stakeholder_meeting_unmarked",
        ORGANISATION_SHARED => private "forum.organisation_shared",
        ORGANISATION_UNSHARED => private "forum.organisation_unshared",
    }
}

/// The multi-stakeholder forum.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("stakeholder-forum", "The multi-stakeholder forum: members, meetings and cadence")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::get_stakeholder_forum)
            .service(handlers::list_members)
            .service(handlers::add_member)
            .service(handlers::update_member)
            .service(handlers::remove_member)
            .service(handlers::get_meeting)
            .service(handlers::mark_meeting)
            .service(handlers::unmark_meeting)
            .service(handlers::get_consent)
            .service(handlers::give_consent)
            .service(handlers::withdraw_consent);
    }),
    events: events::ALL,
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
