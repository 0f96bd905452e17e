//! Feedback on held forums: participants answer their format version's questionnaire once and
//! may change it until answers close; results are public in aggregate only (none below 5
//! answers, free text once approved, never names), per forum and per format version side by
//! side; organisers publish what they changed.

mod dto;
mod handlers;
pub mod queries;

/// Feedback.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
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
};
