//! Deleting what people may have contributed to, one way for every resource: a record that
//! others wrote about (a discussion, minutes, a progress log…) is archived instead — left out of
//! lists, still readable, closed to new comments, restorable — and one without contributions is
//! deleted. Either way the change is audited in the same transaction.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::UserId;
use crate::events::{self, EventSubject, EventType, NewEvent};

/// What `remove` did.
#[derive(Debug)]
pub enum Removal<R> {
    /// It had contributions: archived (or already was).
    Archived(R),
    Deleted,
}

impl<R> Removal<R> {
    /// The archived record, presented (`None`: deleted).
    pub fn archived<T, E>(self, present: impl FnOnce(R) -> Result<T, E>) -> Result<Option<T>, E> {
        match self {
            Removal::Archived(row) => present(row).map(Some),
            Removal::Deleted => Ok(None),
        }
    }
}

/// The events a resource records when its records are archived, restored or deleted.
pub struct ArchiveEvents {
    pub archived: EventType,
    pub restored: EventType,
    pub deleted: EventType,
}

/// A record that is archived rather than deleted once people contributed to it.
pub trait Archivable: Sized + Serialize {
    fn archived_at(&self) -> Option<DateTime<Utc>>;
    fn event_subject(&self) -> EventSubject;
    /// Whether anyone contributed to it (a comment, even deleted; a public record pointing at it).
    fn has_contributions(&self, conn: &mut PgConnection) -> QueryResult<bool>;
    /// Sets its `archived_at` (now, or none) and returns it as stored.
    fn set_archived(&self, conn: &mut PgConnection, archived: bool) -> QueryResult<Self>;
    /// Deletes it (what belongs to it goes by the database's cascades).
    fn delete(&self, conn: &mut PgConnection) -> QueryResult<()>;
    /// How the audit trail shows it (by default, the row).
    fn audited(&self, _conn: &mut PgConnection) -> QueryResult<serde_json::Value> {
        Ok(serde_json::to_value(self).unwrap_or_default())
    }
}

/// Deletes `row`, or archives it when people contributed to it (audited either way).
pub fn remove<R: Archivable>(
    conn: &mut PgConnection,
    row: R,
    by: UserId,
    events: &ArchiveEvents,
) -> QueryResult<Removal<R>> {
    if row.has_contributions(conn)? {
        if row.archived_at().is_some() {
            return Ok(Removal::Archived(row));
        }
        let archived = row.set_archived(conn, true)?;
        let (before, after) = (row.audited(conn)?, archived.audited(conn)?);
        events::record(
            conn,
            NewEvent::new(events.archived).subject(archived.event_subject()).by(by).audit(Some(&before), Some(&after)),
        )?;
        return Ok(Removal::Archived(archived));
    }
    let before = row.audited(conn)?;
    row.delete(conn)?;
    events::record(
        conn,
        NewEvent::new(events.deleted).subject(row.event_subject()).by(by).audit(Some(&before), None::<&()>),
    )
    .map(|_| Removal::Deleted)
}

/// Brings an archived record back into lists (audited when it was archived).
pub fn restore<R: Archivable>(conn: &mut PgConnection, row: R, by: UserId, events: &ArchiveEvents) -> QueryResult<R> {
    if row.archived_at().is_none() {
        return Ok(row);
    }
    let restored = row.set_archived(conn, false)?;
    let (before, after) = (row.audited(conn)?, restored.audited(conn)?);
    events::record(
        conn,
        NewEvent::new(events.restored).subject(restored.event_subject()).by(by).audit(Some(&before), Some(&after)),
    )?;
    Ok(restored)
}
