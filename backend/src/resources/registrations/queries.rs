//! Registrations: every decision about seats is taken with the forum's row locked
//! (`SELECT … FOR UPDATE`), so parallel registrations and cancellations for one forum take
//! their turn and the counts they see are exact.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Text, Timestamptz};

use super::dto::RegistrationStatus;
use super::model::{NewRegistration, RegistrationRow};
use crate::auth::user::User;
use crate::db::ids::{ForumId, UserId};
use crate::db::schema::{forums, registrations};
use crate::events::{self, EventSubject, EventType, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::mail::{self, templates::Template, ForumMention, Outgoing};
use crate::resources::forums::model::ForumRow;
use crate::types::{ForumStatus, Locale};

/// Whether `forum` takes registrations at `now`: open, not archived, not begun, not past its
/// closing time.
pub fn takes_registrations(forum: &ForumRow, now: DateTime<Utc>) -> bool {
    forum.status == ForumStatus::Open
        && forum.archived_at.is_none()
        && forum.starts_at > now
        && forum.registration_closes_at.is_none_or(|closes| now < closes)
}

fn closed(forum: &ForumRow) -> ApiError {
    let why = match forum.status {
        ForumStatus::Planned => "registration is not open yet",
        ForumStatus::Held => "the forum has been held",
        ForumStatus::Cancelled => "the forum is cancelled",
        ForumStatus::Open if forum.archived_at.is_some() => "the forum is archived",
        ForumStatus::Open if forum.registration_closes_at.is_some_and(|c| c <= Utc::now()) => "registration has closed",
        ForumStatus::Open => "the forum has begun",
    };
    ApiError::Conflict {
        code: crate::resources::registrations::codes::REGISTRATION_CLOSED,
        detail: format!("This forum takes no registration: {why}."),
    }
}

/// The forum's row, locked until the transaction ends.
pub(super) fn lock_forum(conn: &mut PgConnection, id: ForumId) -> QueryResult<ForumRow> {
    forums::table.find(id).select(ForumRow::as_select()).for_update().first(conn)
}

pub(super) fn count(conn: &mut PgConnection, forum: ForumId, status: RegistrationStatus) -> QueryResult<i64> {
    registrations::table
        .filter(registrations::forum_id.eq(forum))
        .filter(registrations::status.eq(status))
        .count()
        .get_result(conn)
}

/// The active (registered or waitlisted) registration of `user` for `forum`.
pub(super) fn active(conn: &mut PgConnection, forum: ForumId, user: UserId) -> QueryResult<Option<RegistrationRow>> {
    registrations::table
        .filter(registrations::forum_id.eq(forum))
        .filter(registrations::user_id.eq(user))
        .filter(registrations::status.ne(RegistrationStatus::Cancelled))
        .select(RegistrationRow::as_select())
        .first(conn)
        .optional()
}

/// The place of a waitlisted registration on its forum's waitlist (1: next).
pub(super) fn position(conn: &mut PgConnection, row: &RegistrationRow) -> QueryResult<Option<i64>> {
    if row.status != RegistrationStatus::Waitlisted {
        return Ok(None);
    }
    registrations::table
        .filter(registrations::forum_id.eq(row.forum_id))
        .filter(registrations::status.eq(RegistrationStatus::Waitlisted))
        .filter(registrations::id.le(row.id))
        .count()
        .get_result(conn)
        .map(Some)
}

/// Ten characters from an alphabet without look-alikes (no 0/O, 1/I): 50 random bits.
fn new_code() -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let bits: u64 = rand::random();
    (0..10).map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char).collect()
}

pub(super) fn event(kind: EventType, row: &RegistrationRow, actor: UserId) -> NewEvent {
    NewEvent::new(kind)
        .subject(EventSubject::new("registration", row.id.get(), row.id.get().to_string()))
        .by(actor)
        .payload(serde_json::json!({
            "forum_id": row.forum_id.get(),
            "status": row.status,
        }))
}

/// The forum as `locale`'s mail words it (times in Paris, formatted by PostgreSQL, which has
/// the time zone rules).
pub(super) fn mention(
    conn: &mut PgConnection,
    forum: &ForumRow,
    locale: Locale,
    code: &str,
    position: Option<i64>,
    public_url: &str,
) -> QueryResult<ForumMention> {
    let pattern = match locale {
        Locale::Fr => "DD/MM/YYYY \"à\" HH24:MI",
        Locale::En => "YYYY-MM-DD HH24:MI",
    };
    let when: String = diesel::select(
        diesel::dsl::sql::<Text>("to_char(")
            .bind::<Timestamptz, _>(forum.starts_at)
            .sql("::timestamptz AT TIME ZONE 'Europe/Paris', ")
            .bind::<Text, _>(pattern)
            .sql(")"),
    )
    .get_result(conn)?;
    let place = match (&forum.location, &forum.online_url) {
        (Some(place), _) => place.clone(),
        (None, Some(url)) => url.clone(),
        (None, None) => String::new(),
    };
    let calendar = crate::resources::forums::calendar::one(conn, forum.id)?;
    Ok(ForumMention {
        title: forum.title.clone(),
        when,
        place,
        url: format!("{public_url}/forums/{}", forum.slug),
        code: code.to_string(),
        position,
        ics: Some(crate::resources::forums::calendar::render(&[calendar], &forum.title, public_url)),
    })
}

