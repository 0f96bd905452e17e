//! Documents in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::{DocumentLevel, DocumentRow, DocumentStage, FileRow, ParentKind};
use crate::http::validation::{http_url, not_blank, nullable};
use crate::types::Locale;

/// What a document is attached to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Attachment {
    #[serde(rename = "type")]
    pub kind: ParentKind,
    /// The record's id.
    pub id: i64,
    /// How the record is addressed in API URLs (a slug, an OGP code, an id).
    pub key: String,
}

/// One version of a document's file.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentFile {
    pub version: i32,
    #[schema(example = "compte-rendu.pdf")]
    pub filename: String,
    /// What the content is, as the server found it (not what its name said).
    #[schema(example = "application/pdf")]
    pub media_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the content, lowercase hex: check a download against it.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    pub sha256: String,
    pub uploaded_at: DateTime<Utc>,
    /// Where to download it (an API path).
    #[schema(example = "/api/v1/documents/12/versions/1/file")]
    pub download: String,
}

impl DocumentFile {
    pub fn present(row: FileRow) -> DocumentFile {
        DocumentFile {
            download: format!("/api/v1/documents/{}/versions/{}/file", row.document_id.get(), row.version),
            version: row.version,
            filename: row.filename,
            media_type: row.media_type,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            uploaded_at: row.uploaded_at,
        }
    }
}

/// A document: a link, or a file with every earlier version kept.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Document {
    pub id: i64,
    pub attached_to: Attachment,
    #[schema(example = "Comprendre les algorithmes publics en 10 minutes")]
    pub title: String,
    pub description: String,
    pub level: DocumentLevel,
    /// The language it is written in.
    pub lang: Locale,
    /// For a forum's documents: to read before it, or what came out of it.
    pub stage: Option<DocumentStage>,
    /// A link (`null` for a file).
    pub link: Option<String>,
    /// The current file (`null` for a link, or before the first upload: such a document is
    /// seen only by those who write documents).
    pub file: Option<DocumentFile>,
    /// Earlier versions of the file, latest first.
    pub earlier_versions: Vec<DocumentFile>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Document {
    pub fn present(row: DocumentRow, attached_to: Attachment, mut files: Vec<FileRow>) -> Document {
        files.sort_by_key(|f| std::cmp::Reverse(f.version));
        let mut files = files.into_iter().map(DocumentFile::present);
        Document {
            id: row.id.get(),
            attached_to,
            title: row.title,
            description: row.description,
            level: row.level,
            lang: row.lang,
            stage: row.stage,
            link: row.url,
            file: files.next(),
            earlier_versions: files.collect(),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A document to attach: give `link` for a link; leave it out for a file, then upload the file
/// with `PUT /documents/{id}/file`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDocument {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    pub level: DocumentLevel,
    /// `fr` by default.
    pub lang: Option<Locale>,
    /// For a forum's documents only.
    pub stage: Option<DocumentStage>,
    /// An `http(s)` address on the public internet (422 `private_address` for a loopback,
    /// private or link-local one).
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub link: Option<String>,
}

#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentChanges {
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub description: Option<String>,
    pub level: Option<DocumentLevel>,
    pub lang: Option<Locale>,
    /// `null` for none.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<DocumentStage>)]
    pub stage: Option<Option<DocumentStage>>,
    /// A link's new address (a file's document stays a file: 409 `not_a_link`).
    #[validate(length(max = 500), custom(function = "http_url"))]
    #[schema(max_length = 500, pattern = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s\u0000-\u001f\u007f-\u009f]+$")]
    pub link: Option<String>,
}

/// The file's name as it will be offered for download.
#[derive(Debug, Deserialize, Validate, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// E.g. `compte-rendu.pdf` (the content decides the type, not this name).
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[param(min_length = 1, max_length = 200, pattern = r"\S")]
    pub filename: String,
}

/// A document in short, as a progress update cites it as evidence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DocumentRef {
    pub id: i64,
    pub title: String,
    pub level: DocumentLevel,
    /// A link's address, or where to download the current file (an API path).
    pub href: Option<String>,
}
