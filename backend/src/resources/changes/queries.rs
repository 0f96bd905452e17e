//! Reading the change feed from the event log.

use diesel::prelude::*;

use super::dto::{Change, ChangeKind, RecordType};
use crate::events::{self, Event, Position};

fn change_of(event: &Event) -> Option<Change> {
    // What happened about a record without changing it (a report) is not a change.
    if event.event_type().is_some_and(|t| t.is_private()) {
        return None;
    }
    let kind = RecordType::parse(event.kind.split('.').next().unwrap_or_default())?;
    let verb = event.kind.split('.').nth(1).unwrap_or_default();
    let change = match (kind.as_str(), verb) {
        (_, "created") => ChangeKind::Created,
        // A deleted comment stays as a tombstone.
        ("comment", "deleted") => ChangeKind::Updated,
        (_, "deleted") => ChangeKind::Deleted,
        _ => ChangeKind::Updated,
    };
    Some(Change {
        kind,
        id: event.subject_ref?,
        key: event.subject_key.clone().unwrap_or_else(|| event.subject_ref.unwrap_or_default().to_string()),
        change,
        at: event.at,
    })
}

/// Changes after `since`, at most `limit`, and the position to continue from.
///
/// In one snapshot (a read-only repeatable-read transaction): the events read and the horizon
/// the position moves to must be seen at the same instant. Two statements each with its own
/// snapshot would let a transaction that commits between them be passed over unread.
pub fn after(
    conn: &mut PgConnection,
    since: Position,
    types: &[RecordType],
    limit: i64,
) -> QueryResult<(Vec<Change>, Position, bool)> {
    conn.build_transaction().repeatable_read().read_only().run(|conn| after_in_snapshot(conn, since, types, limit))
}

fn after_in_snapshot(
    conn: &mut PgConnection,
    since: Position,
    types: &[RecordType],
    limit: i64,
) -> QueryResult<(Vec<Change>, Position, bool)> {
    let kinds: Vec<String> = types.iter().map(|t| t.as_str().to_string()).collect();
    let events = events::read_after(conn, since, Some(&kinds), limit + 1)?;
    let has_more = events.len() as i64 > limit;
    let events = &events[..events.len().min(limit as usize)];
    let next = match (has_more, events.last()) {
        (true, Some(last)) => last.position(),
        // Everything committed before every running transaction has been read: later events
        // can only come after the horizon.
        _ => events::horizon(conn)?.max(events.last().map_or(since, Event::position)).max(since),
    };
    Ok((events.iter().filter_map(change_of).collect(), next, has_more))
}
