//! The change feed in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Created,
    /// Changed, archived, restored, hidden or shown again, or (comments) deleted by its
    /// author: a comment stays as a tombstone that keeps its replies in place.
    Updated,
    /// Gone: fetching it answers 404.
    Deleted,
}

/// A kind of record the feed reports: each resource whose records are public declares its own
/// (`registry::Resource::change_feed`), the part before the dot of its event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordType(&'static str);

impl RecordType {
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The declared record type of this name.
    pub fn parse(kind: &str) -> Option<RecordType> {
        crate::registry::get().change_feed().find(|t| *t == kind).map(RecordType)
    }

    /// Every declared record type.
    pub fn all() -> Vec<RecordType> {
        crate::registry::get().change_feed().map(RecordType).collect()
    }
}

impl Serialize for RecordType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

/// In the contract, the list of every declared type (`app::openapi` fills the `enum`).
impl utoipa::PartialSchema for RecordType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("The kinds of records the feed reports."))
            .into()
    }
}

impl ToSchema for RecordType {}

/// One change.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Change {
    #[serde(rename = "type")]
    pub kind: RecordType,
    /// The record's id.
    pub id: i64,
    /// How the record is addressed in URLs (a slug, an OGP code, an id), as it was then.
    pub key: String,
    pub change: ChangeKind,
    pub at: DateTime<Utc>,
}

/// A page of changes and where to continue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<Change>,
    /// Pass it as `since` next time: the changes after these (always set, also when `items`
    /// is empty).
    pub next_since: String,
    /// Whether more changes are waiting already (ask again at once with `next_since`).
    pub has_more: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeParams {
    /// A `next_since` from an earlier answer (opaque: only positions this feed gave are
    /// accepted, others answer 400 `invalid_position`); absent, from the beginning.
    #[param(max_length = 200)]
    pub since: Option<String>,
    /// Only changes of these kinds of records, comma-separated without spaces (e.g.
    /// `forum,commitment`); empty or absent, every kind.
    #[param(
        max_length = 200,
        pattern = "^((action_plan|commitment|milestone|forum|comment)(,(action_plan|commitment|milestone|forum|comment))*)?$"
    )]
    pub types: Option<String>,
}
