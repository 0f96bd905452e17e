//! Who gets a seat: a newcomer, the people waiting when seats free up (a cancellation, a larger
//! capacity, fewer reserved seats), and when reserved seats nobody of the category took go back
//! to the general pool. Every function here runs with the forum's row locked (`FOR UPDATE`,
//! taken by the write that calls it), so the counts it reads stay exact until it commits.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::BigInt;

use super::dto::RegistrationStatus;
use super::model::RegistrationRow;
use super::queries::{count, event, lock_forum, send};
use crate::db::ids::{ForumId, RegistrationId, UserId};
use crate::db::schema::registrations;
use crate::events::{self, NewEvent};
use crate::jobs::worker::{JobContext, JobError};
use crate::mail::templates::Template;
use crate::resources::forums::model::ForumRow;
use crate::types::{ForumStatus, SeatCategory};

/// The seats of a forum with a capacity, as taken now.
pub(super) struct Seats {
    capacity: i64,
    /// Seats kept for the forum's category now (0 once they went back to the general pool).
    reserved: i64,
    /// People holding a seat.
    pub taken: i64,
    /// Of them, those holding a reserved one (counted while seats are kept only).
    taken_reserved: i64,
}

impl Seats {
    /// `None` when the forum has no capacity (nobody waits).
    pub fn count(conn: &mut PgConnection, forum: &ForumRow, now: DateTime<Utc>) -> QueryResult<Option<Seats>> {
        let Some(capacity) = forum.capacity.map(i64::from) else { return Ok(None) };
        let keeps = forum.reserves_seats(now);
        Ok(Some(Seats {
            capacity,
            reserved: if keeps { i64::from(forum.reserved_seats.unwrap_or(0)) } else { 0 },
            taken: count(conn, forum.id, RegistrationStatus::Registered)?,
            taken_reserved: if keeps { reserved_taken(conn, forum.id)? } else { 0 },
        }))
    }

    /// Free seats: (general, reserved). Never more in all than the capacity leaves, even when
    /// the seats kept or the capacity changed under people already seated.
    fn free(&self) -> (i64, i64) {
        let held_reserved = self.taken_reserved.min(self.reserved);
        let room = (self.capacity - self.taken).max(0);
        let reserved = (self.reserved - held_reserved).max(0).min(room);
        let general = (self.capacity - self.reserved - (self.taken - held_reserved)).max(0).min(room - reserved);
        (general, reserved)
    }
}

/// Reserved seats taken.
pub(super) fn reserved_taken(conn: &mut PgConnection, forum: ForumId) -> QueryResult<i64> {
    registrations::table
        .filter(registrations::forum_id.eq(forum))
        .filter(registrations::status.eq(RegistrationStatus::Registered))
        .filter(registrations::reserved.eq(true))
        .count()
        .get_result(conn)
}

/// Of `people`, those in the category `forum` reserves seats for (see `SeatCategory`).
fn in_category(conn: &mut PgConnection, forum: &ForumRow, people: &[UserId]) -> QueryResult<Vec<UserId>> {
    let Some(category) = forum.reserved_for else { return Ok(Vec::new()) };
    let ids: Vec<i64> = people.iter().map(|u| u.get()).collect();
    #[derive(QueryableByName)]
    struct Found {
        #[diesel(sql_type = BigInt)]
        id: UserId,
    }
    let sql = match category {
        SeatCategory::Officials => {
            "SELECT u.id FROM users u WHERE u.id = ANY($1) AND u.role IN ('official', 'admin') \
               AND u.institution_id IN (SELECT ci.institution_id FROM commitment_institutions ci \
                                         JOIN forum_commitments fc ON fc.commitment_id = ci.commitment_id \
                                        WHERE fc.forum_id = $2)"
        }
        SeatCategory::CivilSociety => {
            "SELECT u.id FROM users u LEFT JOIN institutions i ON i.id = u.institution_id \
              WHERE u.id = ANY($1) AND u.role = 'member' AND $2 = $2 \
                AND (u.institution_id IS NULL OR i.kind = 'civil_society')"
        }
    };
    Ok(diesel::sql_query(sql)
        .bind::<diesel::sql_types::Array<BigInt>, _>(ids)
        .bind::<BigInt, _>(forum.id.get())
        .load::<Found>(conn)?
        .into_iter()
        .map(|f| f.id)
        .collect())
}

/// The seat a newcomer gets (`seats`: `None` when the forum has no limit): a reserved one (if
/// of the category, while one is free), a general one (`Some(false)`), or none (the waitlist).
pub(super) fn seat_for(
    conn: &mut PgConnection,
    forum: &ForumRow,
    user: UserId,
    seats: Option<&Seats>,
) -> QueryResult<Option<bool>> {
    let Some(seats) = seats else { return Ok(Some(false)) };
    let (general, reserved) = seats.free();
    if reserved > 0 && !in_category(conn, forum, &[user])?.is_empty() {
        return Ok(Some(true));
    }
    Ok((general > 0).then_some(false))
}

/// Whether seats still move to the people waiting: the forum is open, not archived and not
/// begun (after registration closes too: they registered in time).
pub(super) fn seats_move(forum: &ForumRow, now: DateTime<Utc>) -> bool {
    forum.status == ForumStatus::Open && forum.archived_at.is_none() && forum.starts_at > now
}

