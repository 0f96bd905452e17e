//! Registrations: every decision about seats is taken with the forum's row locked
//! (`SELECT … FOR UPDATE`), so parallel registrations and cancellations for one forum take
//! their turn and the counts they see are exact.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text, Timestamptz};

use super::dto::RegistrationStatus;
use super::model::{NewRegistration, RegistrationRow};
use crate::auth::user::User;
use crate::db::ids::{ForumId, RegistrationId, UserId};
use crate::db::schema::{forums, registrations};
use crate::events::{self, EventSubject, EventType, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::mail::{self, templates::Template, ForumMention, Outgoing};
use crate::resources::forums::model::ForumRow;
use crate::types::{ForumStatus, Locale, SeatCategory};

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

/// Reserved seats taken.
pub(super) fn reserved_taken(conn: &mut PgConnection, forum: ForumId) -> QueryResult<i64> {
    registrations::table
        .filter(registrations::forum_id.eq(forum))
        .filter(registrations::status.eq(RegistrationStatus::Registered))
        .filter(registrations::reserved.eq(true))
        .count()
        .get_result(conn)
}

/// Seats taken, in all and of them reserved ones (counted only while the forum reserves some:
/// otherwise every seat is a general one).
struct Taken {
    all: i64,
    reserved: i64,
}

fn taken(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<Taken> {
    let all = count(conn, forum.id, RegistrationStatus::Registered)?;
    let reserved = if forum.reserved_seats.is_some() { reserved_taken(conn, forum.id)? } else { 0 };
    Ok(Taken { all, reserved })
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

/// The seat a newcomer gets, with the forum's seats `taken` (none when it has no limit): a
/// reserved one (if of the category, while one is free), a general one, or none (the waitlist).
fn seat_for(
    conn: &mut PgConnection,
    forum: &ForumRow,
    user: UserId,
    taken: Option<&Taken>,
) -> QueryResult<Option<bool>> {
    let (Some(capacity), Some(taken)) = (forum.capacity.map(i64::from), taken) else { return Ok(Some(false)) };
    let reserved = i64::from(forum.reserved_seats.unwrap_or(0));
    if taken.reserved < reserved && !in_category(conn, forum, &[user])?.is_empty() {
        return Ok(Some(true));
    }
    Ok((taken.all - taken.reserved < capacity - reserved).then_some(false))
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

fn send(
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
    let taken = match forum.capacity {
        Some(_) => Some(taken(conn, &forum)?),
        None => None,
    };
    let seat = seat_for(conn, &forum, user.id, taken.as_ref())?;
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
        if let Some(taken) = &taken {
            super::mails::seats_taken(conn, &forum, taken.all + 1, public_url)?;
        }
        super::mails::ensure_reminders(conn, &forum)?;
    }
    Ok((row, forum, place))
}

/// Cancels `user`'s registration for the forum `forum_id`; a seat it frees goes at once to
/// the first person waiting (who gets a mail), while the forum takes registrations. `None`
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
    if current.status == RegistrationStatus::Registered && takes_registrations(&forum, now) {
        promote(conn, &forum, user, public_url)?;
    }
    Ok(Some((row, forum)))
}

/// Gives free seats to the people waiting, first come first served.
fn promote(conn: &mut PgConnection, forum: &ForumRow, actor: UserId, public_url: &str) -> ApiResult<()> {
    let Some(capacity) = forum.capacity.map(i64::from) else {
        return Ok(());
    };
    let reserved = i64::from(forum.reserved_seats.unwrap_or(0));
    let taken = taken(conn, forum)?;
    let free_general = (capacity - reserved - (taken.all - taken.reserved)).max(0);
    let free_reserved = (reserved - taken.reserved).max(0);
    if free_general + free_reserved == 0 {
        return Ok(());
    }
    let waiting: Vec<(RegistrationId, UserId)> = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .filter(registrations::status.eq(RegistrationStatus::Waitlisted))
        .order(registrations::id.asc())
        .select((registrations::id, registrations::user_id))
        .load(conn)?;
    // Reserved seats first, to the first people waiting who belong to the category; then the
    // general ones, to whoever waits first.
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
    next.extend(
        waiting
            .iter()
            .filter(|(id, _)| !next.iter().any(|(n, _)| n == id))
            .take(free_general as usize)
            .map(|(id, _)| (*id, false))
            .collect::<Vec<_>>(),
    );
    next.sort_by_key(|(id, _)| *id);
    let now = Utc::now();
    for (id, reserved) in next {
        let row: RegistrationRow = diesel::update(registrations::table.find(id))
            .set((
                registrations::status.eq(RegistrationStatus::Registered),
                registrations::reserved.eq(reserved),
                registrations::promoted_at.eq(now),
                registrations::updated_at.eq(now),
            ))
            .returning(RegistrationRow::as_returning())
            .get_result(conn)?;
        events::record(conn, event(crate::resources::registrations::events::REGISTRATION_PROMOTED, &row, actor))?;
        if let Some(person) = crate::auth::user::find(conn, row.user_id)? {
            send(conn, &person, Template::RegistrationPromoted, forum, &row, None, public_url)?;
        }
    }
    Ok(())
}
