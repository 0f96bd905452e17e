//! The contract's types for follows, notifications, mail preferences and mention suggestions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::subjects::Described;

crate::text_enum! {
    /// Why a member hears of something.
    NotificationReason {
        /// Someone replied to their comment.
        Reply => "reply",
        /// Someone named them (`@Nom affiché`) in a comment.
        Mention => "mention",
        /// A new comment on something they follow.
        NewComment => "new_comment",
        /// A progress update on a milestone they follow (or on a milestone of a commitment
        /// they follow).
        Progress => "progress",
        /// Their question (or one they follow) was answered.
        Answer => "answer",
        /// An action item they follow changed status.
        ActionItemStatus => "action_item_status",
        /// A forum they registered for (or follow) changed time or place.
        ForumChanged => "forum_changed",
        /// A forum they registered for (or follow) is cancelled.
        ForumCancelled => "forum_cancelled",
        /// A seat was freed: they moved from the waitlist to registered.
        Promoted => "promoted",
        /// A webhook endpoint of their app (or that they registered for the platform) was
        /// turned off after five days of failed deliveries (`link`: its page).
        WebhookDisabled => "webhook_disabled",
        /// The co-creation timeline of a plan they follow was published.
        TimelinePublished => "timeline_published",
        /// A phase of the co-creation of a plan they follow opened.
        PhaseOpened => "phase_opened",
        /// Their proposal (or one they follow) was answered.
        ProposalAnswered => "proposal_answered",
        /// Their proposal (or one they follow) was merged into another.
        ProposalMerged => "proposal_merged",
        /// A document was attached to something they follow, or a new version of its file
        /// uploaded.
        Document => "document",
    }
}

crate::text_enum! {
    /// How a member hears of notifications by mail.
    MailPreference {
        /// No mail: the notifications wait in the web app.
        Off => "off",
        /// One mail per notification, as it comes.
        Immediate => "immediate",
        /// One mail a day (at 7:00, Paris time) with the notifications not yet read (default).
        Daily => "daily",
    }
}

/// Who caused a notification.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationActor {
    pub id: i64,
    pub display_name: String,
}

/// One notification of the signed-in member.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Notification {
    pub id: i64,
    pub reason: NotificationReason,
    /// What it is about (null if that was deleted since, or if it is not a subject: see `link`).
    pub subject: Option<Described>,
    /// What it is about when that is no subject: a page of the web app and its title (a
    /// webhook endpoint's page, titled with its URL).
    pub link: Option<NotificationLink>,
    /// Who did it (null for what nobody in particular did, or an erased account).
    pub actor: Option<NotificationActor>,
    /// The comment it is about (a reply, a mention, a new comment).
    pub comment_id: Option<i64>,
    /// The beginning of that comment's text, as its author wrote it (markdown); null once the
    /// comment is deleted or hidden.
    pub excerpt: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A page of the web app a notification is about.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NotificationLink {
    pub title: String,
    /// Its path in the web app (`/compte/webhooks/3`).
    pub path: String,
}

crate::page_type!(NotificationPage, Notification, "A page of notifications, newest first.");

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationListParams {
    /// Only those not yet read.
    pub unread: Option<bool>,
}

/// How many notifications wait unread, counted up to `UNREAD_COUNT_CAP` (the header shows
/// "99+" beyond).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnreadCount {
    /// Unread notifications, at most 100.
    pub unread: i64,
    /// True when there are more than `unread` says.
    pub more: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReadAllParams {
    /// Only those up to this notification id (the newest the reader saw), so that one arriving
    /// meanwhile stays unread. All when absent.
    #[param(minimum = 1)]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub up_to: Option<i64>,
}

/// How many notifications were marked read.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MarkedRead {
    pub marked: i64,
}

/// Whether the signed-in member follows a subject.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FollowState {
    pub following: bool,
    /// Since when (null when not following).
    pub since: Option<DateTime<Utc>>,
    /// How many members follow it.
    pub followers: i64,
}

/// A subject the member follows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Followed {
    pub subject: Described,
    pub since: DateTime<Utc>,
}

crate::page_type!(FollowPage, Followed, "A page of what the member follows, latest followed first.");

/// How notifications come by mail.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationSettings {
    pub mail: MailPreference,
}

#[derive(Debug, Deserialize, IntoParams, Validate)]
#[into_params(parameter_in = Query)]
pub struct SuggestionParams {
    /// The start of a display name (1 to 60 characters, any case).
    #[validate(length(min = 1, max = 60))]
    #[param(min_length = 1, max_length = 60)]
    pub q: String,
    /// At most this many (1 to 10, default 8).
    #[param(minimum = 1, maximum = 10)]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub limit: Option<i64>,
}

/// A member one may mention: `@` followed by their display name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MentionSuggestion {
    pub id: i64,
    pub display_name: String,
    /// What to write after the `@`.
    pub handle: String,
    pub organisation: Option<String>,
}
