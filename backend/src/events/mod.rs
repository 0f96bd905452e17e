//! The event log: every write that others may react to appends one event in its own
//! transaction (`record`), one INSERT. Events are never changed (the database refuses it).
//!
//! Reading them in order: ids come from a sequence, so a transaction that took a small id can
//! commit after one that took a larger id has been read. Events are therefore read in
//! (transaction id, id) order, and only from transactions older than every one still running
//! (`pg_snapshot_xmin`): what a reader has passed can no longer change. A position is that pair.
//!
//! Administrative, official and moderation writes are `audited`: those events are the audit
//! trail (`GET /admin/audit`), with who, when, what, which subject, and before/after.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Jsonb, Nullable, Text, Timestamptz};
use serde::{Deserialize, Serialize};

use crate::db::ids::{EventId, UserId};
use crate::subjects::SubjectRef;

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

crate::text_enum! {
    /// What happened: `<kind of record>.<what happened to it>`. One list, so that readers of
    /// the log (the audit trail, the changes feed, later notifications and webhooks) and the
    /// contract know every type there is.
    EventType {
        ActionPlanCreated => "action_plan.created",
        ActionPlanUpdated => "action_plan.updated",
        ActionPlanDeleted => "action_plan.deleted",
        CommitmentCreated => "commitment.created",
        CommitmentUpdated => "commitment.updated",
        CommitmentArchived => "commitment.archived",
        CommitmentRestored => "commitment.restored",
        CommitmentDeleted => "commitment.deleted",
        MilestoneCreated => "milestone.created",
        MilestoneUpdated => "milestone.updated",
        MilestoneArchived => "milestone.archived",
        MilestoneRestored => "milestone.restored",
        MilestoneDeleted => "milestone.deleted",
        ForumCreated => "forum.created",
        ForumUpdated => "forum.updated",
        ForumArchived => "forum.archived",
        ForumRestored => "forum.restored",
        ForumDeleted => "forum.deleted",
        ForumOrganiserAdded => "forum.organiser_added",
        ForumOrganiserRemoved => "forum.organiser_removed",
        CommentCreated => "comment.created",
        CommentUpdated => "comment.updated",
        CommentDeleted => "comment.deleted",
        CommentHidden => "comment.hidden",
        CommentRestored => "comment.restored",
        UserCreated => "user.created",
        UserUpdated => "user.updated",
        UserVerified => "user.verified",
        UserPasswordChanged => "user.password_changed",
        RegistrationCreated => "registration.created",
        RegistrationPromoted => "registration.promoted",
        RegistrationCancelled => "registration.cancelled",
        RegistrationCheckedIn => "registration.checked_in",
        ForumMinutesPublished => "forum.minutes_published",
        ForumMinutesUpdated => "forum.minutes_updated",
        ActionItemCreated => "action_item.created",
        ActionItemUpdated => "action_item.updated",
        ActionItemStatusChanged => "action_item.status_changed",
        FeedbackGiven => "feedback.given",
        FeedbackResponsePublished => "forum.feedback_response_published",
        CycleCreated => "cycle.created",
        CycleUpdated => "cycle.updated",
        FormatCreated => "format.created",
        FormatUpdated => "format.updated",
        FormatVersionPublished => "format.version_published",
        InstitutionCreated => "institution.created",
        InstitutionUpdated => "institution.updated",
        ProgressReported => "milestone.progress_reported",
        QuestionAsked => "question.asked",
        QuestionAnswered => "question.answered",
        AnswerRejected => "question.answer_rejected",
        HolidayAdded => "holiday.added",
        HolidayRemoved => "holiday.removed",
        CommentReported => "comment.reported",
        ReportsDismissed => "comment.reports_dismissed",
        UserSuspended => "user.suspended",
        UserUnsuspended => "user.unsuspended",
    }
}

impl EventType {
    /// The kind of record (`forum`, `comment`…): the part before the dot.
    pub fn record_kind(self) -> &'static str {
        self.as_str().split('.').next().unwrap_or_default()
    }

    /// Whether people may hear of it (`resources::notifications`): such an event is recorded
    /// with the job that tells them, in the same statement.
    pub fn notifies(self) -> bool {
        matches!(
            self,
            EventType::CommentCreated
                | EventType::ProgressReported
                | EventType::QuestionAnswered
                | EventType::ActionItemStatusChanged
                | EventType::ForumUpdated
                | EventType::RegistrationPromoted
        )
    }

    /// The part after the dot (`created`, `deleted`…).
    pub fn verb(self) -> &'static str {
        self.as_str().split('.').nth(1).unwrap_or_default()
    }
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

/// Appends `event` in the caller's transaction. An event people may hear of is appended with
/// its notifications' fan-out job (`notifications::fanout`), in one statement: the fan-out is
/// recorded with what causes it, and its cost stays out of the request.
pub fn record(conn: &mut PgConnection, event: NewEvent) -> QueryResult<()> {
    use crate::db::schema::events::dsl as e;
    let subject = event.subject.as_ref();
    if event.kind.notifies() {
        #[derive(QueryableByName)]
        struct Enqueued {
            #[diesel(sql_type = BigInt)]
            #[allow(dead_code)]
            id: i64,
        }
        // `get_result`, not `execute`: Diesel keeps a `Prepared` statement on the connection
        // when it loads rows, and parses an executed one anew each time.
        return crate::db::Prepared(
            diesel::sql_query(
                "WITH e AS (INSERT INTO events (type, subject_kind, subject_ref, subject_key, actor_id, audited, payload) \
                            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id) \
                 INSERT INTO jobs (kind, payload, max_attempts) \
                 SELECT $8, jsonb_build_object('event_id', e.id), $9 FROM e RETURNING id",
            )
            .bind::<Text, _>(event.kind.as_str())
            .bind::<Nullable<Text>, _>(subject.map(|s| s.kind.as_str()))
            .bind::<Nullable<BigInt>, _>(subject.map(|s| s.ref_id))
            .bind::<Nullable<Text>, _>(subject.map(|s| s.key.as_str()))
            .bind::<Nullable<BigInt>, _>(event.actor.map(UserId::get))
            .bind::<diesel::sql_types::Bool, _>(event.audited)
            .bind::<Jsonb, _>(&event.payload)
            .bind::<Text, _>(crate::resources::notifications::FAN_OUT_JOB)
            .bind::<diesel::sql_types::Integer, _>(crate::jobs::DEFAULT_MAX_ATTEMPTS),
        )
        .get_result::<Enqueued>(conn)
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
    #[diesel(sql_type = Text)]
    pub kind: EventType,
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
           AND xid < pg_snapshot_xmin(pg_current_snapshot()){filter} \
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
/// starts now and wants only what comes next).
pub fn horizon(conn: &mut PgConnection) -> QueryResult<Position> {
    #[derive(QueryableByName)]
    struct Horizon {
        #[diesel(sql_type = BigInt)]
        xid: i64,
    }
    // Every event of a transaction below xmin is final; none will appear below it.
    let h: Horizon = diesel::sql_query("SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::int8 - 1) AS xid")
        .get_result(conn)?;
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
