//! Live streams (Server-Sent Events): what a page or an app keeps open to hear of changes as
//! they commit, on whichever instance they were written.
//!
//! Each instance keeps one connection to PostgreSQL that `LISTEN`s (`listener`): a write's
//! transaction NOTIFYs its id at commit (a trigger on `events`), and the listener reads the log
//! in commit order (`events::read_after`, one repeatable-read snapshot with its horizon), renders
//! each public event once (`events::public::message`) and hands it to the streams of the records
//! it concerns, through one broadcast channel per record that someone watches. People's own
//! streams (`/me/stream`) are woken the same way by the `notifications` trigger, with their ids.
//!
//! A stream's message ids are log positions: a client that reconnects with `Last-Event-ID`
//! reads what it missed from the log itself (`catch_up`), then takes the live messages after
//! that position, so nothing is lost or shown twice. `Hub::subscribe` returns where the
//! listener stands under the same lock it publishes under, so that the two meet without a gap.
//! How streams are written (heartbeats, shutdown, caps) is in `sse`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use actix_web::web::Bytes;
use diesel::PgConnection;
use tokio::sync::{broadcast, watch};

use crate::events::{self, Position};
use crate::http::problem::{ApiError, ApiResult};

mod listener;
pub mod sse;

/// Messages a watched record's channel holds for a slow stream; past it, that stream reads the
/// log again (`catch_up`).
const CHANNEL_CAPACITY: usize = 256;
/// Events a reconnecting stream reads from the log at most; further behind, it is told to
/// reload (`reset`).
pub const CATCH_UP_LIMIT: usize = 2000;

/// How many streams may be open, and how they are kept alive (`STREAM_*`).
#[derive(Debug, Clone, PartialEq)]
pub struct LiveSettings {
    /// Open streams per client address (`STREAM_MAX_PER_ADDRESS`), on each instance.
    pub max_per_address: u32,
    /// Open streams per account (`STREAM_MAX_PER_ACCOUNT`), on each instance.
    pub max_per_account: u32,
    /// A comment line this often keeps proxies from closing a quiet stream
    /// (`STREAM_HEARTBEAT_SECS`).
    pub heartbeat: Duration,
}

impl Default for LiveSettings {
    fn default() -> Self {
        LiveSettings { max_per_address: 100, max_per_account: 10, heartbeat: Duration::from_secs(25) }
    }
}

/// One event as streams send it: an SSE message whose id is its log position.
#[derive(Debug)]
pub struct LiveEvent {
    pub position: Position,
    pub frame: Bytes,
}

/// A watched record: `(kind, id)`, as `events::public::streams_of` names them.
pub type RecordKey = (String, i64);

/// The instance's streams and its listener.
#[derive(Clone)]
pub struct Hub(Arc<Inner>);

struct Inner {
    state: Mutex<State>,
    open: Mutex<Open>,
    closing: watch::Sender<bool>,
    settings: LiveSettings,
}

#[derive(Default)]
struct State {
    /// Where the listener stands in the log; `None` while nobody watches a record (it reads
    /// nothing then, and starts where the first stream starts).
    position: Option<Position>,
    records: HashMap<RecordKey, broadcast::Sender<Arc<LiveEvent>>>,
    /// Each person with an open `/me/stream`: a counter their streams watch.
    people: HashMap<i64, watch::Sender<u64>>,
}

#[derive(Default)]
struct Open {
    by_address: HashMap<String, u32>,
    by_account: HashMap<i64, u32>,
}

impl Hub {
    /// The hub, and its listener thread on its own connection to `database_url`.
    pub fn start(database_url: &str, settings: LiveSettings) -> Hub {
        let hub = Hub::new(settings);
        listener::spawn(hub.clone(), database_url.to_string());
        hub
    }

    fn new(settings: LiveSettings) -> Hub {
        let (closing, _) = watch::channel(false);
        Hub(Arc::new(Inner { state: Mutex::default(), open: Mutex::default(), closing, settings }))
    }

