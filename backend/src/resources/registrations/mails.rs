//! The forum's mails beyond a registration's own: the reminder 48 hours before, a change of
//! time or place and a cancellation (to everyone registered or waiting: a job that follows
//! `forum.updated`), and the organiser's mails at 80 % and 100 % of the seats. Each is recorded
//! in the transaction of what causes it and sent by a job; what each remembers (`reminded_for`,
//! `*_notified_at`, the job's own mark) makes a job that runs twice send nothing twice.

use chrono::{Duration, Utc};
use diesel::prelude::*;

use super::dto::RegistrationStatus;
use super::model::RegistrationRow;
use crate::db::ids::ForumId;
use crate::db::schema::{forums, jobs, registrations};
use crate::jobs::worker::{JobContext, JobError};
use crate::mail::templates::Template;
use crate::mail::{self, Outgoing};
use crate::resources::forums::model::ForumRow;
use crate::types::{ForumStatus, Role};

/// The job kind that sends a forum's reminders.
pub const REMINDERS_JOB: &str = "forum_reminders";

/// How long before the forum the reminder goes.
pub fn reminder_lead() -> Duration {
    Duration::hours(48)
}

fn mail_to(
    conn: &mut PgConnection,
    forum: &ForumRow,
    row: &RegistrationRow,
    template: Template,
    public_url: &str,
) -> QueryResult<()> {
    let Some(person) = crate::auth::user::find(conn, row.user_id)? else { return Ok(()) };
    let mention = super::queries::mention(conn, forum, person.locale, &row.code, None, public_url)?;
    mail::enqueue(
        conn,
        &Outgoing {
            to: person.email.clone(),
            name: person.display_name.clone(),
            locale: person.locale,
            template,
            link: None,
            forum: Some(mention),
            note: None,
            notices: Vec::new(),
        },
    )?;
    Ok(())
}

/// The job kind that mails the people registered or waiting after a change to their forum: it
/// follows `forum.updated` (`registrations::RESOURCE` subscribes to it).
pub const FORUM_CHANGED_JOB: &str = "registrations_forum_changed";

/// The fields of a forum's audited state (`forum.updated`'s before and after) that a mail
/// follows.
#[derive(serde::Deserialize, PartialEq)]
struct Seen {
    status: ForumStatus,
    starts_at: chrono::DateTime<Utc>,
    ends_at: chrono::DateTime<Utc>,
    location: Option<String>,
    online_url: Option<String>,
}

/// After a change to a forum (`forum.updated`): a mail to everyone registered or waiting when
/// it was cancelled, or when its time or place changed (for a forum still to come), and the
/// reminder moved to the new start. Once per event, whatever happens to the worker.
pub fn run_forum_changed(
    ctx: &mut JobContext<'_>,
    payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let event_id =
        payload.get("event_id").and_then(|v| v.as_i64()).ok_or_else(|| JobError::Permanent("no event_id".into()))?;
    let public_url = ctx.mailer.public_url.clone();
    let job = ctx.job_id;
    ctx.conn
        .transaction(|conn| -> QueryResult<()> {
            let Some(event) = crate::events::find(conn, event_id)? else { return Ok(()) };
            let seen = |side: &str| serde_json::from_value::<Seen>(event.payload[side].clone()).ok();
            let (Some(before), Some(after), Some(id)) = (seen("before"), seen("after"), event.subject_ref) else {
                return Ok(());
            };
            if !crate::jobs::first_run(conn, job)? {
                return Ok(());
            }
            let Some(forum) = forums::table.find(ForumId(id)).select(ForumRow::as_select()).first(conn).optional()?
            else {
                return Ok(());
            };
            forum_changed(conn, &before, &after, &forum, &public_url)
        })
        .map_err(|e| JobError::Retry(format!("forum changed: {e}")))?;
    Ok(None)
}

fn forum_changed(
    conn: &mut PgConnection,
    before: &Seen,
    after: &Seen,
    forum: &ForumRow,
    public_url: &str,
) -> QueryResult<()> {
    let cancelled = after.status == ForumStatus::Cancelled && before.status != ForumStatus::Cancelled;
    let moved = (before.starts_at, before.ends_at, &before.location, &before.online_url)
        != (after.starts_at, after.ends_at, &after.location, &after.online_url);
    let template = if cancelled {
        Template::ForumCancelled
    } else if moved && matches!(after.status, ForumStatus::Planned | ForumStatus::Open) && after.ends_at > Utc::now() {
        Template::ForumChanged
    } else {
        return Ok(());
    };
    let people: Vec<RegistrationRow> = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .filter(registrations::status.ne(RegistrationStatus::Cancelled))
        .order(registrations::id)
        .select(RegistrationRow::as_select())
        .load(conn)?;
    for row in &people {
        mail_to(conn, forum, row, template, public_url)?;
    }
    if moved && !cancelled {
        ensure_reminders(conn, forum)?;
    }
    Ok(())
}

