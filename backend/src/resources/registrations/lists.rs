//! Reading registrations: one's own, a forum's list for its organisers, the counts everyone
//! sees; and checking people in, at the door or afterwards.

use super::dto::{
    ForumRegistration, RegisteredForum, Registrant, Registration, RegistrationStatus, RegistrationSummary,
    ReservedSeats,
};
use super::model::RegistrationRow;
use super::queries::{active, count, event, lock_forum, position, takes_registrations};
use super::seats::reserved_taken;
use crate::db::ids::{ForumId, RegistrationId, UserId};
use crate::db::schema::{forums, registrations};
use crate::events::{self};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::resources::forums::model::ForumRow;
use crate::types::ForumStatus;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text, Timestamptz};

fn forum_in_short(forum: &ForumRow) -> RegisteredForum {
    RegisteredForum {
        id: forum.id.get(),
        slug: forum.slug.clone(),
        title: forum.title.clone(),
        starts_at: forum.starts_at,
        ends_at: forum.ends_at,
        status: forum.status,
    }
}

/// One's registration as its owner reads it.
pub fn present(row: RegistrationRow, forum: &ForumRow, position: Option<i64>) -> Registration {
    Registration {
        id: row.id.get(),
        forum: forum_in_short(forum),
        status: row.status,
        position,
        code: row.code,
        created_at: row.created_at,
        promoted_at: row.promoted_at,
        cancelled_at: row.cancelled_at,
        checked_in_at: row.checked_in_at,
        reserved_seat: row.reserved,
    }
}

/// `user`'s active registration for `forum`, if any, with its place on the waitlist.
pub fn mine_for(conn: &mut PgConnection, forum: &ForumRow, user: UserId) -> ApiResult<Option<Registration>> {
    let Some(row) = active(conn, forum.id, user)? else {
        return Ok(None);
    };
    let place = position(conn, &row)?;
    Ok(Some(present(row, forum, place)))
}

/// The seats of `forum`: counts only.
pub fn summary(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<RegistrationSummary> {
    // Only while they are kept: once given back, every free seat is anyone's.
    let reserved = match (forum.reserved_seats, forum.reserved_for, forum.reserved_seats_until()) {
        (Some(seats), Some(category), Some(until)) if forum.reserves_seats(Utc::now()) => {
            Some(ReservedSeats { category, seats, taken: reserved_taken(conn, forum.id)?, until })
        }
        _ => None,
    };
    Ok(RegistrationSummary {
        open: takes_registrations(forum, Utc::now()),
        closes_at: forum.registration_closes_at.map_or(forum.starts_at, |c| c.min(forum.starts_at)),
        capacity: forum.capacity,
        registered: count(conn, forum.id, RegistrationStatus::Registered)?,
        waitlisted: count(conn, forum.id, RegistrationStatus::Waitlisted)?,
        reserved,
    })
}

/// A page of `user`'s registrations, newest first, after the registration `after`.
pub fn list_mine(
    conn: &mut PgConnection,
    user: UserId,
    after: Option<RegistrationId>,
    limit: i64,
) -> QueryResult<Vec<Registration>> {
    let mut q = registrations::table
        .inner_join(forums::table)
        .filter(registrations::user_id.eq(user))
        .select((RegistrationRow::as_select(), ForumRow::as_select()))
        .order(registrations::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(id) = after {
        q = q.filter(registrations::id.lt(id));
    }
    let rows: Vec<(RegistrationRow, ForumRow)> = q.load(conn)?;
    // A person waits on few forums at once: one count each.
    rows.into_iter()
        .map(|(row, forum)| {
            let place = position(conn, &row)?;
            Ok(present(row, &forum, place))
        })
        .collect()
}

#[derive(QueryableByName)]
struct ListedRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    user_id: i64,
    #[diesel(sql_type = Text)]
    display_name: String,
    #[diesel(sql_type = Nullable<Text>)]
    organisation: Option<String>,
    #[diesel(sql_type = Text)]
    status: String,
    #[diesel(sql_type = Nullable<BigInt>)]
    position: Option<i64>,
    #[diesel(sql_type = Text)]
    code: String,
    #[diesel(sql_type = Timestamptz)]
    created_at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    promoted_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    cancelled_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = Nullable<Timestamptz>)]
    checked_in_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    reserved: bool,
}

