//! Questions in the contract.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use crate::http::validation::not_blank;
use crate::resources::shared::refs::InstitutionRef;
use crate::subjects::Described;
use crate::types::Locale;

crate::text_enum! {
    /// Where a question stands: `awaiting` an answer within its deadline, `overdue` (past
    /// it), `long_overdue` (past twice it), `answered` (an answer stands).
    QuestionStatus {
        Awaiting => "awaiting",
        Overdue => "overdue",
        LongOverdue => "long_overdue",
        Answered => "answered",
    }
}

/// A question (members whose address is confirmed, where the platform requires it).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewQuestionRequest {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(
        example = "Quand le compte rendu du forum de mars sera-t-il publié ?",
        min_length = 1,
        max_length = 200,
        pattern = r"\S"
    )]
    pub title: String,
    /// Markdown.
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub body: String,
    /// The language it is written in (`fr` by default).
    pub lang: Option<Locale>,
}

/// An answer, posted as a reply in the question's discussion and marked as the answer
/// (officials of the institution it is addressed to).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAnswerRequest {
    /// Markdown.
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub body: String,
}

/// The asker says an answer is not one: it stays, shown as such, and the question awaits a
/// real answer again (its deadline unchanged).
#[derive(Debug, Default, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RejectionRequest {
    /// Why, in a few words.
    #[validate(length(max = 1000))]
    #[schema(max_length = 1000)]
    pub note: Option<String>,
}

/// Who asked (public name only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Asker {
    pub id: i64,
    pub display_name: String,
}

/// A reply marked as the answer. It is part of the public record: never deleted, and each
/// edit keeps the text it replaces (`earlier_versions`). A moderator may hide it: its text is
/// then withheld everywhere and it no longer counts as an answer (the question awaits again,
/// its deadline unchanged) until it is shown again.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionAnswer {
    pub id: i64,
    /// The reply in the question's discussion.
    pub comment_id: i64,
    /// Its text as sanitised HTML; null while a moderator hides it.
    pub body_html: Option<String>,
    /// The official's public name, when the account still exists.
    pub answered_by: Option<String>,
    pub answered_at: DateTime<Utc>,
    pub answered_on: NaiveDate,
    /// Working days it took (on the French public-holiday calendar).
    pub working_days: i32,
    /// Given on or before the due date.
    pub on_time: bool,
    /// Whether it is the answer that stands: not said to be no answer by the asker, not
    /// hidden, not set aside by a later answer given while it was hidden.
    pub stands: bool,
    /// Set when the asker said it is not an answer.
    pub rejected_at: Option<DateTime<Utc>>,
    pub rejection_note: Option<String>,
    /// Set while a moderator hides it, with the public reason.
    pub hidden_at: Option<DateTime<Utc>>,
    pub hidden_reason: Option<String>,
    /// Set when it was shown again after another answer took its place.
    pub superseded_at: Option<DateTime<Utc>>,
    /// When it was last edited (null: never).
    pub edited_at: Option<DateTime<Utc>>,
    /// The texts it had before, oldest first (none shown while it is hidden).
    pub earlier_versions: Vec<AnswerVersion>,
}

/// A text an answer had before an edit replaced it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AnswerVersion {
    /// Sanitised HTML.
    pub body_html: String,
    /// When this text was written (the answer, or the edit that made it).
    pub written_at: DateTime<Utc>,
    /// When an edit replaced it.
    pub replaced_at: DateTime<Utc>,
}

/// A question to an institution.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AskedQuestion {
    pub id: i64,
    pub title: String,
    /// Markdown, and below its sanitised HTML.
    pub body: String,
    pub body_html: String,
    pub lang: Locale,
    /// What it is about (a commitment, a milestone, an action item).
    pub about: Described,
    pub institution: InstitutionRef,
    /// Null once the account is erased.
    pub asked_by: Option<Asker>,
    pub asked_at: DateTime<Utc>,
    /// The Paris date it was asked on; the deadline counts from the next working day.
    pub asked_on: NaiveDate,
    /// The deadline, in working days.
    pub deadline_days: i32,
    /// The last day to answer on time.
    pub due_on: NaiveDate,
    /// After this day, unanswered, it is long overdue.
    pub long_due_on: NaiveDate,
    pub status: QuestionStatus,
    /// Every answer given, the one that stands last (single-question responses only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers: Option<Vec<QuestionAnswer>>,
}

crate::page_type!(AskedQuestionPage, AskedQuestion, "A page of questions.");

crate::text_enum! {
    /// Which questions: by status, or `open` (every one not answered).
    QuestionFilter {
        Awaiting => "awaiting",
        Overdue => "overdue",
        LongOverdue => "long_overdue",
        Answered => "answered",
        Open => "open",
    }
}

crate::text_enum! {
    /// List order: `newest` first (default) or `oldest` first (an institution's queue).
    QuestionOrder {
        Newest => "newest",
        Oldest => "oldest",
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuestionFilters {
    /// Institution id or slug. A filter that names nothing gives an empty page.
    pub institution: Option<String>,
    /// Commitment id or OGP code: questions about it, its milestones and its action items.
    pub commitment: Option<String>,
    /// Milestone id: questions about it.
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    #[param(value_type = Option<i64>)]
    pub milestone: Option<i64>,
    /// Action item id: questions about it.
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    #[param(value_type = Option<i64>)]
    pub action_item: Option<i64>,
    pub status: Option<QuestionFilter>,
    pub order: Option<QuestionOrder>,
}
