//! Every query on documents: what they are attached to, lists by level, writes, file versions.

use std::collections::HashMap;

use diesel::prelude::*;

use super::dto::{Attachment, Document, DocumentChanges, NewDocument};
use super::events;
use super::model::{DocumentChangeset, DocumentId, DocumentRow, FileRow, NewDocumentRow, ParentKind};
use crate::db::ids::{FormatId, SubjectId, UserId};
use crate::db::schema::{document_files, documents, formats, subjects};
use crate::events::{record, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, FieldError};
use crate::subjects::SubjectKind;

/// At most this many documents are listed for one record.
pub const LISTED: i64 = 200;

/// The record a document is attached to, found from a client's key.
pub struct Parent {
    pub subject_id: Option<SubjectId>,
    pub format_id: Option<FormatId>,
    pub attachment: Attachment,
}

/// The record of `kind` that `key` names; 404 when there is none.
pub fn parent(conn: &mut PgConnection, kind: ParentKind, key: &str) -> ApiResult<Parent> {
    if kind == ParentKind::Format {
        let format = crate::resources::formats::queries::find(conn, key)?;
        return Ok(Parent {
            subject_id: None,
            format_id: Some(format.id),
            attachment: Attachment { kind, id: format.id.get(), key: format.slug },
        });
    }
    let subject_kind = SubjectKind::parse(kind.as_str()).expect("documents' parents other than formats are subjects");
    let found = crate::subjects::resolve(conn, subject_kind, key)?;
    Ok(Parent {
        subject_id: Some(found.id),
        format_id: None,
        attachment: Attachment { kind, id: found.ref_id, key: found.key },
    })
}

/// What `row` is attached to.
fn attachment_of(conn: &mut PgConnection, row: &DocumentRow) -> ApiResult<Attachment> {
    if let Some(format) = row.format_id {
        let slug: String = formats::table.find(format).select(formats::slug).first(conn)?;
        return Ok(Attachment { kind: ParentKind::Format, id: format.get(), key: slug });
    }
    let subject = row.subject_id.expect("a document is attached to a subject or a format");
    let (kind, ref_id): (String, i64) =
        subjects::table.find(subject).select((subjects::kind, subjects::ref_id)).first(conn)?;
    let key =
        crate::subjects::describe(conn, &[subject])?.remove(&subject).map(|d| d.key).unwrap_or(ref_id.to_string());
    let kind = kind.parse().map_err(|_| ApiError::not_found("Document"))?;
    Ok(Attachment { kind, id: ref_id, key })
}

/// 409 `stage_for_forums`: only a forum's documents are read before or after it (the same body
/// serves every kind of record, so no schema can state it).
fn stage_refused() -> ApiError {
    ApiError::FieldConflict {
        code: super::codes::STAGE_FOR_FORUMS,
        errors: vec![FieldError::new("stage", "forums_only", "only a forum's documents are read before or after it")],
    }
}

fn subject(row: &DocumentRow) -> EventSubject {
    EventSubject::new("document", row.id.get(), row.id.get().to_string())
}

/// 409 `link_refused` when a link is not a URL, or its host is a loopback, private,
/// link-local or reserved address, or a name only a local network knows (like webhooks' URLs:
/// rules no schema states). The server never fetches a link: the rule keeps people from being
/// sent to their own machine or an intranet, so a literal address and the name are judged,
/// without resolving it.
pub fn check_link(link: &str) -> ApiResult<()> {
    let refuse = |rule: &str, message: &str| ApiError::FieldConflict {
        code: super::codes::LINK_REFUSED,
        errors: vec![FieldError::new("link", rule, message)],
    };
    let url = url::Url::parse(link.trim()).map_err(|e| refuse("invalid_url", &format!("not a URL: {e}")))?;
    let private = match url.host() {
        Some(url::Host::Ipv4(ip)) => crate::http::address::is_forbidden(ip.into()),
        Some(url::Host::Ipv6(ip)) => crate::http::address::is_forbidden(ip.into()),
        Some(url::Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            !name.contains('.')
                || [".localhost", ".local", ".internal", ".lan", ".home.arpa"].iter().any(|s| name.ends_with(s))
        }
        None => true,
    };
    if private {
        return Err(refuse(
            "private_address",
            "links go to addresses on the public internet, not to a local or private one",
        ));
    }
    Ok(())
}

pub fn find(conn: &mut PgConnection, id: DocumentId) -> ApiResult<DocumentRow> {
    documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Document"))
}

/// `find`, the row locked until the transaction ends (new versions are numbered under it).
pub fn find_for_update(conn: &mut PgConnection, id: DocumentId) -> ApiResult<DocumentRow> {
    documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Document"))
}

