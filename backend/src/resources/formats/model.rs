//! Formats as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::ids::{FormatId, FormatVersionId, UserId};
use crate::db::schema::{format_versions, formats};
use crate::types::Locale;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = formats, check_for_backend(diesel::pg::Pg))]
pub struct FormatRow {
    pub id: FormatId,
    pub slug: String,
    pub name: String,
    pub lang: Locale,
    pub latest_version: i32,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = format_versions, check_for_backend(diesel::pg::Pg))]
pub struct VersionRow {
    pub id: FormatVersionId,
    pub format_id: FormatId,
    pub version: i32,
    pub purpose: String,
    pub audience: String,
    pub agenda: serde_json::Value,
    pub duration_minutes: i32,
    pub roles: String,
    pub accessibility: String,
    pub materials: String,
    pub questionnaire: serde_json::Value,
    pub document: String,
    pub document_html: String,
    pub change_note: Option<String>,
    pub published_by: Option<UserId>,
    pub published_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = format_versions)]
pub struct NewVersion {
    pub format_id: FormatId,
    pub version: i32,
    pub purpose: String,
    pub audience: String,
    pub agenda: serde_json::Value,
    pub duration_minutes: i32,
    pub roles: String,
    pub accessibility: String,
    pub materials: String,
    pub questionnaire: serde_json::Value,
    pub document: String,
    pub document_html: String,
    pub change_note: Option<String>,
    pub published_by: Option<UserId>,
    /// `None`: now.
    pub published_at: Option<DateTime<Utc>>,
}
