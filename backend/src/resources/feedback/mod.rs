//! Feedback on held forums: participants answer their format version's questionnaire once and
//! may change it until answers close; results are public in aggregate only (none below 5
//! answers, free text once approved, never names), per forum and per format version side by
//! side; organisers publish what they changed.

mod dto;
mod handlers;
pub mod queries;
pub mod results;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: this person has already given feedback on this forum (change it instead).
        ALREADY_ANSWERED => ("already_answered", "Vous avez déjà donné votre avis sur ce forum : vous pouvez le modifier."),
        /// 409: the forum takes no feedback now (no questionnaire, or answers closed).
        FEEDBACK_CLOSED => ("feedback_closed", "Ce forum ne recueille pas d'avis en ce moment."),
        /// 403: only the forum's participants give feedback on it.
        NOT_A_PARTICIPANT => ("not_a_participant", "Seuls les participants du forum donnent leur avis sur celui-ci."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        FEEDBACK_GIVEN => "feedback.given",
        FEEDBACK_RESPONSE_PUBLISHED => "forum.feedback_response_published",
    }
}

/// Feedback.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("feedback", "Participants' feedback on forums, published in aggregate only")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::forum_feedback)
            .service(handlers::give_feedback)
            .service(handlers::my_feedback)
            .service(handlers::change_feedback)
            .service(handlers::feedback_texts)
            .service(handlers::put_response)
            .service(handlers::approve_text)
            .service(handlers::withdraw_approval)
            .service(handlers::format_feedback);
    }),
    at_root: None,
    unique: &[("feedback_once_key", "You have already given feedback on this forum.")],
    schemas: crate::schemas![],
    events: events::ALL,
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
