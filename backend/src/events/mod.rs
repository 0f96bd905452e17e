//! The event log: every write that others may react to appends one event in its own
//! transaction (`record`), one INSERT. Events are never changed (the database refuses it).
//!
//! Reading them in order: ids come from a sequence, so a transaction that took a small id can
//! commit after one that took a larger id has been read. Events are therefore read in
//! (transaction id, id) order, and only from transactions older than every one of this database
//! still running (`events_horizon()`, a SQL function: the snapshot's xmin without the
//! transactions of other databases on the same server, which never write here and used to hold
//! the feed back): what a reader has passed can no longer change. A position is that pair.
//!
//! Administrative, official and moderation writes are `audited`: those events are the audit
//! trail (`GET /admin/audit`), with who, when, what, which subject, and before/after.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Jsonb, Nullable, Text, Timestamptz};
use serde::{Deserialize, Serialize};

use crate::db::ids::{EventId, UserId};
use crate::subjects::SubjectRef;

mod long_transaction;
pub mod public;
pub use long_transaction::{long_transaction, report_long_transaction, LongTransaction};

/// What an event is about: a subject (forum, commitment…) or another record (an account, a
/// comment), with the key clients address it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventSubject {
    pub kind: String,
    pub ref_id: i64,
    pub key: String,
}

impl EventSubject {
    pub fn new(kind: &str, ref_id: i64, key: impl Into<String>) -> EventSubject {
        EventSubject { kind: kind.into(), ref_id, key: key.into() }
    }
}

impl From<&SubjectRef> for EventSubject {
    fn from(s: &SubjectRef) -> Self {
        EventSubject { kind: s.kind.as_str().into(), ref_id: s.ref_id, key: s.key.clone() }
    }
}

/// What happened: `<kind of record>.<what happened to it>`. Each resource declares the types
/// its writes record (`crate::event_types!`), so that readers of the log (the audit trail, the
/// change feed, notifications, later webhooks) and the contract know every type there is
/// (`registry::Declarations::event_types`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct EventType {
    name: &'static str,
    /// Whether people may hear of it (`resources::notifications`).
    notifies: bool,
    /// Whether it stays out of public readers of the log (the change feed): something that
    /// happened about a record without changing it (a report).
    private: bool,
}

impl EventType {
    pub const fn new(name: &'static str) -> EventType {
        EventType { name, notifies: false, private: false }
    }

    /// An event people may hear of: notifications follow it (their job subscribes to these).
    pub const fn notifying(name: &'static str) -> EventType {
        EventType { name, notifies: true, private: false }
    }

    /// An event public readers of the log never see.
    pub const fn private(name: &'static str) -> EventType {
        EventType { name, notifies: false, private: true }
    }

    /// Whether public readers of the log leave it out.
    pub fn is_private(self) -> bool {
        self.private
    }

    pub fn as_str(self) -> &'static str {
        self.name
    }

    /// Whether people may hear of it.
    pub fn notifies(self) -> bool {
        self.notifies
    }

    /// The kind of record (`forum`, `comment`…): the part before the dot.
    pub fn record_kind(self) -> &'static str {
        self.name.split('.').next().unwrap_or_default()
    }

    /// The part after the dot (`created`, `deleted`…).
    pub fn verb(self) -> &'static str {
        self.name.split('.').nth(1).unwrap_or_default()
    }

    /// The declared type of this name (`None`: no resource declares it).
    pub fn parse(name: &str) -> Option<EventType> {
        crate::registry::get().event_types().find(|t| t.name == name)
    }
}

impl Serialize for EventType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name)
    }
}

impl<'de> Deserialize<'de> for EventType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        EventType::parse(&name).ok_or_else(|| serde::de::Error::custom(format!("unknown event type {name:?}")))
    }
}

/// In the contract, the list of every declared type (`app::openapi` fills the `enum`).
impl utoipa::PartialSchema for EventType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "What happened: `<kind of record>.<what happened to it>`. One list, so that readers of \
                 the log (the audit trail, the changes feed, notifications, webhooks) and the contract \
                 know every type there is.",
            ))
            .into()
    }
}

impl utoipa::ToSchema for EventType {}

/// Declares a resource's event types: one constant each, and `ALL` for its `RESOURCE.events`.
/// `notifying` marks those people may hear of, `private` those the change feed leaves out.
///
/// ```ignore
/// crate::event_types! {
///     CREATED => "forum.created",
///     UPDATED => notifying "forum.updated",
///     REPORTED => private "comment.reported",
/// }
/// ```
#[macro_export]
macro_rules! event_types {
    ($($name:ident => $($flag:ident)? $text:literal),+ $(,)?) => {
        $(pub const $name: $crate::events::EventType = $crate::event_types!(@one $($flag)? $text);)+
        /// Every event type this resource records.
        pub const ALL: &[$crate::events::EventType] = &[$($name),+];
    };
    (@one notifying $text:literal) => { $crate::events::EventType::notifying($text) };
    (@one private $text:literal) => { $crate::events::EventType::private($text) };
    (@one $text:literal) => { $crate::events::EventType::new($text) };
}