    pub fn settings(&self) -> &LiveSettings {
        &self.0.settings
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.0.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts watching `record` from `from` (a position the caller has read up to). Returns the
    /// receiver and, when the listener has already published past `from`, where it stands: the
    /// caller reads `(from, that]` from the log (`catch_up`) and takes the rest from the
    /// receiver, skipping what it has.
    pub fn subscribe(&self, record: RecordKey, from: Position) -> (broadcast::Receiver<Arc<LiveEvent>>, Position) {
        let mut state = self.state();
        let until = match state.position {
            None => {
                state.position = Some(from);
                from
            }
            Some(p) => p.max(from),
        };
        let rx = state.records.entry(record).or_insert_with(|| broadcast::channel(CHANNEL_CAPACITY).0).subscribe();
        (rx, until)
    }

    /// Wakes when something changes for `person`'s notifications.
    pub fn watch_person(&self, person: i64) -> watch::Receiver<u64> {
        self.state().people.entry(person).or_insert_with(|| watch::channel(0).0).subscribe()
    }

    /// Lets one more stream open for this client address and account, or 429
    /// `too_many_streams`. The permit, dropped with the stream, gives the place back.
    pub fn admit(&self, address: String, account: Option<i64>) -> ApiResult<Permit> {
        let settings = &self.0.settings;
        let mut open = self.0.open.lock().unwrap_or_else(|e| e.into_inner());
        let at_address = open.by_address.get(&address).copied().unwrap_or(0);
        let at_account = account.and_then(|a| open.by_account.get(&a).copied()).unwrap_or(0);
        if at_address >= settings.max_per_address || (account.is_some() && at_account >= settings.max_per_account) {
            return Err(ApiError::TooManyOpen {
                code: crate::http::problem::ErrorCode::TooManyStreams,
                detail: format!(
                    "Too many open streams: at most {} per address and {} per account. Close one, or retry later.",
                    settings.max_per_address, settings.max_per_account
                ),
                retry_after_secs: 30,
            });
        }
        *open.by_address.entry(address.clone()).or_default() += 1;
        if let Some(a) = account {
            *open.by_account.entry(a).or_default() += 1;
        }
        Ok(Permit { hub: self.clone(), address, account })
    }

    /// Streams end (SIGTERM): each sends what it holds and closes; clients reconnect elsewhere.
    pub fn close(&self) {
        self.0.closing.send_replace(true);
    }

    pub fn closing(&self) -> watch::Receiver<bool> {
        self.0.closing.subscribe()
    }

    fn is_closed(&self) -> bool {
        *self.0.closing.borrow()
    }

    /// Streams open on this instance (for `/readyz` and the benchmark).
    pub fn open_streams(&self) -> u32 {
        self.0.open.lock().map(|o| o.by_address.values().sum()).unwrap_or(0)
    }

    // What the listener needs.

    /// Where to read from, if anyone watches a record (channels nobody listens to any more are
    /// dropped first).
    fn reading_from(&self) -> Option<Position> {
        let mut state = self.state();
        state.records.retain(|_, tx| tx.receiver_count() > 0);
        state.people.retain(|_, tx| tx.receiver_count() > 0);
        if state.records.is_empty() {
            state.position = None;
        }
        state.position
    }

    fn watched(&self, record: &RecordKey) -> bool {
        self.state().records.contains_key(record)
    }

    /// Sends a batch read from `from` and moves to `to`, under the lock `subscribe` takes: a
    /// stream either gets these messages or is told it must read up to `to` itself. A batch
    /// read while another moved the position (it cannot: only the listener moves it once set)
    /// would be dropped.
    fn publish(&self, from: Position, to: Position, batch: Vec<(RecordKey, Arc<LiveEvent>)>) {
        let mut state = self.state();
        if state.position != Some(from) {
            return;
        }
        for (record, event) in batch {
            if let Some(tx) = state.records.get(&record) {
                let _ = tx.send(event);
            }
        }
        state.position = Some(to);
    }

    /// Wakes the streams of these people (`None`: everyone's).
    fn wake_people(&self, people: Option<&[i64]>) {
        let state = self.state();
        let wake = |tx: &watch::Sender<u64>| {
            tx.send_modify(|n| *n = n.wrapping_add(1));
        };
        match people {
            None => state.people.values().for_each(wake),
            Some(ids) => ids.iter().filter_map(|id| state.people.get(id)).for_each(wake),
        }
    }
}

/// An open stream's place under the caps.
pub struct Permit {
    hub: Hub,
    address: String,
    account: Option<i64>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut open = self.hub.0.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = open.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                open.by_address.remove(&self.address);
            }
        }
        if let Some(a) = self.account {
            if let Some(n) = open.by_account.get_mut(&a) {
                *n -= 1;
                if *n == 0 {
                    open.by_account.remove(&a);
                }
            }
        }
    }
}

