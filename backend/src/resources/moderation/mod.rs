//! Moderation in the open: members report comments (once each); moderators work from the queue
//! of open reports grouped by comment, oldest first — hide with a reason everyone sees, dismiss,
//! suspend an author for a period or until lifted, with a message mailed to them; optional
//! automatic hiding after N reports from distinct members (`AUTO_HIDE_REPORTS`, off by default).
//! The public log says what was hidden or restored, when and why — not by whom (the audit
//! trail, for admins, does).

mod dto;
mod handlers;
pub mod queries;

use dto::ReportReason;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: one does not report one's own comment (edit or delete it instead).
        OWN_COMMENT => ("own_comment", "On ne signale pas son propre commentaire : modifiez-le ou supprimez-le."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        COMMENT_REPORTED => private "comment.reported",
        REPORTS_DISMISSED => private "comment.reports_dismissed",
        USER_SUSPENDED => "user.suspended",
        USER_UNSUSPENDED => "user.unsuspended",
    }
}

/// Reports, the moderators' queue, suspensions and the public log.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("moderation", "Reports, the moderators' queue, suspensions and the public moderation log")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::moderate_comment)
            .service(handlers::report_comment)
            .service(handlers::list_reports)
            .service(handlers::hide_reported)
            .service(handlers::dismiss_reports)
            .service(handlers::suspend_user)
            .service(handlers::lift_suspension)
            .service(handlers::moderation_log);
    }),
    at_root: None,
    unique: &[("comment_reports_once", "You already reported this comment.")],
    schemas: crate::schemas![ReportReason],
    events: events::ALL,
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
