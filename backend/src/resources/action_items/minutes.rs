//! The minutes of a held forum: published by its organisers, corrected with every earlier
//! version kept (the database keeps them), attendees counted from the check-ins by default.

use super::dto::{Minutes, MinutesLink, MinutesRequest, MinutesVersion};
use super::model::MinutesRow;
use super::queries::{display_names, require_held};
use crate::db::ids::{ForumId, UserId};
use crate::db::schema::{forum_minutes, forums, registrations};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::ApiResult;
use crate::markdown;
use crate::resources::forums::model::ForumRow;
use chrono::{DateTime, Utc};
use diesel::prelude::*;

// ----- Minutes ------------------------------------------------------------------------------

fn checked_in(conn: &mut PgConnection, forum: ForumId) -> QueryResult<i64> {
    registrations::table
        .filter(registrations::forum_id.eq(forum))
        .filter(registrations::checked_in_at.is_not_null())
        .count()
        .get_result(conn)
}

fn present_minutes(conn: &mut PgConnection, row: MinutesRow) -> QueryResult<Minutes> {
    use crate::db::schema::forum_minutes_versions as v;
    let names = display_names(conn, row.published_by.into_iter().collect())?;
    let earlier_versions = v::table
        .filter(v::forum_id.eq(row.forum_id))
        .order(v::id)
        .select((v::body_html, v::attendees_count, v::organisations, v::links, v::written_at, v::replaced_at))
        .load::<(String, i32, Vec<String>, serde_json::Value, DateTime<Utc>, DateTime<Utc>)>(conn)?
        .into_iter()
        .map(|(body_html, attendees_count, organisations, links, written_at, replaced_at)| MinutesVersion {
            body_html,
            attendees_count,
            organisations,
            links: serde_json::from_value::<Vec<MinutesLink>>(links).unwrap_or_default(),
            written_at,
            replaced_at,
        })
        .collect();
    Ok(Minutes {
        earlier_versions,
        forum_id: row.forum_id.get(),
        checked_in_count: checked_in(conn, row.forum_id)?,
        published_by: row.published_by.and_then(|id| names.get(&id).cloned()),
        body: row.body,
        body_html: row.body_html,
        attendees_count: row.attendees_count,
        organisations: row.organisations,
        links: serde_json::from_value::<Vec<MinutesLink>>(row.links).unwrap_or_default(),
        published_at: row.published_at,
        updated_at: row.updated_at,
    })
}

/// The forum's minutes, or `None` before they are published.
pub fn minutes(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<Option<Minutes>> {
    let row = forum_minutes::table.find(forum.id).select(MinutesRow::as_select()).first(conn).optional()?;
    row.map(|r| present_minutes(conn, r)).transpose()
}

/// Publishes or replaces the minutes of a held forum (audited); `true` when first published.
pub fn put_minutes(
    conn: &mut PgConnection,
    forum: &ForumRow,
    r: MinutesRequest,
    by: UserId,
) -> ApiResult<(Minutes, bool)> {
    require_held(forum)?;
    // One writer at a time per forum: the first publication is told apart from a correction.
    forums::table.find(forum.id).select(forums::id).for_update().first::<ForumId>(conn)?;
    let before = forum_minutes::table.find(forum.id).select(MinutesRow::as_select()).first(conn).optional()?;
    let attendees = match r.attendees_count {
        Some(n) => n,
        None => i32::try_from(checked_in(conn, forum.id)?).unwrap_or(i32::MAX),
    };
    let organisations: Vec<String> = r.organisations.iter().map(|o| o.trim().to_string()).collect();
    let links = serde_json::to_value(&r.links).unwrap_or_default();
    let html = markdown::render(&r.body);
    let row: MinutesRow = diesel::insert_into(forum_minutes::table)
        .values((
            forum_minutes::forum_id.eq(forum.id),
            forum_minutes::body.eq(&r.body),
            forum_minutes::body_html.eq(&html),
            forum_minutes::attendees_count.eq(attendees),
            forum_minutes::organisations.eq(&organisations),
            forum_minutes::links.eq(&links),
            forum_minutes::published_by.eq(Some(by)),
        ))
        .on_conflict(forum_minutes::forum_id)
        .do_update()
        .set((
            forum_minutes::body.eq(&r.body),
            forum_minutes::body_html.eq(&html),
            forum_minutes::attendees_count.eq(attendees),
            forum_minutes::organisations.eq(&organisations),
            forum_minutes::links.eq(&links),
            forum_minutes::updated_at.eq(diesel::dsl::now),
        ))
        .returning(MinutesRow::as_returning())
        .get_result(conn)?;
    let first = before.is_none();
    events::record(
        conn,
        NewEvent::new(if first {
            crate::resources::action_items::events::FORUM_MINUTES_PUBLISHED
        } else {
            crate::resources::action_items::events::FORUM_MINUTES_UPDATED
        })
        .subject(EventSubject::new("forum", forum.id.get(), forum.slug.clone()))
        .by(by)
        .audit(before.as_ref(), Some(&row)),
    )?;
    Ok((present_minutes(conn, row)?, first))
}