pub(super) fn send(
    conn: &mut PgConnection,
    to: &User,
    template: Template,
    forum: &ForumRow,
    row: &RegistrationRow,
    position: Option<i64>,
    public_url: &str,
) -> QueryResult<()> {
    let forum = mention(conn, forum, to.locale, &row.code, position, public_url)?;
    mail::enqueue(
        conn,
        &Outgoing {
            to: to.email.clone(),
            name: to.display_name.clone(),
            locale: to.locale,
            template,
            link: None,
            forum: Some(forum),
            note: None,
            notices: Vec::new(),
        },
    )?;
    Ok(())
}

/// Registers `user` for the forum `forum_id`: a seat if one is free, else the waitlist. One
/// mail says which, sent by a job.
pub fn register(
    conn: &mut PgConnection,
    forum_id: ForumId,
    user: &User,
    public_url: &str,
) -> ApiResult<(RegistrationRow, ForumRow, Option<i64>)> {
    let forum = lock_forum(conn, forum_id)?;
    if !takes_registrations(&forum, Utc::now()) {
        return Err(closed(&forum));
    }
    if active(conn, forum.id, user.id)?.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::registrations::codes::ALREADY_REGISTERED,
            detail: "You are already registered for this forum (or on its waitlist).".into(),
        });
    }
    let seats = super::seats::Seats::count(conn, &forum, Utc::now())?;
    let seat = super::seats::seat_for(conn, &forum, user.id, seats.as_ref())?;
    let status = if seat.is_some() { RegistrationStatus::Registered } else { RegistrationStatus::Waitlisted };
    let row: RegistrationRow = diesel::insert_into(registrations::table)
        .values(NewRegistration {
            forum_id: forum.id,
            user_id: user.id,
            status,
            code: new_code(),
            reserved: seat == Some(true),
        })
        .returning(RegistrationRow::as_returning())
        .get_result(conn)?;
    events::record(conn, event(crate::resources::registrations::events::REGISTRATION_CREATED, &row, user.id))?;
    let place = position(conn, &row)?;
    let template = match status {
        RegistrationStatus::Waitlisted => Template::RegistrationWaitlisted,
        _ => Template::RegistrationConfirmed,
    };
    send(conn, user, template, &forum, &row, place, public_url)?;
    if status == RegistrationStatus::Registered {
        if let Some(seats) = &seats {
            super::mails::seats_taken(conn, &forum, seats.taken + 1, public_url)?;
        }
        super::mails::ensure_reminders(conn, &forum)?;
    }
    Ok((row, forum, place))
}

/// Cancels `user`'s registration for the forum `forum_id`; a seat it frees goes at once to
/// the first person waiting (who gets a mail), until the forum begins. `None`
/// when there was none to cancel.
pub fn cancel(
    conn: &mut PgConnection,
    forum_id: ForumId,
    user: UserId,
    public_url: &str,
) -> ApiResult<Option<(RegistrationRow, ForumRow)>> {
    let forum = lock_forum(conn, forum_id)?;
    let Some(current) = active(conn, forum.id, user)? else {
        return Ok(None);
    };
    let now = Utc::now();
    let row: RegistrationRow = diesel::update(registrations::table.find(current.id))
        .set((
            registrations::status.eq(RegistrationStatus::Cancelled),
            registrations::cancelled_at.eq(now),
            registrations::updated_at.eq(now),
        ))
        .returning(RegistrationRow::as_returning())
        .get_result(conn)?;
    events::record(conn, event(crate::resources::registrations::events::REGISTRATION_CANCELLED, &row, user))?;
    if current.status == RegistrationStatus::Registered && super::seats::seats_move(&forum, now) {
        super::seats::promote(conn, &forum, Some(user), public_url)?;
    }
    Ok(Some((row, forum)))
}

/// An erased account's registrations for forums still to come are cancelled, in the erasure's
/// transaction: its seats go to the people waiting. Those of forums begun or held stay (the
/// counts of who came stay true), attached to the tombstone.
pub(super) fn cancel_for_erased(conn: &mut PgConnection, event: &crate::events::NewEvent) -> QueryResult<()> {
    let Some(subject) = &event.subject else { return Ok(()) };
    let user = UserId(subject.ref_id);
    let coming: Vec<ForumId> = registrations::table
        .inner_join(crate::db::schema::forums::table)
        .filter(registrations::user_id.eq(user))
        .filter(registrations::status.ne(RegistrationStatus::Cancelled))
        .filter(crate::db::schema::forums::starts_at.gt(Utc::now()))
        .select(registrations::forum_id)
        .load(conn)?;
    for forum in coming {
        cancel(conn, forum, user, crate::config::site_url())
            .map_err(|e| diesel::result::Error::QueryBuilderError(e.to_string().into()))?;
    }
    Ok(())
}
