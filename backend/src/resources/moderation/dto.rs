//! Moderation in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::http::validation::not_blank;
use crate::resources::comments::dto::Comment;
use crate::subjects::Described;

crate::text_enum! {
    /// Why a comment is reported.
    ReportReason {
        Spam => "spam",
        Abuse => "abuse",
        OffTopic => "off_topic",
        PersonalData => "personal_data",
        Other => "other",
    }
}

/// A report of a comment (members; once per person per comment).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewReportRequest {
    pub reason: ReportReason,
    /// Required with `other` (422 otherwise), optional else.
    #[validate(length(min = 1, max = 1000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 1000, pattern = r"\S")]
    pub details: Option<String>,
}

/// The report as its author sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Report {
    pub id: i64,
    pub comment_id: i64,
    pub reason: ReportReason,
    pub created_at: DateTime<Utc>,
    /// Whether this report hid the comment at once (`AUTO_HIDE_REPORTS`).
    pub hid_comment: bool,
}

/// One report in the queue (who made it is not shown).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueuedReport {
    pub reason: ReportReason,
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A reported comment and its open reports, for moderators.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportedComment {
    /// As moderators see it (the text even if hidden).
    pub comment: Comment,
    /// The discussion it is in.
    pub subject: Described,
    pub first_reported_at: DateTime<Utc>,
    /// Oldest first.
    pub reports: Vec<QueuedReport>,
}

crate::page_type!(
    ReportQueuePage,
    ReportedComment,
    "A page of the queue: reported comments, the longest waiting first."
);

/// Hide a reported comment (moderators): the reason is shown to everyone in its place.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideRequest {
    #[validate(length(min = 1, max = 300), custom(function = "not_blank"))]
    #[schema(example = "propos injurieux", min_length = 1, max_length = 300, pattern = r"\S")]
    pub reason: String,
}

/// Suspend an account (moderators: members and officials; admins: anyone but themselves).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SuspensionRequest {
    /// When it ends by itself (in the future); absent or null: until lifted.
    #[serde(default, deserialize_with = "crate::http::validation::opt_instant")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub until: Option<DateTime<Utc>>,
    /// Mailed to the account's owner.
    #[validate(length(min = 1, max = 2000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub message: String,
}

/// A suspension as it stands.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Suspension {
    pub user_id: i64,
    pub suspended_at: DateTime<Utc>,
    pub until: Option<DateTime<Utc>>,
}

crate::text_enum! {
    /// What moderation did to a comment.
    ModerationAction {
        Hidden => "hidden",
        Restored => "restored",
    }
}

/// One entry of the public moderation log: what, when, why — never by whom.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModerationLogEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub action: ModerationAction,
    pub comment_id: i64,
    /// The reason given (for a restore, the reason it had been hidden for).
    pub reason: Option<String>,
    /// Whether it was hidden automatically, after reports from several members.
    pub automatic: bool,
    /// The discussion the comment is in.
    pub subject: Option<Described>,
}

crate::page_type!(ModerationLogPage, ModerationLogEntry, "A page of the public moderation log, newest first.");