/// Makes sure a reminders job waits for the forum's current start (one per start time).
pub fn ensure_reminders(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<()> {
    let at = forum.starts_at - reminder_lead();
    if at <= Utc::now() || !matches!(forum.status, ForumStatus::Planned | ForumStatus::Open) {
        return Ok(());
    }
    queue_once_at(conn, REMINDERS_JOB, forum.id, at)
}

/// Queues a job of `kind` for `forum` at `at`, unless one already waits for that time (a job
/// for an earlier time finds nothing due and does nothing).
pub(super) fn queue_once_at(
    conn: &mut PgConnection,
    kind: &'static str,
    forum: ForumId,
    at: chrono::DateTime<Utc>,
) -> QueryResult<()> {
    let queued: bool = diesel::select(diesel::dsl::exists(
        jobs::table
            .filter(jobs::kind.eq(kind))
            .filter(jobs::state.eq("queued"))
            .filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("(payload ->> 'forum_id') = ")
                    .bind::<diesel::sql_types::Text, _>(forum.get().to_string()),
            )
            .filter(jobs::run_at.eq(at)),
    ))
    .get_result(conn)?;
    if !queued {
        crate::jobs::enqueue_at(conn, kind, serde_json::json!({"forum_id": forum.get()}), Some(at))?;
    }
    Ok(())
}

/// The reminders job: at 48 hours before the forum, a mail to each person with a seat not yet
/// reminded of this start. A forum moved later gets a job at its new time instead; a cancelled,
/// held or begun one gets nothing.
pub fn run_reminders(
    ctx: &mut JobContext<'_>,
    payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let id =
        payload.get("forum_id").and_then(|v| v.as_i64()).ok_or_else(|| JobError::Permanent("no forum_id".into()))?;
    let public_url = ctx.mailer.public_url.clone();
    ctx.conn
        .transaction(|conn| -> QueryResult<()> {
            let Some(forum) = forums::table
                .find(ForumId(id))
                .select(ForumRow::as_select())
                .for_update()
                .first::<ForumRow>(conn)
                .optional()?
            else {
                return Ok(());
            };
            let now = Utc::now();
            if !matches!(forum.status, ForumStatus::Planned | ForumStatus::Open)
                || forum.starts_at <= now
                || forum.archived_at.is_some()
            {
                return Ok(());
            }
            if forum.starts_at - reminder_lead() > now + Duration::minutes(5) {
                return ensure_reminders(conn, &forum);
            }
            let due: Vec<RegistrationRow> = registrations::table
                .filter(registrations::forum_id.eq(forum.id))
                .filter(registrations::status.eq(RegistrationStatus::Registered))
                .filter(registrations::reminded_for.is_distinct_from(forum.starts_at))
                .order(registrations::id)
                .select(RegistrationRow::as_select())
                .load(conn)?;
            for row in &due {
                mail_to(conn, &forum, row, Template::RegistrationReminder, &public_url)?;
                diesel::update(registrations::table.find(row.id))
                    .set(registrations::reminded_for.eq(forum.starts_at))
                    .execute(conn)?;
            }
            Ok(())
        })
        .map_err(|e| JobError::Retry(format!("forum reminders: {e}")))?;
    Ok(None)
}

/// After a seat is taken: the organiser (who announced the forum) hears once when 80 % of the
/// seats are taken and once when all are.
pub fn seats_taken(conn: &mut PgConnection, forum: &ForumRow, seated: i64, public_url: &str) -> QueryResult<()> {
    let Some(capacity) = forum.capacity.map(i64::from) else { return Ok(()) };
    let filling = (capacity * 8 + 9) / 10;
    let (template, column_set) = if seated >= capacity && forum.full_notified_at.is_none() {
        (Template::ForumFull, true)
    } else if seated >= filling && seated < capacity && forum.filling_notified_at.is_none() {
        (Template::ForumFilling, false)
    } else {
        return Ok(());
    };
    if column_set {
        diesel::update(forums::table.find(forum.id))
            .set(forums::full_notified_at.eq(diesel::dsl::now))
            .execute(conn)?;
    } else {
        diesel::update(forums::table.find(forum.id))
            .set(forums::filling_notified_at.eq(diesel::dsl::now))
            .execute(conn)?;
    }
    let Some(organiser) = forum.created_by else { return Ok(()) };
    let Some(person) = crate::auth::user::find(conn, organiser)? else { return Ok(()) };
    if !matches!(person.role, Role::Official | Role::Admin) {
        return Ok(());
    }
    let mut mention = super::queries::mention(conn, forum, person.locale, "", Some(seated), public_url)?;
    mention.ics = None;
    mail::enqueue(
        conn,
        &Outgoing {
            to: person.email.clone(),
            name: person.display_name.clone(),
            locale: person.locale,
            template,
            link: None,
            forum: Some(mention),
            note: None,
            notices: Vec::new(),
        },
    )?;
    Ok(())
}