/// What a resource does, in the transaction that records an event, when a write of another
/// resource decides something for it too (a forum given more seats gives them to the people
/// waiting, in the same transaction). Work that may come later is a `Subscription` instead.
pub struct Reaction {
    pub to: fn(EventType) -> bool,
    pub run: fn(&mut PgConnection, &NewEvent) -> QueryResult<()>,
}

/// A job that follows events: each event of a type `to` accepts is recorded with a job of kind
/// `job` (payload `{"event_id": …}`), in the statement that records the event.
pub struct Subscription {
    pub job: &'static str,
    pub to: fn(EventType) -> bool,
}

/// An event to append.
#[derive(Debug, Clone)]
pub struct NewEvent {
    pub kind: EventType,
    pub subject: Option<EventSubject>,
    pub actor: Option<UserId>,
    pub audited: bool,
    pub payload: serde_json::Value,
}

impl NewEvent {
    pub fn new(kind: EventType) -> NewEvent {
        NewEvent {
            kind,
            subject: None,
            actor: None,
            audited: false,
            payload: serde_json::Value::Object(Default::default()),
        }
    }

    pub fn subject(mut self, subject: impl Into<EventSubject>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn by(mut self, actor: UserId) -> Self {
        self.actor = Some(actor);
        self
    }

    /// Part of the audit trail, with the record as it was and as it is.
    pub fn audit<B: Serialize, A: Serialize>(mut self, before: Option<&B>, after: Option<&A>) -> Self {
        self.audited = true;
        self.payload = serde_json::json!({ "before": before, "after": after });
        self
    }

    pub fn payload(mut self, payload: serde_json::Value) -> Self {
        self.payload = payload;
        self
    }
}

/// Appends `event` in the caller's transaction, with the job of every subscription that follows
/// it (`registry`), in one statement: what the event causes is recorded with it, and its cost
/// stays out of the request.
pub fn record(conn: &mut PgConnection, event: NewEvent) -> QueryResult<()> {
    append(conn, &event)?;
    for reaction in crate::registry::get().reactions().filter(|r| (r.to)(event.kind)) {
        (reaction.run)(conn, &event)?;
    }
    Ok(())
}

/// The event and the jobs of its subscriptions, in one statement.
fn append(conn: &mut PgConnection, event: &NewEvent) -> QueryResult<()> {
    use crate::db::schema::events::dsl as e;
    let subject = event.subject.as_ref();
    let jobs: Vec<&'static str> =
        crate::registry::get().subscriptions().filter(|s| (s.to)(event.kind)).map(|s| s.job).collect();
    if !jobs.is_empty() {
        #[derive(QueryableByName)]
        struct Enqueued {
            #[diesel(sql_type = BigInt)]
            #[allow(dead_code)]
            id: i64,
        }
        // `load`, not `execute`: Diesel keeps a `Prepared` statement on the connection when it
        // loads rows, and parses an executed one anew each time.
        return crate::db::Prepared(
            diesel::sql_query(
                "WITH e AS (INSERT INTO events (type, subject_kind, subject_ref, subject_key, actor_id, audited, payload) \
                            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id) \
                 INSERT INTO jobs (kind, payload, max_attempts) \
                 SELECT k, jsonb_build_object('event_id', e.id), $9 FROM e, unnest($8::text[]) AS k RETURNING id",
            )
            .bind::<Text, _>(event.kind.as_str())
            .bind::<Nullable<Text>, _>(subject.map(|s| s.kind.as_str()))
            .bind::<Nullable<BigInt>, _>(subject.map(|s| s.ref_id))
            .bind::<Nullable<Text>, _>(subject.map(|s| s.key.as_str()))
            .bind::<Nullable<BigInt>, _>(event.actor.map(UserId::get))
            .bind::<diesel::sql_types::Bool, _>(event.audited)
            .bind::<Jsonb, _>(&event.payload)
            .bind::<diesel::sql_types::Array<Text>, _>(&jobs)
            .bind::<diesel::sql_types::Integer, _>(crate::jobs::DEFAULT_MAX_ATTEMPTS),
        )
        .load::<Enqueued>(conn)
        .map(|_| ());
    }
    // The query builder's INSERT, not `sql_query`: Diesel keeps it prepared on the connection
    // (it runs once per write), where a `sql_query` `execute` is parsed and planned every time.
    diesel::insert_into(e::events)
        .values((
            e::type_.eq(event.kind.as_str()),
            e::subject_kind.eq(subject.map(|s| s.kind.as_str())),
            e::subject_ref.eq(subject.map(|s| s.ref_id)),
            e::subject_key.eq(subject.map(|s| s.key.as_str())),
            e::actor_id.eq(event.actor.map(UserId::get)),
            e::audited.eq(event.audited),
            e::payload.eq(&event.payload),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The event `id`, if there is one.
pub fn find(conn: &mut PgConnection, id: i64) -> QueryResult<Option<Event>> {
    crate::db::Prepared(diesel::sql_query(format!("SELECT {COLUMNS} FROM events WHERE id = $1")).bind::<BigInt, _>(id))
        .get_result(conn)
        .optional()
}

/// A place in the log: everything up to it has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Default)]
pub struct Position {
    /// The transaction (xid8) of the last event read.
    pub xid: i64,
    pub id: i64,
}

/// An event as read back.
#[derive(Debug, Clone, QueryableByName)]
pub struct Event {
    #[diesel(sql_type = BigInt)]
    pub id: EventId,
    #[diesel(sql_type = BigInt)]
    pub xid: i64,
    /// Its type's name (`forum.updated`): compare with `Event::is`.
    #[diesel(sql_type = Text)]
    pub kind: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub subject_kind: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub subject_ref: Option<i64>,
    #[diesel(sql_type = Nullable<Text>)]
    pub subject_key: Option<String>,
    #[diesel(sql_type = Nullable<BigInt>)]
    pub actor_id: Option<i64>,
    #[diesel(sql_type = Timestamptz)]
    pub at: DateTime<Utc>,
    #[diesel(sql_type = Jsonb)]
    pub payload: serde_json::Value,
}

impl Event {
    /// Whether it is of this type.
    pub fn is(&self, kind: EventType) -> bool {
        self.kind == kind.as_str()
    }

    /// Its declared type (`None` for a type no resource declares any more).
    pub fn event_type(&self) -> Option<EventType> {
        EventType::parse(&self.kind)
    }

    pub fn position(&self) -> Position {
        Position { xid: self.xid, id: self.id.get() }
    }
}

const COLUMNS: &str = "id, xid::text::int8 AS xid, type AS kind, subject_kind, subject_ref, \
                       subject_key, actor_id, at, payload";

/// Events after `after`, in commit order, at most `limit`, only from transactions that have
/// all ended (see the module's note). `kinds`: only events whose type starts with one of them.
pub fn read_after(
    conn: &mut PgConnection,
    after: Position,
    kinds: Option<&[String]>,
    limit: i64,
) -> QueryResult<Vec<Event>> {
    let filter = if kinds.is_some() { " AND split_part(type, '.', 1) = ANY($4)" } else { "" };
    let sql = format!(
        "SELECT {COLUMNS} FROM events \
         WHERE (xid, id) > ($1::text::xid8, $2) \
           AND xid < events_horizon(){filter} \
         ORDER BY xid, id LIMIT $3"
    );
    let query = diesel::sql_query(sql)
        .bind::<Text, _>(after.xid.to_string())
        .bind::<BigInt, _>(after.id)
        .bind::<BigInt, _>(limit);
    match kinds {
        Some(k) => crate::db::Prepared(query.bind::<diesel::sql_types::Array<Text>, _>(k)).load(conn),
        None => crate::db::Prepared(query).load(conn),
    }
}

/// The position after everything committed so far that a reader may pass (for a reader that
/// starts now and wants only what comes next). A reader that moves to it after `read_after`
/// must call both in one snapshot (a repeatable-read transaction): otherwise what commits
/// between the two statements is passed over unread.
pub fn horizon(conn: &mut PgConnection) -> QueryResult<Position> {
    #[derive(QueryableByName)]
    struct Horizon {
        #[diesel(sql_type = BigInt)]
        xid: i64,
    }
    // Every event of a transaction below the horizon is final; none will appear below it.
    let h: Horizon = diesel::sql_query("SELECT (events_horizon()::text::int8 - 1) AS xid").get_result(conn)?;
    Ok(Position { xid: h.xid, id: i64::MAX })
}

/// The transaction id the database would give now: a position beyond it names the future.
pub fn current_xid(conn: &mut PgConnection) -> QueryResult<i64> {
    #[derive(QueryableByName)]
    struct Now {
        #[diesel(sql_type = BigInt)]
        xid: i64,
    }
    diesel::sql_query("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::int8 AS xid")
        .get_result::<Now>(conn)
        .map(|n| n.xid)
}
