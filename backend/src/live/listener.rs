//! The instance's listener: one thread, one connection of its own that `LISTEN`s to the two
//! channels the triggers notify (migration `live_notify`), and reads the event log for the
//! streams of this instance.
//!
//! Diesel gives notifications as they have arrived (`notifications_iter` reads what the socket
//! holds without waiting), so the thread looks every `TICK`: a syscall, no round trip to the
//! database. It reads the log when a transaction it was told of is not yet behind it (less and
//! less often while a long transaction holds the horizon back), and every `SAFETY_READ` anyway
//! (a notification missed while reconnecting); never while nobody watches.
//! A lost connection is opened again (with backoff), and reading resumes where it stood.

use std::sync::Arc;
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};

use super::{render, Hub, LiveEvent, RecordKey};
use crate::events::{self, Position};

const TICK: Duration = Duration::from_millis(10);
const SAFETY_READ: Duration = Duration::from_secs(5);
const BATCH: i64 = 500;
const EVENTS_CHANNEL: &str = "opendetat_events";
const NOTIFICATIONS_CHANNEL: &str = "opendetat_notifications";

pub(super) fn spawn(hub: Hub, database_url: String) {
    std::thread::Builder::new()
        .name("live-listener".into())
        .spawn(move || run(hub, database_url))
        .expect("start the live listener thread");
}

fn run(hub: Hub, url: String) {
    let mut conn: Option<PgConnection> = None;
    let mut backoff = Duration::from_millis(100);
    // The newest transaction notified that the log position has not passed yet.
    let mut notified: i64 = 0;
    let mut last_read = Instant::now();
    // How long to wait before the next look: `TICK`, longer while a transaction of this
    // database stays open and keeps the position from moving (up to `SAFETY_READ / 5`).
    let mut pause = TICK;
    while !hub.is_closed() {
        let Some(c) = conn.as_mut() else {
            match connect(&url) {
                Ok(c) => {
                    conn = Some(c);
                    backoff = Duration::from_millis(100);
                    // Whatever was notified while it was away: read now.
                    notified = i64::MAX;
                }
                Err(e) => {
                    log::warn!("live streams: cannot listen to the database ({e}); retrying in {backoff:?}");
                    std::thread::sleep(backoff);
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                }
            }
            continue;
        };
        let mut people: Vec<i64> = Vec::new();
        let mut everyone = false;
        let mut broken = false;
        for n in c.notifications_iter() {
            match n {
                Ok(n) if n.channel == EVENTS_CHANNEL => {
                    notified = notified.max(n.payload.parse().unwrap_or(i64::MAX));
                }
                Ok(n) if n.channel == NOTIFICATIONS_CHANNEL => {
                    if n.payload == "*" {
                        everyone = true;
                    } else {
                        people.extend(n.payload.split(',').filter_map(|id| id.parse::<i64>().ok()));
                    }
                }
                Ok(_) => {}
                Err(e) => {
                    log::warn!("live streams: the listening connection broke ({e}); reconnecting");
                    broken = true;
                    break;
                }
            }
        }
        if everyone {
            hub.wake_people(None);
        } else if !people.is_empty() {
            hub.wake_people(Some(&people));
        }
        let mut more = false;
        match hub.reading_from() {
            None => notified = 0,
            Some(from) if !broken && (from.xid < notified || last_read.elapsed() >= SAFETY_READ) => {
                last_read = Instant::now();
                match read(c, &hub, from) {
                    Ok((to, batch, full)) => {
                        hub.publish(from, to, batch);
                        if to.xid >= notified {
                            notified = 0;
                        }
                        more = full;
                        // Held back (the horizon did not move): look again less and less often.
                        pause = if to == from { (pause * 2).min(SAFETY_READ / 5) } else { TICK };
                    }
                    Err(e) => {
                        log::warn!("live streams: reading the event log failed ({e}); reconnecting");
                        broken = true;
                    }
                }
            }
            Some(_) => {}
        }
        if broken {
            conn = None;
            continue;
        }
        if !more {
            std::thread::sleep(if notified == 0 { TICK } else { pause });
        }
    }
}

fn connect(url: &str) -> Result<PgConnection, String> {
    let mut c = PgConnection::establish(url).map_err(|e| e.to_string())?;
    diesel::sql_query(format!("LISTEN {EVENTS_CHANNEL}")).execute(&mut c).map_err(|e| e.to_string())?;
    diesel::sql_query(format!("LISTEN {NOTIFICATIONS_CHANNEL}")).execute(&mut c).map_err(|e| e.to_string())?;
    Ok(c)
}

type Batch = Vec<(RecordKey, Arc<LiveEvent>)>;

/// The next events after `from` for the records watched here, rendered once each, and the
/// position after them; whether the batch was full (more to read at once). One snapshot: the
/// events and the horizon the position moves to are seen at the same instant.
fn read(conn: &mut PgConnection, hub: &Hub, from: Position) -> diesel::QueryResult<(Position, Batch, bool)> {
    let site = crate::config::site_url();
    conn.build_transaction().repeatable_read().read_only().run(|conn| {
        let events = events::read_after(conn, from, None, BATCH)?;
        let full = events.len() as i64 == BATCH;
        let mut batch = Vec::new();
        for event in &events {
            let watched: Vec<RecordKey> =
                events::public::streams_of(event).into_iter().filter(|r| hub.watched(r)).collect();
            if watched.is_empty() {
                continue;
            }
            let Some(message) = events::public::message(conn, event, site)? else { continue };
            let live = Arc::new(render(event, &message));
            batch.extend(watched.into_iter().map(|r| (r, live.clone())));
        }
        let last = events.last().map_or(from, |e| e.position());
        let to = if full { last } else { events::horizon(conn)?.max(last).max(from) };
        Ok((to, batch, full))
    })
}
