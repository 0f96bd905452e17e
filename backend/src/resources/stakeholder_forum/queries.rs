//! Every query on the multi-stakeholder forum: members, meetings and their record, the
//! cadence, and consents to name one's organisation.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::dto::{Balance, Cadence, Meeting, MeetingForum, Member, MemberChanges, NewMember, OrganisationConsent};
use super::events;
use super::model::{MemberCategory, MemberChangeset, MemberId, MemberRow, NewMemberRow};
use crate::db::ids::{ForumId, UserId};
use crate::db::schema::{forum_minutes, forums, organisation_consents, registrations, stakeholder_meetings, users};
use crate::events::{record, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::forums::model::ForumRow;
use crate::types::ForumStatus;

/// How many meetings the overview shows.
pub const MEETINGS_SHOWN: i64 = 50;
/// At most this many members are listed (the forum has a few dozen).
pub const MEMBERS_LISTED: i64 = 1000;

fn member_subject(row: &MemberRow) -> EventSubject {
    EventSubject::new("stakeholder_member", row.id.get(), row.id.get().to_string())
}

fn forum_subject(forum: &ForumRow) -> EventSubject {
    EventSubject::new("forum", forum.id.get(), forum.slug.clone())
}

// ----- Members ------------------------------------------------------------------------------

pub fn find_member(conn: &mut PgConnection, id: MemberId) -> ApiResult<MemberRow> {
    crate::db::schema::stakeholder_members::table
        .find(id)
        .select(MemberRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Member"))
}

/// Members, by side then name: all of them, or only those whose term includes `current_on`.
pub fn members(conn: &mut PgConnection, current_on: Option<NaiveDate>) -> QueryResult<Vec<MemberRow>> {
    use crate::db::schema::stakeholder_members as m;
    let mut q = m::table.select(MemberRow::as_select()).into_boxed();
    if let Some(day) = current_on {
        q = q.filter(m::term_starts_on.le(day)).filter(m::term_ends_on.is_null().or(m::term_ends_on.ge(day)));
    }
    q.order((m::category.asc(), m::name.asc(), m::id.asc())).limit(MEMBERS_LISTED).load(conn)
}

pub fn balance(members: &[Member]) -> Balance {
    let mut balance = Balance::default();
    for member in members.iter().filter(|m| m.current) {
        match member.category {
            MemberCategory::Administration => balance.administration += 1,
            MemberCategory::CivilSociety => balance.civil_society += 1,
        }
    }
    balance
}

pub fn insert_member(conn: &mut PgConnection, new: NewMember, by: UserId) -> ApiResult<MemberRow> {
    use crate::db::schema::stakeholder_members as m;
    let row: MemberRow = diesel::insert_into(m::table)
        .values(NewMemberRow {
            name: new.name.trim().to_string(),
            category: new.category,
            organisation: new.organisation.trim().to_string(),
            position: crate::http::validation::clean_opt(new.position.as_deref()),
            term_starts_on: new.term_starts_on,
            term_ends_on: new.term_ends_on,
        })
        .returning(MemberRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::STAKEHOLDER_MEMBER_ADDED)
            .subject(member_subject(&row))
            .by(by)
            .audit(None::<&MemberRow>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update_member(
    conn: &mut PgConnection,
    current: MemberRow,
    changes: MemberChanges,
    by: UserId,
) -> ApiResult<MemberRow> {
    use crate::db::schema::stakeholder_members as m;
    let set = MemberChangeset {
        name: changes.name.map(|n| n.trim().to_string()),
        category: changes.category,
        organisation: changes.organisation.map(|o| o.trim().to_string()),
        position: changes.position.map(|p| crate::http::validation::clean_opt(p.as_deref())),
        term_starts_on: changes.term_starts_on,
        term_ends_on: changes.term_ends_on,
    };
    let Some(row) = crate::db::changed(
        diesel::update(m::table.find(current.id)).set(&set).returning(MemberRow::as_returning()).get_result(conn),
    )?
    else {
        return Ok(current);
    };
    record(
        conn,
        NewEvent::new(events::STAKEHOLDER_MEMBER_UPDATED)
            .subject(member_subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

pub fn delete_member(conn: &mut PgConnection, row: &MemberRow, by: UserId) -> ApiResult<()> {
    use crate::db::schema::stakeholder_members as m;
    diesel::delete(m::table.find(row.id)).execute(conn)?;
    record(
        conn,
        NewEvent::new(events::STAKEHOLDER_MEMBER_REMOVED)
            .subject(member_subject(row))
            .by(by)
            .audit(Some(row), None::<&MemberRow>),
    )?;
    Ok(())
}

// ----- Meetings -----------------------------------------------------------------------------

type MeetingRow = (ForumId, String, String, DateTime<Utc>, DateTime<Utc>, ForumStatus, DateTime<Utc>);

fn meeting_rows(conn: &mut PgConnection, only: Option<ForumId>, limit: i64) -> QueryResult<Vec<MeetingRow>> {
    let mut q = stakeholder_meetings::table
        .inner_join(forums::table)
        .filter(forums::archived_at.is_null())
        .select((
            forums::id,
            forums::slug,
            forums::title,
            forums::starts_at,
            forums::ends_at,
            forums::status,
            stakeholder_meetings::marked_at,
        ))
        .into_boxed();
    if let Some(forum) = only {
        q = q.filter(forums::id.eq(forum));
    }
    q.order((forums::starts_at.desc(), forums::id.desc())).limit(limit).load(conn)
}

/// Meetings with their record: attendance, organisations named, minutes — three batched reads.
fn present_meetings(conn: &mut PgConnection, rows: Vec<MeetingRow>) -> QueryResult<Vec<Meeting>> {
    let now = Utc::now();
    let ids: Vec<ForumId> = rows.iter().map(|r| r.0).collect();
    let attendance: HashMap<ForumId, i64> = registrations::table
        .filter(registrations::forum_id.eq_any(&ids))
        .filter(registrations::checked_in_at.is_not_null())
        .group_by(registrations::forum_id)
        .select((registrations::forum_id, diesel::dsl::count_star()))
        .load::<(ForumId, i64)>(conn)?
        .into_iter()
        .collect();
    let mut organisations: HashMap<ForumId, Vec<String>> = HashMap::new();
    for (forum, organisation) in registrations::table
        .inner_join(users::table.on(users::id.eq(registrations::user_id)))
        .inner_join(
            organisation_consents::table.on(organisation_consents::forum_id
                .eq(registrations::forum_id)
                .and(organisation_consents::user_id.eq(registrations::user_id))),
        )
        .filter(registrations::forum_id.eq_any(&ids))
        .filter(registrations::checked_in_at.is_not_null())
        .filter(users::erased_at.is_null())
        .filter(users::organisation.is_not_null())
        .select((registrations::forum_id, users::organisation.assume_not_null()))
        .distinct()
        .order((registrations::forum_id, users::organisation.assume_not_null()))
        .load::<(ForumId, String)>(conn)?
    {
        organisations.entry(forum).or_default().push(organisation);
    }
    let with_minutes: HashSet<ForumId> = forum_minutes::table
        .filter(forum_minutes::forum_id.eq_any(&ids))
        .select(forum_minutes::forum_id)
        .load::<ForumId>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, starts_at, ends_at, status, marked_at)| {
            let held = starts_at <= now && status != ForumStatus::Cancelled;
            Meeting {
                held,
                attendance: held.then(|| attendance.get(&id).copied().unwrap_or(0)),
                organisations_present: organisations.remove(&id).unwrap_or_default(),
                minutes_published: with_minutes.contains(&id),
                marked_at,
                forum: MeetingForum { id: id.get(), slug, title, starts_at, ends_at, status },
            }
        })
        .collect())
}

/// The latest meetings, latest first.
pub fn meetings(conn: &mut PgConnection) -> QueryResult<Vec<Meeting>> {
    let rows = meeting_rows(conn, None, MEETINGS_SHOWN)?;
    present_meetings(conn, rows)
}

/// The forum as a meeting; 404 when it is not one.
pub fn meeting(conn: &mut PgConnection, forum: &ForumRow) -> ApiResult<Meeting> {
    let rows = meeting_rows(conn, Some(forum.id), 1)?;
    present_meetings(conn, rows)?.pop().ok_or_else(|| ApiError::not_found("Multi-stakeholder forum meeting"))
}

#[derive(QueryableByName)]
struct CadenceRow {
    #[diesel(sql_type = diesel::sql_types::Int8)]
    met: i64,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    last_met_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>)]
    next_meeting_at: Option<DateTime<Utc>>,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Date>)]
    gap_opens_on: Option<NaiveDate>,
    #[diesel(sql_type = diesel::sql_types::Date)]
    today: NaiveDate,
}