fn files_of(conn: &mut PgConnection, ids: &[DocumentId]) -> QueryResult<HashMap<DocumentId, Vec<FileRow>>> {
    let mut by_document: HashMap<DocumentId, Vec<FileRow>> = HashMap::new();
    for file in document_files::table
        .filter(document_files::document_id.eq_any(ids))
        .select(FileRow::as_select())
        .load::<FileRow>(conn)?
    {
        by_document.entry(file.document_id).or_default().push(file);
    }
    Ok(by_document)
}

/// A document as answered; `None` when it is a file not uploaded yet and `writer` is false.
pub fn present(conn: &mut PgConnection, row: DocumentRow, writer: bool) -> ApiResult<Option<Document>> {
    let attachment = attachment_of(conn, &row)?;
    let files = files_of(conn, &[row.id])?.remove(&row.id).unwrap_or_default();
    if row.url.is_none() && files.is_empty() && !writer {
        return Ok(None);
    }
    Ok(Some(Document::present(row, attachment, files)))
}

/// A record's documents, by level then oldest first (two queries). Files not uploaded yet are
/// listed for `writer`s only.
pub fn list(conn: &mut PgConnection, parent: &Parent, writer: bool) -> QueryResult<Vec<Document>> {
    let mut q = documents::table.select(DocumentRow::as_select()).into_boxed();
    q = match (parent.subject_id, parent.format_id) {
        (Some(s), _) => q.filter(documents::subject_id.eq(s)),
        (None, Some(f)) => q.filter(documents::format_id.eq(f)),
        (None, None) => return Ok(Vec::new()),
    };
    let rows: Vec<DocumentRow> = q
        .order((
            diesel::dsl::sql::<diesel::sql_types::Int4>(
                "CASE documents.level WHEN 'discovery' THEN 1 WHEN 'intermediate' THEN 2 ELSE 3 END",
            ),
            documents::id.asc(),
        ))
        .limit(LISTED)
        .load(conn)?;
    let ids: Vec<DocumentId> = rows.iter().map(|r| r.id).collect();
    let mut files = files_of(conn, &ids)?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let files = files.remove(&row.id).unwrap_or_default();
            (writer || row.url.is_some() || !files.is_empty())
                .then(|| Document::present(row, parent.attachment.clone(), files))
        })
        .collect())
}

