//! Reading and writing formats and their versions.

use std::collections::HashMap;

use diesel::prelude::*;

use super::document;
use super::dto::{
    AgendaStep, Format, FormatChoice, FormatContent, FormatRef, FormatSummary, FormatVersion, NewFormatRequest,
    NewVersionRequest, Question, VersionSummary,
};
use super::model::{FormatRow, NewVersion, VersionRow};
use crate::db::ids::{FormatId, FormatVersionId, UserId};
use crate::db::schema::{format_versions, formats, forums, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::slugs::slugify;
use crate::types::Locale;

/// The format `key` names (id or slug); 404 otherwise.
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<FormatRow> {
    crate::by_key!(formats::table.select(FormatRow::as_select()).into_boxed(), formats::id, formats::slug, key)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Format"))
}

/// Version `number` of `format`; 404 otherwise.
pub fn version(conn: &mut PgConnection, format: &FormatRow, number: i64) -> ApiResult<VersionRow> {
    let number = i32::try_from(number).map_err(|_| ApiError::not_found("Format version"))?;
    format_versions::table
        .filter(format_versions::format_id.eq(format.id))
        .filter(format_versions::version.eq(number))
        .select(VersionRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Format version"))
}

/// Formats by id, after `after`, at most `limit`, each with its latest version's purpose.
pub fn list(conn: &mut PgConnection, after: Option<i64>, limit: i64) -> QueryResult<Vec<FormatSummary>> {
    let mut q =
        formats::table
            .inner_join(format_versions::table.on(
                format_versions::format_id.eq(formats::id).and(format_versions::version.eq(formats::latest_version)),
            ))
            .select((FormatRow::as_select(), format_versions::purpose, format_versions::duration_minutes))
            .order(formats::id)
            .limit(limit)
            .into_boxed();
    if let Some(after) = after {
        q = q.filter(formats::id.gt(after));
    }
    Ok(q.load::<(FormatRow, String, i32)>(conn)?
        .into_iter()
        .map(|(f, purpose, duration_minutes)| FormatSummary {
            id: f.id.get(),
            slug: f.slug,
            name: f.name,
            lang: f.lang,
            latest_version: f.latest_version,
            purpose,
            duration_minutes,
            updated_at: f.updated_at,
        })
        .collect())
}

fn summary(v: &VersionRow) -> VersionSummary {
    VersionSummary {
        version: v.version,
        change_note: v.change_note.clone(),
        published_at: v.published_at,
        duration_minutes: v.duration_minutes,
    }
}

/// Every version of `format`, newest first.
pub fn history(conn: &mut PgConnection, format: &FormatRow) -> QueryResult<Vec<VersionSummary>> {
    Ok(format_versions::table
        .filter(format_versions::format_id.eq(format.id))
        .order(format_versions::version.desc())
        .select(VersionRow::as_select())
        .load::<VersionRow>(conn)?
        .iter()
        .map(summary)
        .collect())
}

pub fn present_summary(v: &VersionRow) -> VersionSummary {
    summary(v)
}

/// A version for clients: its texts rendered, who published it, how many forums followed it.
pub fn present_version(conn: &mut PgConnection, format: &FormatRow, v: VersionRow) -> QueryResult<FormatVersion> {
    let published_by = match v.published_by {
        Some(id) => users::table.find(id).select(users::display_name).first(conn).optional()?,
        None => None,
    };
    let forums_count: i64 = forums::table
        .filter(forums::format_version_id.eq(v.id))
        .filter(forums::archived_at.is_null())
        .count()
        .get_result(conn)?;
    // Stored by this module from validated requests: they read back.
    let agenda: Vec<AgendaStep> = serde_json::from_value(v.agenda).unwrap_or_default();
    let questionnaire: Vec<Question> = serde_json::from_value(v.questionnaire).unwrap_or_default();
    Ok(FormatVersion {
        format: format.slug.clone(),
        version: v.version,
        purpose: v.purpose,
        audience: v.audience,
        agenda,
        duration_minutes: v.duration_minutes,
        roles_html: markdown::render(&v.roles),
        roles: v.roles,
        accessibility_html: markdown::render(&v.accessibility),
        accessibility: v.accessibility,
        materials_html: markdown::render(&v.materials),
        materials: v.materials,
        questionnaire,
        document: v.document,
        change_note: v.change_note,
        published_at: v.published_at,
        published_by,
        forums_count,
    })
}

/// A format with its history and its latest version.
pub fn present(conn: &mut PgConnection, format: FormatRow) -> ApiResult<Format> {
    let latest = version(conn, &format, format.latest_version.into())?;
    let versions = history(conn, &format)?;
    let current = present_version(conn, &format, latest)?;
    Ok(Format {
        id: format.id.get(),
        slug: format.slug,
        name: format.name,
        lang: format.lang,
        latest_version: format.latest_version,
        versions,
        current,
        created_at: format.created_at,
        updated_at: format.updated_at,
    })
}

fn free_slug(conn: &mut PgConnection, base: &str) -> QueryResult<String> {
    let taken: Vec<String> = formats::table
        .filter(formats::slug.eq(base).or(formats::slug.like(crate::slugs::numbered(base))))
        .select(formats::slug)
        .load(conn)?;
    Ok(crate::slugs::first_free(base, &taken))
}

pub fn new_version(
    format_id: FormatId,
    number: i32,
    lang: Locale,
    content: FormatContent,
    change_note: Option<String>,
    by: Option<UserId>,
) -> NewVersion {
    let doc = document::document(&content, lang);
    NewVersion {
        format_id,
        version: number,
        purpose: content.purpose.trim().to_string(),
        audience: content.audience.trim().to_string(),
        duration_minutes: content.agenda.iter().map(|s| s.minutes).sum(),
        agenda: serde_json::to_value(&content.agenda).unwrap_or_default(),
        roles: content.roles,
        accessibility: content.accessibility,
        materials: content.materials,
        questionnaire: serde_json::to_value(&content.questionnaire).unwrap_or_default(),
        document_html: markdown::render(&doc),
        document: doc,
        change_note: change_note.map(|n| n.trim().to_string()),
        published_by: by,
        published_at: None,
    }
}

fn subject(row: &FormatRow) -> EventSubject {
    EventSubject::new("format", row.id.get(), row.slug.clone())
}

/// Creates a format with its version 1 (audited).
pub fn insert(conn: &mut PgConnection, r: NewFormatRequest, by: Option<UserId>) -> ApiResult<FormatRow> {
    let slug = match r.slug {
        Some(s) => s,
        None => free_slug(conn, &slugify(&r.name))?,
    };
    let lang = r.lang.unwrap_or(Locale::Fr);
    let row: FormatRow = diesel::insert_into(formats::table)
        .values((
            formats::slug.eq(&slug),
            formats::name.eq(r.name.trim()),
            formats::lang.eq(lang),
            formats::latest_version.eq(1),
            formats::created_by.eq(by),
        ))
        .returning(FormatRow::as_returning())
        .get_result(conn)?;
    diesel::insert_into(format_versions::table)
        .values(new_version(row.id, 1, lang, r.content, None, by))
        .execute(conn)?;
    let mut event = NewEvent::new(crate::resources::formats::events::FORMAT_CREATED)
        .subject(subject(&row))
        .audit(None::<&()>, Some(&row));
    if let Some(by) = by {
        event = event.by(by);
    }
    events::record(conn, event)?;
    Ok(row)
}

/// Publishes the next version of `key`'s format. The format's row is locked, so two editors
/// publishing at once get versions n+1 and a 409, never two versions n+1.
pub fn publish(
    conn: &mut PgConnection,
    key: &str,
    r: NewVersionRequest,
    by: Option<UserId>,
) -> ApiResult<(FormatRow, VersionRow)> {
    let found = find(conn, key)?;
    let format: FormatRow = formats::table.find(found.id).select(FormatRow::as_select()).for_update().first(conn)?;
    if r.based_on != format.latest_version {
        return Err(ApiError::conflict_field(
            crate::resources::formats::codes::STALE_VERSION,
            "based_on",
            "latest",
            &format!(
                "version {} has been published since version {} you started from: read it and write your changes again",
                format.latest_version, r.based_on
            ),
        ));
    }
    let number = format.latest_version + 1;
    let version: VersionRow = diesel::insert_into(format_versions::table)
        .values(new_version(format.id, number, format.lang, r.content, Some(r.change_note), by))
        .returning(VersionRow::as_returning())
        .get_result(conn)?;
    let row: FormatRow = diesel::update(formats::table.find(format.id))
        .set((formats::latest_version.eq(number), formats::updated_at.eq(diesel::dsl::now)))
        .returning(FormatRow::as_returning())
        .get_result(conn)?;
    let mut event = NewEvent::new(crate::resources::formats::events::FORMAT_VERSION_PUBLISHED)
        .subject(subject(&row))
        .audit(Some(&format), Some(&row));
    event.payload["version"] = number.into();
    if let Some(by) = by {
        event = event.by(by);
    }
    events::record(conn, event)?;
    Ok((row, version))
}

/// Renames a format (audited when the name changes).
pub fn rename(conn: &mut PgConnection, current: FormatRow, name: Option<String>, by: UserId) -> ApiResult<FormatRow> {
    let Some(name) = name.map(|n| n.trim().to_string()).filter(|n| *n != current.name) else {
        return Ok(current);
    };
    let row: FormatRow = diesel::update(formats::table.find(current.id))
        .set((formats::name.eq(name), formats::updated_at.eq(diesel::dsl::now)))
        .returning(FormatRow::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::formats::events::FORMAT_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// The version a forum is to follow: the chosen version of the format, or its latest. A 409
/// naming the field when either does not exist.
pub fn version_for_forum(conn: &mut PgConnection, choice: &FormatChoice) -> ApiResult<FormatVersionId> {
    let unknown = |field: &str, what: &str| {
        ApiError::conflict_field(ErrorCode::UnknownReference, field, "exists", &format!("no such {what}"))
    };
    let format = find(conn, &choice.slug).map_err(|_| unknown("format.slug", "format"))?;
    let number = choice.version.unwrap_or(format.latest_version);
    format_versions::table
        .filter(format_versions::format_id.eq(format.id))
        .filter(format_versions::version.eq(number))
        .select(format_versions::id)
        .first(conn)
        .optional()?
        .ok_or_else(|| unknown("format.version", "version of this format"))
}

/// What forums show of the versions they follow, one query for all.
pub fn refs(conn: &mut PgConnection, ids: &[FormatVersionId]) -> QueryResult<HashMap<FormatVersionId, FormatRef>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(format_versions::table
        .inner_join(formats::table)
        .filter(format_versions::id.eq_any(ids))
        .select((format_versions::id, formats::slug, formats::name, format_versions::version, formats::latest_version))
        .load::<(FormatVersionId, String, String, i32, i32)>(conn)?
        .into_iter()
        .map(|(id, slug, name, version, latest)| (id, FormatRef { slug, name, version, superseded: version < latest }))
        .collect())
}