/// Gives the free seats to the people waiting, in arrival order: reserved ones first to the
/// first people waiting of the category, then general ones to whoever waits first. Each is
/// told as on a cancellation (`registration.promoted`, and a mail). Returns how many moved.
pub(super) fn promote(
    conn: &mut PgConnection,
    forum: &ForumRow,
    actor: Option<UserId>,
    public_url: &str,
) -> QueryResult<usize> {
    let now = Utc::now();
    let seats = Seats::count(conn, forum, now)?;
    let (free_general, free_reserved) = match &seats {
        Some(seats) => seats.free(),
        // No limit (any more): everyone waiting.
        None => (i64::MAX, 0),
    };
    if free_general + free_reserved == 0 {
        return Ok(0);
    }
    let waiting: Vec<(RegistrationId, UserId)> = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .filter(registrations::status.eq(RegistrationStatus::Waitlisted))
        .order(registrations::id.asc())
        .select((registrations::id, registrations::user_id))
        .load(conn)?;
    let mut next: Vec<(RegistrationId, bool)> = Vec::new();
    if free_reserved > 0 {
        let people: Vec<UserId> = waiting.iter().map(|(_, u)| *u).collect();
        let eligible = in_category(conn, forum, &people)?;
        next.extend(
            waiting
                .iter()
                .filter(|(_, u)| eligible.contains(u))
                .take(free_reserved as usize)
                .map(|(id, _)| (*id, true)),
        );
    }
    let general: Vec<(RegistrationId, bool)> = waiting
        .iter()
        .filter(|(id, _)| !next.iter().any(|(n, _)| n == id))
        .take(usize::try_from(free_general).unwrap_or(usize::MAX))
        .map(|(id, _)| (*id, false))
        .collect();
    next.extend(general);
    next.sort_by_key(|(id, _)| *id);
    for (id, reserved) in &next {
        let row: RegistrationRow = diesel::update(registrations::table.find(*id))
            .set((
                registrations::status.eq(RegistrationStatus::Registered),
                registrations::reserved.eq(*reserved),
                registrations::promoted_at.eq(now),
                registrations::updated_at.eq(now),
            ))
            .returning(RegistrationRow::as_returning())
            .get_result(conn)?;
        let mut promoted = event(crate::resources::registrations::events::REGISTRATION_PROMOTED, &row, row.user_id);
        promoted.actor = actor;
        events::record(conn, promoted)?;
        if let Some(person) = crate::auth::user::find(conn, row.user_id)? {
            send(conn, &person, Template::RegistrationPromoted, forum, &row, None, public_url)?;
        }
    }
    if !next.is_empty() {
        super::mails::ensure_reminders(conn, forum)?;
    }
    Ok(next.len())
}

/// A forum was announced or changed (`forum.created`, `forum.updated`): in that write's
/// transaction, the seats it frees go to the people waiting, and the reserved seats are given
/// back at their time (`RELEASE_JOB`).
pub(super) fn follow_the_forum(conn: &mut PgConnection, event: &NewEvent) -> QueryResult<()> {
    let Some(subject) = &event.subject else { return Ok(()) };
    let forum = lock_forum(conn, ForumId(subject.ref_id))?;
    ensure_release(conn, &forum)?;
    if seats_move(&forum, Utc::now()) {
        promote(conn, &forum, event.actor, crate::config::site_url())?;
    }
    Ok(())
}

/// The job kind that gives unclaimed reserved seats back to the general pool at their time.
pub const RELEASE_JOB: &str = "registrations_release_reserved";

/// Makes sure a release job waits for the time the forum keeps its reserved seats until (one
/// per time; a job for an earlier time finds the seats still kept and does nothing).
fn ensure_release(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<()> {
    let Some(at) = forum.reserved_seats_until() else { return Ok(()) };
    if at <= Utc::now() || !matches!(forum.status, ForumStatus::Planned | ForumStatus::Open) {
        return Ok(());
    }
    super::mails::queue_once_at(conn, RELEASE_JOB, forum.id, at)
}

/// The release job: once the forum no longer keeps its reserved seats, the free ones go to the
/// people waiting, in arrival order. A forum whose time moved later has a job at its new time.
pub fn run_release(
    ctx: &mut JobContext<'_>,
    payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let id =
        payload.get("forum_id").and_then(|v| v.as_i64()).ok_or_else(|| JobError::Permanent("no forum_id".into()))?;
    let public_url = ctx.mailer.public_url.clone();
    let moved = ctx
        .conn
        .transaction(|conn| -> QueryResult<usize> {
            let Some(forum) = lock_forum(conn, ForumId(id)).optional()? else { return Ok(0) };
            let now = Utc::now();
            if forum.reserves_seats(now) {
                ensure_release(conn, &forum)?;
                return Ok(0);
            }
            if !seats_move(&forum, now) {
                return Ok(0);
            }
            promote(conn, &forum, None, &public_url)
        })
        .map_err(|e| JobError::Retry(format!("reserved seats release: {e}")))?;
    Ok(Some(serde_json::json!({ "promoted": moved })))
}
