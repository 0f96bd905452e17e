//! Events as the outside hears of them (webhooks, streams): the change to a public record with
//! its representation now, and which records' streams an event belongs to.

use diesel::PgConnection;

use super::Event;

/// What happened to a public record, as webhooks send it and streams show it: `{type, timestamp,
/// data: {type, id, key, change, url, record}}`, `record` being the record's representation as
/// its GET answers now (absent when it is gone). `None`: a private event, or one about a record
/// outside the change feed.
pub fn message(conn: &mut PgConnection, event: &Event, site: &str) -> diesel::QueryResult<Option<serde_json::Value>> {
    let Some(kind) = super::EventType::parse(&event.kind).filter(|k| !k.is_private()) else { return Ok(None) };
    let record = kind.record_kind();
    let (Some(decl), Some(id)) = (crate::registry::get().record(record), event.subject_ref) else {
        return Ok(None);
    };
    let key = event.subject_key.clone().unwrap_or_else(|| id.to_string());
    let change = match (record, kind.verb()) {
        (_, "created") => "created",
        // A deleted comment stays, as a tombstone.
        ("comment", "deleted") => "updated",
        (_, "deleted") => "deleted",
        _ => "updated",
    };
    let mut data = serde_json::json!({
        "type": record,
        "id": id,
        "key": key,
        "change": change,
        "url": format!("{site}/api/v1{}", decl.path.replace("{key}", &urlencode(&key))),
    });
    // Gone (deleted): the id and address say which record it was.
    match (decl.load)(conn, id) {
        Ok(representation) => data["record"] = representation,
        Err(crate::http::problem::ApiError::NotFound(_)) => {}
        Err(e) => return Err(diesel::result::Error::QueryBuilderError(format!("{record} {id}: {e:?}").into())),
    }
    Ok(Some(serde_json::json!({
        "type": event.kind,
        "timestamp": event.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "data": data,
    })))
}

/// The records whose streams show `event`: the record it changed and the one that record
/// belongs to (`RecordDecl::within`: a comment's discussion), as `(kind, id)`. None for a
/// private event or a record outside the change feed.
pub fn streams_of(event: &Event) -> Vec<(String, i64)> {
    let Some(kind) = super::EventType::parse(&event.kind).filter(|k| !k.is_private()) else { return Vec::new() };
    let Some(decl) = crate::registry::get().record(kind.record_kind()) else { return Vec::new() };
    let mut out = Vec::with_capacity(2);
    if let (Some(k), Some(id)) = (&event.subject_kind, event.subject_ref) {
        out.push((k.clone(), id));
    }
    if let Some(within) = decl.within.and_then(|f| f(&event.payload)) {
        out.push(within);
    }
    out
}

fn urlencode(key: &str) -> String {
    url::form_urlencoded::byte_serialize(key.as_bytes()).collect()
}
