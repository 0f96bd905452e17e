//! Documents and their files as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{SubjectId, UserId};
use crate::db::schema::{document_files, documents};

crate::typed_id! { DocumentId }

crate::text_enum! {
    /// Who a document is written for (« découverte », « intermédiaire », « expert »).
    DocumentLevel {
        /// Découverte: for people new to the subject.
        Discovery => "discovery",
        /// Intermédiaire: for people who know the basics.
        Intermediate => "intermediate",
        /// Expert: for specialists.
        Expert => "expert",
    }
}

crate::text_enum! {
    /// For a forum's documents: to read before it, or what came out of it.
    DocumentStage {
        Before => "before",
        After => "after",
    }
}

crate::text_enum! {
    /// What a document is attached to.
    ParentKind {
        Forum => "forum",
        Format => "format",
        Commitment => "commitment",
        Milestone => "milestone",
        Proposal => "proposal",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = documents, check_for_backend(diesel::pg::Pg))]
pub struct DocumentRow {
    pub id: DocumentId,
    pub subject_id: Option<SubjectId>,
    pub format_id: Option<crate::db::ids::FormatId>,
    pub title: String,
    pub description: String,
    pub level: DocumentLevel,
    pub lang: crate::types::Locale,
    pub stage: Option<DocumentStage>,
    pub url: Option<String>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = documents)]
pub struct NewDocumentRow {
    pub subject_id: Option<SubjectId>,
    pub format_id: Option<crate::db::ids::FormatId>,
    pub title: String,
    pub description: String,
    pub level: DocumentLevel,
    pub lang: crate::types::Locale,
    pub stage: Option<DocumentStage>,
    pub url: Option<String>,
    pub created_by: UserId,
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = documents)]
pub struct DocumentChangeset {
    pub title: Option<String>,
    pub description: Option<String>,
    pub level: Option<DocumentLevel>,
    pub lang: Option<crate::types::Locale>,
    pub stage: Option<Option<DocumentStage>>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable, Serialize)]
#[diesel(table_name = document_files, check_for_backend(diesel::pg::Pg))]
pub struct FileRow {
    pub document_id: DocumentId,
    pub version: i32,
    #[serde(skip)]
    pub object_key: String,
    pub filename: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}