/// A page of `forum`'s registrations in arrival order, after the registration `after`, each
/// waitlisted one with its place (counted over the whole waitlist, not the page).
pub fn list_for_forum(
    conn: &mut PgConnection,
    forum: ForumId,
    after: Option<RegistrationId>,
    limit: i64,
) -> QueryResult<Vec<ForumRegistration>> {
    let rows: Vec<ListedRow> = crate::db::Prepared(
        diesel::sql_query(
            "SELECT r.id, r.user_id, u.display_name, u.organisation, r.status, r.position, r.code, \
                    r.created_at, r.promoted_at, r.cancelled_at, r.checked_in_at, r.reserved \
               FROM (SELECT r.*, CASE WHEN r.status = 'waitlisted' THEN row_number() OVER \
                            (PARTITION BY r.status ORDER BY r.id) END AS position \
                       FROM registrations r WHERE r.forum_id = $1) r \
               JOIN users u ON u.id = r.user_id \
              WHERE r.id > $2 \
              ORDER BY r.id LIMIT $3",
        )
        .bind::<BigInt, _>(forum.get())
        .bind::<BigInt, _>(after.map_or(0, RegistrationId::get))
        .bind::<BigInt, _>(limit),
    )
    .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| ForumRegistration {
            id: r.id,
            person: Registrant { user_id: r.user_id, display_name: r.display_name, organisation: r.organisation },
            status: match r.status.as_str() {
                "registered" => RegistrationStatus::Registered,
                "waitlisted" => RegistrationStatus::Waitlisted,
                _ => RegistrationStatus::Cancelled,
            },
            position: r.position,
            code: r.code,
            created_at: r.created_at,
            promoted_at: r.promoted_at,
            cancelled_at: r.cancelled_at,
            checked_in_at: r.checked_in_at,
            reserved_seat: r.reserved,
        })
        .collect())
}

/// Checks in, at the door, the registration of `forum` whose code is `code` (or the one with
/// id `id`): once; doing it again answers the same check-in. Only a registration with a seat is
/// checked in, and not at a cancelled or archived forum.
pub fn check_in(
    conn: &mut PgConnection,
    forum: &ForumRow,
    by: Target<'_>,
    organiser: UserId,
) -> ApiResult<ForumRegistration> {
    if forum.status == ForumStatus::Cancelled || forum.archived_at.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::registrations::codes::REGISTRATION_CLOSED,
            detail: "This forum is cancelled or archived: nobody is checked in.".into(),
        });
    }
    // The forum's lock, like every decision about its registrations.
    lock_forum(conn, forum.id)?;
    let q = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .select(RegistrationRow::as_select())
        .into_boxed();
    let by_code = matches!(by, Target::Code(_));
    let q = match by {
        Target::Code(code) => {
            let code: String = code.chars().filter(|c| *c != ' ').collect();
            q.filter(registrations::code.eq(code.to_ascii_uppercase()))
        }
        Target::Id(id) => q.filter(registrations::id.eq(id)),
    };
    // A code is a field of the request naming a record (409, like every such field); an id in
    // the path that names nothing is a 404.
    let row = q.first(conn).optional()?.ok_or_else(|| {
        if by_code {
            ApiError::conflict_field(
                ErrorCode::UnknownReference,
                "code",
                "exists",
                "no registration of this forum has this code",
            )
        } else {
            ApiError::not_found("Registration")
        }
    })?;
    if row.status != RegistrationStatus::Registered {
        return Err(ApiError::Conflict {
            code: crate::resources::registrations::codes::NOT_REGISTERED,
            detail: "This person has no seat at this forum (waitlisted, or cancelled).".into(),
        });
    }
    if row.checked_in_at.is_none() {
        let now = Utc::now();
        let done: RegistrationRow = diesel::update(registrations::table.find(row.id))
            .set((
                registrations::checked_in_at.eq(now),
                registrations::checked_in_by.eq(organiser),
                registrations::updated_at.eq(now),
            ))
            .returning(RegistrationRow::as_returning())
            .get_result(conn)?;
        events::record(
            conn,
            event(crate::resources::registrations::events::REGISTRATION_CHECKED_IN, &done, organiser),
        )?;
    }
    list_for_forum(conn, forum.id, Some(RegistrationId(row.id.get() - 1)), 1)?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::not_found("Registration"))
}

/// How a check-in names its registration.
pub enum Target<'a> {
    Code(&'a str),
    Id(RegistrationId),
}