/// Whether the forum met civil society at least twice in 12 months, and when the six-month gap
/// would open (six months after the latest meeting, held or announced, in Paris days). Counts
/// every meeting (not only the 50 shown): one aggregate over a few rows a year.
pub fn cadence(conn: &mut PgConnection) -> QueryResult<Cadence> {
    let row: CadenceRow = diesel::sql_query(
        "SELECT count(*) FILTER (WHERE f.starts_at <= now() AND f.starts_at > now() - interval '12 months') AS met,
                max(f.starts_at) FILTER (WHERE f.starts_at <= now()) AS last_met_at,
                min(f.starts_at) FILTER (WHERE f.starts_at > now()) AS next_meeting_at,
                ((max(f.starts_at) AT TIME ZONE 'Europe/Paris')::date + interval '6 months')::date AS gap_opens_on,
                paris_today() AS today
           FROM stakeholder_meetings m JOIN forums f ON f.id = m.forum_id
          WHERE f.archived_at IS NULL AND f.status <> 'cancelled'",
    )
    .get_result(conn)?;
    Ok(Cadence {
        met_last_12_months: row.met,
        met_twice_in_12_months: row.met >= 2,
        last_met_at: row.last_met_at,
        next_meeting_at: row.next_meeting_at,
        warning: row.gap_opens_on.is_none_or(|gap| row.today >= gap - chrono::Duration::days(WARNING_DAYS)),
        gap_opens_on: row.gap_opens_on,
    })
}

