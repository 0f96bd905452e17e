//! Every query on forums, reads and writes; each write records its event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::{CommitmentRef, Forum, ForumChanges, ForumFilters, NewForumRequest, When, FORUM_TIMEZONE};
use super::model::{ForumChangeset, ForumRow, NewForum};
use crate::db::archive::{Archivable, ArchiveEvents};
use crate::db::ids::{CommitmentId, FormatVersionId, ForumId, UserId};
use crate::db::schema::{comments, commitments, forum_commitments, forums};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::filters;
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::commitments::queries as commitment_queries;
use crate::resources::formats::queries as formats;
use crate::slugs::slugify;
use crate::types::{ForumStatus, Locale};

/// The public representation of rows; their commitments come from one batched query.
pub fn present(conn: &mut PgConnection, rows: Vec<ForumRow>) -> QueryResult<Vec<Forum>> {
    let ids: Vec<ForumId> = rows.iter().map(|r| r.id).collect();
    let links: Vec<(ForumId, CommitmentRef)> = forum_commitments::table
        .inner_join(commitments::table)
        .filter(forum_commitments::forum_id.eq_any(&ids))
        .order(commitments::code.asc())
        .select((forum_commitments::forum_id, CommitmentRef::as_select()))
        .load(conn)?;
    let mut version_ids: Vec<FormatVersionId> = rows.iter().filter_map(|r| r.format_version_id).collect();
    version_ids.sort_unstable();
    version_ids.dedup();
    let formats = crate::resources::formats::queries::refs(conn, &version_ids)?;
    let mut cycle_ids: Vec<crate::db::ids::CycleId> = rows.iter().filter_map(|r| r.cycle_id).collect();
    cycle_ids.sort_unstable();
    cycle_ids.dedup();
    let cycles = crate::resources::cycles::queries::refs(conn, &cycle_ids)?;
    let mut by_forum: HashMap<ForumId, Vec<CommitmentRef>> = HashMap::new();
    for (forum_id, c) in links {
        by_forum.entry(forum_id).or_default().push(c);
    }
    Ok(rows
        .into_iter()
        .map(|r| Forum {
            reserved_seats: super::dto::SeatReservation::from_row(&r),
            reserved_seats_until: r.reserved_seats_until(),
            id: r.id.get(),
            description_html: markdown::stored_or_render(r.description_html, Some(&r.description)).unwrap_or_default(),
            commitments: by_forum.remove(&r.id).unwrap_or_default(),
            format: r.format_version_id.and_then(|v| formats.get(&v).cloned()),
            cycle: r.cycle_id.and_then(|c| cycles.get(&c).cloned()),
            registration_closes_at: r.registration_closes_at,
            slug: r.slug,
            title: r.title,
            theme: r.theme,
            description: r.description,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            timezone: FORUM_TIMEZONE.into(),
            location: r.location,
            online_url: r.online_url,
            capacity: r.capacity,
            status: r.status,
            created_at: r.created_at,
            updated_at: r.updated_at,
            archived_at: r.archived_at,
            lang: r.lang,
        })
        .collect())
}

pub fn present_one(conn: &mut PgConnection, row: ForumRow) -> ApiResult<Forum> {
    present(conn, vec![row])?.pop().ok_or_else(|| ApiError::not_found("Forum"))
}

/// The forum a path names (numeric id or slug).
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<ForumRow> {
    let q = forums::table.select(ForumRow::as_select()).into_boxed();
    crate::by_key!(q, forums::id, forums::slug, key).first(conn).optional()?.ok_or_else(|| ApiError::not_found("Forum"))
}

/// The forum's row, locked until the transaction ends.
pub fn lock(conn: &mut PgConnection, id: ForumId) -> QueryResult<ForumRow> {
    forums::table.find(id).select(ForumRow::as_select()).for_update().first(conn)
}

