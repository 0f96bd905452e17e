//! The personal data document: one section per kind of record, each row what the person can
//! see of it (no secret, no one else's personal data).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use crate::resources::users::Account;

/// Everything the platform holds about the signed-in person.
#[derive(Debug, Serialize, ToSchema)]
pub struct PersonalData {
    /// When this copy was made.
    pub generated_at: DateTime<Utc>,
    pub account: Account,
    /// How notifications come by mail (`immediate`, `daily`, `off`); absent: the default (`daily`).
    pub notification_mail: Option<String>,
    pub comments: Vec<DataComment>,
    pub reactions: Vec<DataReaction>,
    /// Comments the person reported, and what moderation decided.
    pub reports: Vec<DataReport>,
    pub registrations: Vec<DataRegistration>,
    pub questions: Vec<DataQuestion>,
    pub feedback: Vec<DataFeedback>,
    /// Progress updates the person published for their institution (officials).
    pub progress_updates: Vec<DataProgressUpdate>,
    pub follows: Vec<DataFollow>,
    pub notifications: Vec<DataNotification>,
    /// The person's API tokens: names, scopes and use, never the secret.
    pub api_tokens: Vec<DataToken>,
    /// The person's sessions (signed-in devices), on or over, as long as they are kept.
    pub sessions: Vec<DataSession>,
    /// The person's identities at ProConnect or FranceConnect: what the provider said.
    pub identities: Vec<DataIdentity>,
    /// Proposals the person made for a plan being co-created.
    pub proposals: Vec<DataProposal>,
    /// Proposals the person supports (private: only counts are public).
    pub supports: Vec<DataSupport>,
    /// Meetings of the multi-stakeholder forum at which the person agreed that their
    /// organisation be named among those present.
    pub organisation_consents: Vec<DataOrganisationConsent>,
}

/// A consent to name one's organisation among those present at a meeting.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataOrganisationConsent {
    pub forum_id: i64,
    pub given_at: DateTime<Utc>,
}

/// A proposal the person made, as they wrote it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataProposal {
    pub id: i64,
    pub action_plan_id: i64,
    pub title: String,
    pub problem: String,
    pub solution: String,
    pub created_at: DateTime<Utc>,
}

/// A proposal the person supports.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataSupport {
    pub proposal_id: i64,
    pub created_at: DateTime<Utc>,
}

/// An identity at a provider, as the provider gave it at the last sign-in.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataIdentity {
    pub provider: String,
    /// The provider's identifier of the person (`sub`).
    pub subject: String,
    pub email: String,
    /// ProConnect: the establishment the official signed in for.
    pub siret: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

/// A session: the device as summarised, the address family, and its times.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataSession {
    pub device: String,
    pub address_family: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// What a record is about: its kind (`forum`, `commitment`, `milestone`…) and id.
#[derive(Debug, Serialize, ToSchema)]
pub struct DataSubject {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataComment {
    pub id: i64,
    pub subject: DataSubject,
    pub parent_id: Option<i64>,
    /// As written (Markdown).
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Set when moderation hid it.
    pub hidden_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataReaction {
    pub comment_id: i64,
    pub useful: bool,
    /// `agree` or `disagree`, or none.
    pub stance: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataReport {
    pub comment_id: i64,
    pub reason: String,
    pub details: Option<String>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub resolution: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataRegistration {
    pub forum_id: i64,
    /// `registered`, `waitlisted` or `cancelled`.
    pub status: String,
    /// The code shown at the door.
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub promoted_at: Option<DateTime<Utc>>,
    pub cancelled_at: Option<DateTime<Utc>>,
    pub checked_in_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataQuestion {
    pub id: i64,
    /// What it asks about.
    pub about: DataSubject,
    pub title: String,
    pub body: String,
    pub asked_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFeedback {
    pub forum_id: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub answers: Vec<DataFeedbackAnswer>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFeedbackAnswer {
    pub question_key: String,
    pub rating: Option<i32>,
    pub text: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataProgressUpdate {
    pub id: i64,
    pub milestone_id: i64,
    pub as_of: NaiveDate,
    pub status: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataFollow {
    pub subject: DataSubject,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataNotification {
    /// Why it came (`reply`, `mention`, `new_comment`…).
    pub reason: String,
    pub subject: Option<DataSubject>,
    pub comment_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DataToken {
    pub name: String,
    /// `personal` or `app`.
    pub kind: String,
    /// The recognisable start of the token (not a secret).
    pub prefix: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    /// `ipv4` or `ipv6`: the only trace kept of where it was used from.
    pub last_used_family: Option<String>,
}

/// Erasing one's own account: the password again (a session left open on a shared computer
/// cannot erase it), and what becomes of the text of one's comments.
#[derive(Debug, serde::Deserialize, validator::Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EraseMyAccount {
    /// The account's current password; required unless the account has none (made at
    /// ProConnect or FranceConnect: then a sign-in there less than 10 minutes ago confirms).
    #[validate(length(min = 1, max = crate::auth::password::MAX_PASSWORD_LEN))]
    #[schema(format = "password", min_length = 1, max_length = 128)]
    pub password: Option<String>,
    /// Leave the text of one's comments in the threads, under "Compte supprimé" (as Discourse
    /// offers). By default the text goes and each comment stays as a tombstone. An institution's
    /// answer to a question is on the public record and keeps its text either way.
    #[serde(default)]
    pub keep_comment_text: bool,
}