pub fn insert(conn: &mut PgConnection, parent: &Parent, new: NewDocument, by: UserId) -> ApiResult<DocumentRow> {
    if new.stage.is_some() && parent.attachment.kind != ParentKind::Forum {
        return Err(stage_refused());
    }
    if let Some(link) = &new.link {
        check_link(link)?;
    }
    let row: DocumentRow = diesel::insert_into(documents::table)
        .values(NewDocumentRow {
            subject_id: parent.subject_id,
            format_id: parent.format_id,
            title: new.title.trim().to_string(),
            description: new.description.map(|d| d.trim().to_string()).unwrap_or_default(),
            level: new.level,
            lang: new.lang.unwrap_or(crate::types::Locale::Fr),
            stage: new.stage,
            url: new.link.map(|l| l.trim().to_string()),
            created_by: by,
        })
        .returning(DocumentRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::DOCUMENT_ADDED)
            .subject(subject(&row))
            .by(by)
            .payload(serde_json::json!({ "attached_to": parent.attachment.kind, "id": parent.attachment.id }))
            .audit(None::<&DocumentRow>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update(
    conn: &mut PgConnection,
    current: DocumentRow,
    changes: DocumentChanges,
    by: UserId,
) -> ApiResult<DocumentRow> {
    if let Some(link) = &changes.link {
        if current.url.is_none() {
            return Err(ApiError::Conflict {
                code: super::codes::NOT_A_LINK,
                detail: "This document is a file: upload a new version instead.".into(),
            });
        }
        check_link(link)?;
    }
    if matches!(changes.stage, Some(Some(_))) {
        let on_forum = match current.subject_id {
            Some(s) => {
                subjects::table.find(s).select(subjects::kind).first::<String>(conn)? == ParentKind::Forum.as_str()
            }
            None => false,
        };
        if !on_forum {
            return Err(stage_refused());
        }
    }
    let set = DocumentChangeset {
        title: changes.title.map(|t| t.trim().to_string()),
        description: changes.description.map(|d| d.trim().to_string()),
        level: changes.level,
        lang: changes.lang,
        stage: changes.stage,
        url: changes.link.map(|l| l.trim().to_string()),
    };
    let Some(row) = crate::db::changed(
        diesel::update(documents::table.find(current.id))
            .set(&set)
            .returning(DocumentRow::as_returning())
            .get_result(conn),
    )?
    else {
        return Ok(current);
    };
    record(
        conn,
        NewEvent::new(events::DOCUMENT_UPDATED).subject(subject(&row)).by(by).audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// Removes a document (its files' versions stay in the store, out of reach).
pub fn delete(conn: &mut PgConnection, row: &DocumentRow, by: UserId) -> ApiResult<()> {
    diesel::delete(documents::table.find(row.id)).execute(conn)?;
    record(
        conn,
        NewEvent::new(events::DOCUMENT_REMOVED).subject(subject(row)).by(by).audit(Some(row), None::<&DocumentRow>),
    )?;
    Ok(())
}

/// A file received and kept in the store, to record as a document's new version.
pub struct Received {
    pub object_key: String,
    pub filename: String,
    pub media_type: &'static str,
    pub size_bytes: i64,
    pub sha256: String,
}

/// Records a new version of a locked document's file.
pub fn add_version(
    conn: &mut PgConnection,
    document: &DocumentRow,
    received: Received,
    by: UserId,
) -> ApiResult<FileRow> {
    let Received { object_key, filename, media_type, size_bytes, sha256 } = received;
    let latest: Option<i32> = document_files::table
        .filter(document_files::document_id.eq(document.id))
        .select(diesel::dsl::max(document_files::version))
        .first(conn)?;
    let file = FileRow {
        document_id: document.id,
        version: latest.unwrap_or(0) + 1,
        object_key,
        filename,
        media_type: media_type.to_string(),
        size_bytes,
        sha256,
        uploaded_by: Some(by),
        uploaded_at: chrono::Utc::now(),
    };
    let file: FileRow =
        diesel::insert_into(document_files::table).values(&file).returning(FileRow::as_returning()).get_result(conn)?;
    // The document changed too (its `updated_at`, for caches and the change feed).
    diesel::update(documents::table.find(document.id)).set(documents::updated_at.eq(diesel::dsl::now)).execute(conn)?;
    record(
        conn,
        NewEvent::new(events::DOCUMENT_FILE_UPLOADED)
            .subject(subject(document))
            .by(by)
            .payload(serde_json::json!({ "version": file.version }))
            .audit(None::<&FileRow>, Some(&file)),
    )?;
    Ok(file)
}

/// The version of a document's file (the current one when `version` is `None`).
pub fn file(conn: &mut PgConnection, id: DocumentId, version: Option<i32>) -> ApiResult<FileRow> {
    let mut q =
        document_files::table.filter(document_files::document_id.eq(id)).select(FileRow::as_select()).into_boxed();
    if let Some(v) = version {
        q = q.filter(document_files::version.eq(v));
    }
    q.order(document_files::version.desc()).first(conn).optional()?.ok_or_else(|| ApiError::not_found("File"))
}

/// The documents each progress update cites, in id order (one query for the page).
pub fn cited_by(conn: &mut PgConnection, updates: &[i64]) -> QueryResult<HashMap<i64, Vec<super::dto::DocumentRef>>> {
    use crate::db::schema::progress_evidence as e;
    let rows: Vec<(i64, DocumentId, String, super::model::DocumentLevel, Option<String>, bool)> = e::table
        .inner_join(documents::table)
        .filter(e::progress_update_id.eq_any(updates))
        .order((e::progress_update_id, documents::id))
        .select((
            e::progress_update_id,
            documents::id,
            documents::title,
            documents::level,
            documents::url,
            diesel::dsl::exists(document_files::table.filter(document_files::document_id.eq(documents::id))),
        ))
        .load(conn)?;
    let mut out: HashMap<i64, Vec<super::dto::DocumentRef>> = HashMap::new();
    for (update, id, title, level, url, has_file) in rows {
        let href = url.or_else(|| has_file.then(|| format!("/api/v1/documents/{}/file", id.get())));
        out.entry(update).or_default().push(super::dto::DocumentRef { id: id.get(), title, level, href });
    }
    Ok(out)
}

/// Records that a progress update cites these documents: 409 `unknown_reference` on
/// `evidence_documents` when one names no document.
pub fn cite(conn: &mut PgConnection, update: i64, ids: &[i64]) -> ApiResult<()> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let found: i64 =
        documents::table.filter(documents::id.eq_any(ids.iter().map(|i| DocumentId(*i)))).count().get_result(conn)?;
    if found != ids.len() as i64 {
        return Err(ApiError::conflict_field(
            crate::http::codes::ErrorCode::UnknownReference,
            "evidence_documents",
            "exists",
            "names a document that does not exist",
        ));
    }
    use crate::db::schema::progress_evidence as e;
    diesel::insert_into(e::table)
        .values(ids.iter().map(|d| (e::progress_update_id.eq(update), e::document_id.eq(d))).collect::<Vec<_>>())
        .execute(conn)?;
    Ok(())
}