/// A capacity below the number of people already holding a seat is refused: nobody loses a
/// seat silently (the organiser cancels registrations, or asks people to, first). Called with
/// the forum locked, so no registration slips in between.
pub fn check_capacity(conn: &mut PgConnection, forum: &ForumRow, capacity: i32) -> ApiResult<()> {
    use crate::db::schema::registrations;
    let seated: i64 = registrations::table
        .filter(registrations::forum_id.eq(forum.id))
        .filter(registrations::status.eq("registered"))
        .count()
        .get_result(conn)?;
    if i64::from(capacity) < seated {
        return Err(ApiError::Conflict {
            code: super::codes::CAPACITY_BELOW_REGISTERED,
            detail: format!(
                "{seated} people already hold a seat at this forum: its capacity cannot go below {seated}."
            ),
        });
    }
    Ok(())
}

/// The cursor of a forum list: which list (`when`), then the last forum's start and id.
pub type ListCursor = (String, DateTime<Utc>, ForumId);

/// A page of forums, filtered, after `after`.
pub fn list(
    conn: &mut PgConnection,
    f: ForumFilters,
    after: Option<(DateTime<Utc>, ForumId)>,
    limit: i64,
) -> QueryResult<Vec<ForumRow>> {
    let now = Utc::now();
    let mut q = forums::table.select(ForumRow::as_select()).into_boxed();
    let descending = f.when == Some(When::Past);
    q = match f.when {
        Some(When::Upcoming) => q.filter(forums::ends_at.ge(now)),
        Some(When::Past) => q.filter(forums::ends_at.lt(now)),
        None => q,
    };
    if let Some((at, id)) = after {
        q = if descending {
            q.filter(crate::keyset!((forums::starts_at, forums::id) < (at, id)))
        } else {
            q.filter(crate::keyset!((forums::starts_at, forums::id) > (at, id)))
        };
    }
    q = if descending {
        q.order((forums::starts_at.desc(), forums::id.desc()))
    } else {
        q.order((forums::starts_at.asc(), forums::id.asc()))
    };
    q = match f.archived {
        Some(true) => q.filter(forums::archived_at.is_not_null()),
        _ => q.filter(forums::archived_at.is_null()),
    };
    if let Some(status) = f.status {
        q = q.filter(forums::status.eq(status));
    }
    if let Some(key) = f.commitment.as_deref() {
        let commitment_id = commitment_queries::resolve_id(conn, key)?.unwrap_or(CommitmentId(-1));
        q = q.filter(
            forums::id.eq_any(
                forum_commitments::table
                    .filter(forum_commitments::commitment_id.eq(commitment_id))
                    .select(forum_commitments::forum_id),
            ),
        );
    }
    if let Some(theme) = filters::equals_ignoring_case(f.theme.as_deref()) {
        q = q.filter(forums::theme.ilike(theme));
    }
    if let Some(p) = filters::contains(f.q.as_deref()) {
        q = q
            .filter(forums::title.ilike(p.clone()).or(forums::theme.ilike(p.clone())).or(forums::description.ilike(p)));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(forums::updated_at.ge(since));
    }
    q.limit(limit).load(conn)
}

/// Replaces a forum's commitments, checking that each id exists.
fn set_commitments(conn: &mut PgConnection, forum_id: ForumId, ids: &[i64]) -> ApiResult<()> {
    let mut ids: Vec<CommitmentId> = ids.iter().copied().map(CommitmentId).collect();
    ids.sort_unstable();
    ids.dedup();
    let found: Vec<CommitmentId> =
        commitments::table.filter(commitments::id.eq_any(&ids)).select(commitments::id).load(conn)?;
    if let Some(missing) = ids.iter().find(|id| !found.contains(id)) {
        return Err(ApiError::conflict_field(
            ErrorCode::UnknownReference,
            "commitment_ids",
            "unknown",
            &format!("names no commitment: {missing}"),
        ));
    }
    diesel::delete(forum_commitments::table.filter(forum_commitments::forum_id.eq(forum_id))).execute(conn)?;
    let rows: Vec<_> = ids
        .iter()
        .map(|&c| (forum_commitments::forum_id.eq(forum_id), forum_commitments::commitment_id.eq(c)))
        .collect();
    diesel::insert_into(forum_commitments::table).values(&rows).execute(conn)?;
    Ok(())
}

