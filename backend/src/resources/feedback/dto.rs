//! What clients send and read about feedback.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::http::validation::not_blank;
use crate::resources::formats::QuestionKind;

/// No figure is published below this many answers.
pub const THRESHOLD: i64 = 5;

/// One answer: a rating (1 to 5) for a `rating` question, or words for a `text` one.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    /// The question's key in the questionnaire.
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub key: String,
    /// For a `rating` question (and then no `text`).
    #[validate(range(min = 1, max = 5))]
    #[schema(minimum = 1, maximum = 5)]
    pub rating: Option<i32>,
    /// For a `text` question (and then no `rating`).
    #[validate(length(min = 1, max = 5000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub text: Option<String>,
}

/// A participant's answers. Each question at most once; questions may be left out.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    #[validate(length(min = 1, max = 30), nested)]
    #[schema(min_items = 1, max_items = 30)]
    pub answers: Vec<AnswerInput>,
}

/// An answer as its author reads it back.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Answer {
    pub key: String,
    pub rating: Option<i32>,
    pub text: Option<String>,
}

/// One's own feedback on a forum.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyFeedback {
    pub answers: Vec<Answer>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Answers may be changed until then.
    pub editable_until: DateTime<Utc>,
}

/// The results of one question. Figures are `null` below 5 answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuestionResult {
    pub key: String,
    pub label: String,
    pub kind: QuestionKind,
    pub count: Option<i64>,
    /// Ratings only.
    pub mean: Option<f64>,
    /// Ratings only: how many gave 1, 2, 3, 4 and 5.
    pub distribution: Option<Vec<i64>>,
    /// Text only: the answers an organiser approved, without names.
    pub texts: Vec<String>,
}

/// Aggregated feedback: never who said what. A forum's results are published once its answers
/// have closed (`closes_at`) and at least 5 people answered; from then on they never change
/// (a late answer is refused). Before, no figure is given, not even how many answered.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackResults {
    /// How many people answered; `null` until published.
    pub answers_count: Option<i64>,
    /// Whether there are enough answers to publish figures (false while unpublished).
    pub enough: bool,
    /// Whether these results are published: answers closed, and at least `threshold` of them.
    pub published: bool,
    /// The threshold (5).
    pub threshold: i64,
    pub questions: Vec<QuestionResult>,
}

/// The organisers' answer to a forum's feedback.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackResponse {
    pub body: String,
    pub body_html: String,
    /// The format version the changes led to.
    pub next_version: Option<crate::resources::formats::FormatRef>,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A forum's feedback: whether it is open, its results, the organisers' response.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ForumFeedback {
    /// Whether the forum takes answers now (held, with a questionnaire, before the closing).
    pub open: bool,
    /// Answers are taken until then.
    pub closes_at: DateTime<Utc>,
    /// The format version whose questionnaire is answered, if any.
    pub format: Option<crate::resources::formats::FormatRef>,
    pub results: FeedbackResults,
    pub response: Option<FeedbackResponse>,
}

/// A format version's results, across every forum that followed it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VersionFeedback {
    pub version: i32,
    pub forums_count: i64,
    pub results: FeedbackResults,
}

/// A format's feedback, version by version, side by side.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatFeedback {
    pub format: String,
    pub versions: Vec<VersionFeedback>,
}

/// A free-text answer, for organisers to approve (no name).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TextAnswer {
    pub id: i64,
    pub question_key: String,
    pub text: String,
    pub approved: bool,
}

/// The organisers' response (a PUT replaces it).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseRequest {
    /// Markdown: what was changed after this forum's feedback.
    #[validate(length(min = 1, max = 20000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 20000, pattern = r"\S")]
    pub body: String,
    /// The version of the forum's format the changes led to.
    #[validate(range(min = 1, max = 100000))]
    #[schema(minimum = 1, maximum = 100000)]
    pub next_version: Option<i32>,
}
