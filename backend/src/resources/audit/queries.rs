//! Reading the audit trail: the events marked `audited`, newest first, with their actors.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::{AuditActor, AuditEntry, AuditFilters, AuditSubject};
use crate::db::ids::{EventId, UserId};
use crate::db::schema::{events, users};
use crate::events::EventType;
use crate::types::Role;

/// Where a page starts: after this `(at, id)`, going back in time.
pub type After = Option<(DateTime<Utc>, EventId)>;

type Row =
    (EventId, DateTime<Utc>, String, Option<UserId>, Option<String>, Option<i64>, Option<String>, serde_json::Value);

/// A page of entries matching `f`, newest first (the partial indexes on audited events serve
/// each filter).
pub fn list(conn: &mut PgConnection, f: &AuditFilters, after: After, limit: i64) -> QueryResult<Vec<AuditEntry>> {
    let mut q = events::table
        .filter(events::audited.eq(true))
        .select((
            events::id,
            events::at,
            events::type_,
            events::actor_id,
            events::subject_kind,
            events::subject_ref,
            events::subject_key,
            events::payload,
        ))
        .order((events::at.desc(), events::id.desc()))
        .into_boxed();
    if let Some((at, id)) = after {
        q = q.filter(crate::keyset!((events::at, events::id) < (at, id)));
    }
    if let Some(actor) = f.actor {
        q = q.filter(events::actor_id.eq(actor));
    }
    if let Some(action) = f.action.as_deref() {
        q = q.filter(events::type_.eq(action.to_string()));
    }
    if let Some(kind) = f.subject_type.as_deref() {
        q = q.filter(events::subject_kind.eq(kind.to_string()));
    }
    if let Some(key) = f.subject_key.as_deref() {
        q = match key.parse::<i64>() {
            Ok(id) => q.filter(events::subject_ref.eq(id).or(events::subject_key.eq(key.to_string()))),
            // OGP codes are stored in capitals; slugs in lowercase.
            Err(_) => {
                q.filter(events::subject_key.eq(key.to_string()).or(events::subject_key.eq(key.to_ascii_uppercase())))
            }
        };
    }
    if let Some(from) = f.from {
        q = q.filter(events::at.ge(from));
    }
    if let Some(to) = f.to {
        q = q.filter(events::at.lt(to));
    }
    let rows: Vec<Row> = q.limit(limit).load(conn)?;
    let mut actor_ids: Vec<UserId> = rows.iter().filter_map(|r| r.3).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let actors: HashMap<UserId, AuditActor> = users::table
        .filter(users::id.eq_any(&actor_ids))
        .select((users::id, users::display_name, users::role))
        .load::<(UserId, String, Role)>(conn)?
        .into_iter()
        .map(|(id, display_name, role)| (id, AuditActor { id: id.get(), display_name, role }))
        .collect();
    // Every type in the log is declared (a type is never removed while its events remain).
    Ok(rows
        .into_iter()
        .filter_map(|(id, at, action, actor, kind, ref_id, key, payload)| {
            Some(AuditEntry {
                id: id.get(),
                at,
                action: EventType::parse(&action)?,
                actor: actor.and_then(|a| actors.get(&a).cloned()),
                subject: match (kind, ref_id) {
                    (Some(kind), Some(id)) => {
                        Some(AuditSubject { kind, id, key: key.unwrap_or_else(|| id.to_string()) })
                    }
                    _ => None,
                },
                before: payload.get("before").cloned().unwrap_or_default(),
                after: payload.get("after").cloned().unwrap_or_default(),
            })
        })
        .collect())
}
