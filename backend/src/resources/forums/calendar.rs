//! Forums as iCalendar (RFC 5545): a feed of the upcoming ones and one file per forum.
//!
//! Times are given in Europe/Paris with its VTIMEZONE (the local time PostgreSQL computes from
//! its time-zone database), so a calendar shows the forum at the hour people in France were
//! told, whatever zone it is set to. Each forum keeps one UID; its SEQUENCE is raised by the
//! database each time what a calendar shows changes; a cancelled forum stays in the files with
//! STATUS:CANCELLED, so calendars that had it strike it out instead of silently keeping it.
//!
//! Written with the `ics` crate: the maintained `icalendar` crate cannot write a VTIMEZONE
//! without adding a DTSTAMP and a random UID to it and to its STANDARD and DAYLIGHT parts,
//! which RFC 5545 does not allow there.

use chrono::{DateTime, NaiveDateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Timestamp;
use ics::parameters::TzIDParam;
use ics::properties::{
    Created, Description, DtEnd, DtStart, LastModified, Location, Method, RRule, Sequence, Status, Summary, TzName, URL,
};
use ics::{escape_text, Daylight, Event, ICalendar, Standard, TimeZone};

use crate::db::ids::ForumId;
use crate::db::schema::forums;
use crate::types::ForumStatus;

pub const TZID: &str = "Europe/Paris";

/// What a calendar shows of a forum.
#[derive(Debug, Clone, Queryable)]
pub struct CalendarForum {
    pub id: ForumId,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub location: Option<String>,
    pub online_url: Option<String>,
    pub status: ForumStatus,
    pub sequence: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Start and end as Paris wall-clock times.
    pub local_start: NaiveDateTime,
    pub local_end: NaiveDateTime,
}

/// The columns of a `CalendarForum`, for `forums` queries.
#[allow(clippy::type_complexity)]
pub fn columns() -> (
    forums::id,
    forums::slug,
    forums::title,
    forums::description,
    forums::location,
    forums::online_url,
    forums::status,
    forums::ical_sequence,
    forums::created_at,
    forums::updated_at,
    diesel::expression::SqlLiteral<Timestamp>,
    diesel::expression::SqlLiteral<Timestamp>,
) {
    (
        forums::id,
        forums::slug,
        forums::title,
        forums::description,
        forums::location,
        forums::online_url,
        forums::status,
        forums::ical_sequence,
        forums::created_at,
        forums::updated_at,
        sql::<Timestamp>("(forums.starts_at AT TIME ZONE 'Europe/Paris')"),
        sql::<Timestamp>("(forums.ends_at AT TIME ZONE 'Europe/Paris')"),
    )
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local(at: NaiveDateTime) -> String {
    at.format("%Y%m%dT%H%M%S").to_string()
}

/// The host part of the public URL, for UIDs (`forum-12@opendetat.example.fr`).
fn uid_domain(public_url: &str) -> &str {
    let rest = public_url.split_once("://").map_or(public_url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.rsplit_once(':').filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit())).map_or(host, |(h, _)| h)
}

/// Europe/Paris since 1996: summer time from the last Sunday of March at 02:00 to the last
/// Sunday of October at 03:00.
fn paris() -> TimeZone<'static> {
    let mut summer = Daylight::new("19810329T020000", "+0100", "+0200");
    summer.push(TzName::new("CEST"));
    summer.push(RRule::new("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
    let mut winter = Standard::new("19961027T030000", "+0200", "+0100");
    winter.push(TzName::new("CET"));
    winter.push(RRule::new("FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
    let mut zone = TimeZone::daylight(TZID, summer);
    zone.add_standard(winter);
    zone
}

fn event(f: &CalendarForum, public_url: &str) -> Event<'static> {
    let page = format!("{}/forums/{}", public_url.trim_end_matches('/'), f.slug);
    let mut e = Event::new(format!("forum-{}@{}", f.id, uid_domain(public_url)), stamp(f.updated_at));
    e.push(Sequence::new(f.sequence.to_string()));
    e.push(Created::new(stamp(f.created_at)));
    e.push(LastModified::new(stamp(f.updated_at)));
    let mut start = DtStart::new(local(f.local_start));
    start.add(TzIDParam::new(TZID));
    e.push(start);
    let mut end = DtEnd::new(local(f.local_end));
    end.add(TzIDParam::new(TZID));
    e.push(end);
    e.push(Summary::new(escape_text(f.title.clone())));
    let mut text = f.description.trim().to_string();
    if let Some(online) = &f.online_url {
        text.push_str(&format!("\n\nEn ligne : {online}"));
    }
    text.push_str(&format!("\n\n{page}"));
    e.push(Description::new(escape_text(text.trim_start().to_string())));
    if let Some(place) = f.location.as_ref().or(f.online_url.as_ref()) {
        e.push(Location::new(escape_text(place.clone())));
    }
    e.push(URL::new(page));
    e.push(Status::new(match f.status {
        ForumStatus::Cancelled => "CANCELLED",
        ForumStatus::Planned => "TENTATIVE",
        ForumStatus::Open | ForumStatus::Held => "CONFIRMED",
    }));
    e
}

/// An iCalendar file with `forums`, named `name`.
pub fn render(forums: &[CalendarForum], name: &str, public_url: &str) -> String {
    let mut cal = ICalendar::new("2.0", "-//Open d'État//Forums//FR");
    cal.push(Method::new("PUBLISH"));
    cal.push(ics::properties::Name::new(escape_text(name.to_string())));
    cal.push(ics::components::Property::new("X-WR-CALNAME", escape_text(name.to_string())));
    cal.push(ics::components::Property::new("X-WR-TIMEZONE", TZID));
    cal.push(ics::properties::RefreshInterval::new("PT6H"));
    cal.add_timezone(paris());
    for f in forums {
        cal.add_event(event(f, public_url));
    }
    cal.to_string()
}

/// The forums of the feed: not archived, ended less than 30 days ago (so subscribed calendars
/// keep the recent ones), working on `commitment` and of `cycle` when given; soonest first, at
/// most 1,000.
pub fn feed(
    conn: &mut PgConnection,
    commitment: Option<crate::db::ids::CommitmentId>,
    cycle: Option<crate::db::ids::CycleId>,
) -> QueryResult<Vec<CalendarForum>> {
    use crate::db::schema::forum_commitments;
    let mut q = forums::table
        .filter(forums::archived_at.is_null())
        .filter(forums::ends_at.gt(sql::<diesel::sql_types::Timestamptz>("now() - interval '30 days'")))
        .select(columns())
        .order((forums::starts_at, forums::id))
        .limit(1000)
        .into_boxed();
    if let Some(cycle) = cycle {
        q = q.filter(forums::cycle_id.eq(cycle));
    }
    if let Some(c) = commitment {
        q = q.filter(forums::id.eq_any(
            forum_commitments::table.filter(forum_commitments::commitment_id.eq(c)).select(forum_commitments::forum_id),
        ));
    }
    q.load(conn)
}

/// One forum, as a calendar shows it.
pub fn one(conn: &mut PgConnection, id: ForumId) -> QueryResult<CalendarForum> {
    forums::table.find(id).select(columns()).first(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uids_use_the_public_host() {
        assert_eq!(uid_domain("https://opendetat.example.fr"), "opendetat.example.fr");
        assert_eq!(uid_domain("http://localhost:8080/"), "localhost");
        assert_eq!(uid_domain("http://[::1]:8080"), "[::1]");
    }
}
