//! Search in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::resources::comments::dto::CommentTarget;
use crate::subjects::Described;
use crate::types::Locale;

/// How many of the most recently posted matching comments are ranked (see the module's note).
pub const COMMENT_CANDIDATES: i64 = 200;

/// A kind of search result: each searchable resource declares its own
/// (`registry::SearchArm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SearchKind(&'static str);

impl SearchKind {
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The declared kind of this name.
    pub fn parse(name: &str) -> Option<SearchKind> {
        crate::registry::get().search_arms().map(|a| a.kind).find(|k| *k == name).map(SearchKind)
    }
}

impl Serialize for SearchKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for SearchKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        SearchKind::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown kind {name:?}")))
    }
}

/// In the contract, the list of every declared kind (`app::openapi` fills the `enum`).
impl utoipa::PartialSchema for SearchKind {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::String).into()
    }
}

impl ToSchema for SearchKind {}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to look for (web-search syntax: `"exact phrase"`, `or`, `-excluded`), 1 to 200
    /// characters, not blank. Accents and case are ignored; French stemming applies.
    #[param(min_length = 1, max_length = 200, pattern = r"\S")]
    pub q: String,
    /// Only this kind of result.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<SearchKind>,
}

/// One result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    #[serde(rename = "type")]
    pub kind: SearchKind,
    pub id: i64,
    /// Title of the commitment, milestone or forum; the beginning of a comment.
    pub title: String,
    /// Passage around the matches, as HTML-escaped text where matches are wrapped in `<mark>`.
    pub excerpt_html: String,
    /// Relevance (higher is better); comparable within a result list only.
    pub rank: f32,
    /// Last update (commitments, milestones), start (forums) or posting time (comments).
    pub at: DateTime<Utc>,
    /// What a comment is about (comments only).
    pub target: Option<CommentTarget>,
    /// Title of what a comment is about (comments only).
    pub target_title: Option<String>,
    /// How that target is addressed in URLs: forum slug, commitment code, milestone id.
    pub target_key: Option<String>,
    /// The commitment a milestone belongs to (milestones only).
    pub commitment_id: Option<i64>,
    /// What a comment is about, described: title, page in the web app, language (comments
    /// only).
    pub subject: Option<Described>,
    /// The language of the title and excerpt of a commitment, milestone or forum (`fr`,
    /// `en`); null for comments, whose language is not known.
    pub lang: Option<Locale>,
}

crate::page_type!(SearchPage, SearchHit, "A page of search results, best first.");
