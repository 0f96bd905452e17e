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

/// Reports, the moderators' queue, suspensions and the public log.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("moderation", "Reports, the moderators' queue, suspensions and the public moderation log")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::report_comment)
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
};