/// The ids of a forum's commitments, for the audit trail.
fn commitment_ids(conn: &mut PgConnection, forum_id: ForumId) -> QueryResult<Vec<CommitmentId>> {
    forum_commitments::table
        .filter(forum_commitments::forum_id.eq(forum_id))
        .order(forum_commitments::commitment_id.asc())
        .select(forum_commitments::commitment_id)
        .load(conn)
}

/// The first free slug among `base`, `base-2`, `base-3`…
fn free_slug(conn: &mut PgConnection, base: &str) -> QueryResult<String> {
    let taken: Vec<String> = forums::table
        .filter(forums::slug.eq(base).or(forums::slug.like(crate::slugs::numbered(base))))
        .select(forums::slug)
        .load(conn)?;
    Ok(crate::slugs::first_free(base, &taken))
}

fn subject(row: &ForumRow) -> EventSubject {
    EventSubject::new("forum", row.id.get(), row.slug.clone())
}

/// The forum and its commitments, as the audit trail keeps them.
fn audited(row: &ForumRow, commitments: &[CommitmentId]) -> serde_json::Value {
    let mut v = serde_json::to_value(row).unwrap_or_default();
    v["commitment_ids"] = serde_json::json!(commitments);
    v
}

/// Announces a forum (audited).
pub fn insert(conn: &mut PgConnection, r: NewForumRequest, by: UserId) -> ApiResult<ForumRow> {
    let slug = match r.slug {
        Some(s) => s,
        None => free_slug(conn, &slugify(&r.title))?,
    };
    let format_version_id = match &r.format {
        Some(choice) => Some(formats::version_for_forum(conn, choice)?),
        None => None,
    };
    let cycle_id = match &r.cycle {
        Some(key) => Some(crate::resources::cycles::queries::resolve(conn, key, "cycle")?),
        None => None,
    };
    let new = NewForum {
        registration_closes_at: r.registration_closes_at,
        reserved_seats: r.reserved_seats.as_ref().map(|s| s.seats),
        reserved_for: r.reserved_seats.as_ref().map(|s| s.category),
        reserved_until: r.reserved_seats.as_ref().and_then(|s| s.until),
        cycle_id,
        format_version_id,
        description_html: Some(markdown::render(&r.description)),
        slug,
        title: r.title.trim().into(),
        theme: r.theme.trim().into(),
        description: r.description,
        starts_at: r.starts_at,
        ends_at: r.ends_at,
        location: r.location,
        online_url: r.online_url,
        capacity: r.capacity,
        status: r.status.unwrap_or(ForumStatus::Planned),
        created_by: Some(by),
        lang: r.lang.unwrap_or(Locale::Fr),
    };
    let row: ForumRow =
        diesel::insert_into(forums::table).values(&new).returning(ForumRow::as_returning()).get_result(conn)?;
    set_commitments(conn, row.id, &r.commitment_ids)?;
    // Whoever announces a forum organises it (an admin may change the list).
    diesel::insert_into(crate::db::schema::forum_organisers::table)
        .values((
            crate::db::schema::forum_organisers::forum_id.eq(row.id),
            crate::db::schema::forum_organisers::user_id.eq(by),
            crate::db::schema::forum_organisers::added_by.eq(Some(by)),
        ))
        .execute(conn)?;
    let linked = commitment_ids(conn, row.id)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::forums::events::FORUM_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&()>, Some(&audited(&row, &linked))),
    )?;
    Ok(row)
}