/// What a stream missed, read from the log.
pub enum CatchUp {
    /// The messages about `record` after `from` up to `until`, in commit order.
    Events(Vec<Arc<LiveEvent>>),
    /// More than `CATCH_UP_LIMIT` events to read: the client reloads instead.
    TooFar,
}

/// The messages about `record` in `(from, until]`, read from the log (every event up to
/// `until` is final: `until` is a position some reader has passed).
pub fn catch_up(
    conn: &mut PgConnection,
    record: &RecordKey,
    from: Position,
    until: Position,
) -> diesel::QueryResult<CatchUp> {
    let site = crate::config::site_url();
    let mut out = Vec::new();
    let mut at = from;
    let mut read = 0;
    while at < until {
        let batch = events::read_after(conn, at, None, 500)?;
        let Some(last) = batch.last() else { break };
        at = last.position();
        for event in batch.iter().filter(|e| e.position() <= until) {
            read += 1;
            if read > CATCH_UP_LIMIT {
                return Ok(CatchUp::TooFar);
            }
            if !events::public::streams_of(event).contains(record) {
                continue;
            }
            if let Some(message) = events::public::message(conn, event, site)? {
                out.push(Arc::new(render(event, &message)));
            }
        }
    }
    Ok(CatchUp::Events(out))
}

/// An event as a stream message.
fn render(event: &events::Event, message: &serde_json::Value) -> LiveEvent {
    let position = event.position();
    LiveEvent { position, frame: sse::message(Some(&sse::position_id(position)), &event.kind, &message.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_count_per_address_and_account_and_give_places_back() {
        let hub = Hub::new(LiveSettings { max_per_address: 2, max_per_account: 1, ..LiveSettings::default() });
        let a = hub.admit("1.2.3.4".into(), Some(7)).unwrap();
        assert!(hub.admit("5.6.7.8".into(), Some(7)).is_err(), "a second stream of account 7");
        let b = hub.admit("1.2.3.4".into(), None).unwrap();
        assert!(hub.admit("1.2.3.4".into(), None).is_err(), "a third from 1.2.3.4");
        drop(a);
        assert_eq!(hub.open_streams(), 1);
        let _c = hub.admit("1.2.3.4".into(), Some(7)).unwrap();
        drop(b);
        assert_eq!(hub.open_streams(), 1);
    }

    #[test]
    fn a_subscriber_learns_how_far_the_listener_has_published() {
        let hub = Hub::new(LiveSettings::default());
        let at = |xid| Position { xid, id: 0 };
        let key: RecordKey = ("forum".into(), 1);
        let (_rx, until) = hub.subscribe(key.clone(), at(10));
        assert_eq!(until, at(10), "the first stream sets where the listener starts");
        hub.publish(at(10), at(20), Vec::new());
        let (_rx2, until) = hub.subscribe(key.clone(), at(15));
        assert_eq!(until, at(20), "published past 15: the stream reads (15, 20] itself");
        let (_rx3, until) = hub.subscribe(key, at(25));
        assert_eq!(until, at(25));
    }
}