/// How many days before the six-month gap opens the admin area warns.
pub const WARNING_DAYS: i64 = 30;

/// Marks a forum as a meeting of the multi-stakeholder forum (again: nothing changes).
pub fn mark(conn: &mut PgConnection, forum: &ForumRow, by: UserId) -> ApiResult<bool> {
    let inserted = diesel::insert_into(stakeholder_meetings::table)
        .values((stakeholder_meetings::forum_id.eq(forum.id), stakeholder_meetings::marked_by.eq(by)))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted > 0 {
        record(
            conn,
            NewEvent::new(events::FORUM_MARKED_STAKEHOLDER_MEETING)
                .subject(forum_subject(forum))
                .by(by)
                .audit(None::<&()>, Some(&serde_json::json!({ "stakeholder_meeting": true }))),
        )?;
    }
    Ok(inserted > 0)
}

pub fn unmark(conn: &mut PgConnection, forum: &ForumRow, by: UserId) -> ApiResult<()> {
    let deleted = diesel::delete(stakeholder_meetings::table.find(forum.id)).execute(conn)?;
    if deleted > 0 {
        record(
            conn,
            NewEvent::new(events::FORUM_UNMARKED_STAKEHOLDER_MEETING)
                .subject(forum_subject(forum))
                .by(by)
                .audit(Some(&serde_json::json!({ "stakeholder_meeting": true })), None::<&()>),
        )?;
    }
    Ok(())
}

// ----- Consents -----------------------------------------------------------------------------

pub fn consent(conn: &mut PgConnection, forum: ForumId, user: UserId) -> QueryResult<OrganisationConsent> {
    let given_at = organisation_consents::table
        .find((forum, user))
        .select(organisation_consents::given_at)
        .first::<DateTime<Utc>>(conn)
        .optional()?;
    let organisation = users::table.find(user).select(users::organisation).first::<Option<String>>(conn)?;
    Ok(OrganisationConsent { forum_id: forum.get(), given_at, organisation })
}

/// Records one's consent for a meeting one is registered for (409 otherwise).
pub fn give_consent(conn: &mut PgConnection, forum: &ForumRow, user: UserId) -> ApiResult<OrganisationConsent> {
    meeting_rows(conn, Some(forum.id), 1)?.first().ok_or_else(|| ApiError::Conflict {
        code: super::codes::NOT_A_STAKEHOLDER_MEETING,
        detail: "This forum is not a meeting of the multi-stakeholder forum.".into(),
    })?;
    let registered: i64 = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .filter(registrations::user_id.eq(user))
        .filter(registrations::status.ne("cancelled"))
        .count()
        .get_result(conn)?;
    if registered == 0 {
        return Err(ApiError::Conflict {
            code: super::codes::NO_REGISTRATION,
            detail: "Register for this forum first: the consent is for the people who attend.".into(),
        });
    }
    let inserted = diesel::insert_into(organisation_consents::table)
        .values((organisation_consents::forum_id.eq(forum.id), organisation_consents::user_id.eq(user)))
        .on_conflict_do_nothing()
        .execute(conn)?;
    if inserted > 0 {
        record(
            conn,
            NewEvent::new(events::ORGANISATION_SHARED)
                .subject(forum_subject(forum))
                .by(user)
                .audit(None::<&()>, Some(&serde_json::json!({ "organisation_shared": true }))),
        )?;
    }
    Ok(consent(conn, forum.id, user)?)
}

pub fn withdraw_consent(conn: &mut PgConnection, forum: &ForumRow, user: UserId) -> ApiResult<()> {
    let deleted = diesel::delete(organisation_consents::table.find((forum.id, user))).execute(conn)?;
    if deleted > 0 {
        record(
            conn,
            NewEvent::new(events::ORGANISATION_UNSHARED)
                .subject(forum_subject(forum))
                .by(user)
                .audit(Some(&serde_json::json!({ "organisation_shared": true })), None::<&()>),
        )?;
    }
    Ok(())
}