/// Applies a PATCH (audited when it changes something).
pub fn update(conn: &mut PgConnection, current: ForumRow, c: ForumChanges, by: UserId) -> ApiResult<ForumRow> {
    let format_version_id = match &c.format {
        Some(Some(choice)) => Some(Some(formats::version_for_forum(conn, choice)?)),
        Some(None) => Some(None),
        None => None,
    };
    let cycle_id = match &c.cycle {
        Some(Some(key)) => Some(Some(crate::resources::cycles::queries::resolve(conn, key, "cycle")?)),
        Some(None) => Some(None),
        None => None,
    };
    let set = ForumChangeset {
        registration_closes_at: c.registration_closes_at,
        reserved_seats: c.reserved_seats.as_ref().map(|r| r.as_ref().map(|s| s.seats)),
        reserved_for: c.reserved_seats.as_ref().map(|r| r.as_ref().map(|s| s.category)),
        reserved_until: c.reserved_seats.as_ref().map(|r| r.as_ref().and_then(|s| s.until)),
        cycle_id,
        format_version_id,
        description_html: c.description.as_deref().map(|d| Some(markdown::render(d))),
        slug: c.slug,
        title: c.title.map(|s| s.trim().into()),
        theme: c.theme.map(|s| s.trim().into()),
        description: c.description,
        starts_at: c.starts_at,
        ends_at: c.ends_at,
        location: c.location,
        online_url: c.online_url,
        capacity: c.capacity,
        status: c.status,
        lang: c.lang,
    };
    let before_links = commitment_ids(conn, current.id)?;
    let mut row = crate::db::changed(
        diesel::update(forums::table.find(current.id)).set(&set).returning(ForumRow::as_returning()).get_result(conn),
    )?;
    if let Some(ids) = c.commitment_ids {
        set_commitments(conn, current.id, &ids)?;
        // The links are part of the forum: a sync client must see the change.
        row = Some(
            diesel::update(forums::table.find(current.id))
                .set(forums::updated_at.eq(diesel::dsl::now))
                .returning(ForumRow::as_returning())
                .get_result(conn)?,
        );
    }
    let Some(row) = row else { return Ok(current) };
    // The people registered or waiting hear of a cancellation or a new time or place from the
    // job that follows this event (`registrations`), recorded with it.
    let after_links = commitment_ids(conn, current.id)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::forums::events::FORUM_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&audited(&current, &before_links)), Some(&audited(&row, &after_links))),
    )?;
    Ok(row)
}

/// What archiving forums records.
pub const ARCHIVE_EVENTS: ArchiveEvents = ArchiveEvents {
    archived: super::events::FORUM_ARCHIVED,
    restored: super::events::FORUM_RESTORED,
    deleted: super::events::FORUM_DELETED,
};

impl Archivable for ForumRow {
    fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.archived_at
    }

    fn event_subject(&self) -> EventSubject {
        subject(self)
    }

    /// A comment, even deleted, keeps a thread's shape; minutes and action items are the forum's
    /// public record: the forum has contributions.
    fn has_contributions(&self, conn: &mut PgConnection) -> QueryResult<bool> {
        use crate::db::schema::{action_items, forum_minutes};
        diesel::select(
            diesel::dsl::exists(comments::table.filter(comments::subject_id.eq(self.subject_id)))
                .or(diesel::dsl::exists(action_items::table.filter(action_items::forum_id.eq(self.id))))
                .or(diesel::dsl::exists(forum_minutes::table.filter(forum_minutes::forum_id.eq(self.id)))),
        )
        .get_result(conn)
    }

    fn set_archived(&self, conn: &mut PgConnection, archived: bool) -> QueryResult<Self> {
        diesel::update(forums::table.find(self.id))
            .set(forums::archived_at.eq(archived.then(Utc::now)))
            .returning(ForumRow::as_returning())
            .get_result(conn)
    }

    fn delete(&self, conn: &mut PgConnection) -> QueryResult<()> {
        diesel::delete(forums::table.find(self.id)).execute(conn).map(|_| ())
    }

    /// With the commitments it works on (they go with it).
    fn audited(&self, conn: &mut PgConnection) -> QueryResult<serde_json::Value> {
        Ok(audited(self, &commitment_ids(conn, self.id)?))
    }
}
