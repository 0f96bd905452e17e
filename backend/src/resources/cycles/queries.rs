//! Reading and writing cycles; each write records its (audited) event.

use std::collections::HashMap;

use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};

use super::dto::{ActionCounts, Coverage, Cycle, CycleChanges, CycleForum, CycleRef, CycleSummary, NewCycleRequest};
use super::model::{CycleChangeset, CycleRow};
use crate::db::ids::{CommitmentId, CycleId, ForumId, UserId};
use crate::db::schema::{action_items, commitments, cycle_commitments, cycles, forum_commitments, forums};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::shared::refs::CommitmentRef;
use crate::slugs::slugify;
use crate::types::{ForumStatus, Locale};

/// The cycle `key` names (id or slug); 404 otherwise.
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<CycleRow> {
    crate::by_key!(cycles::table.select(CycleRow::as_select()).into_boxed(), cycles::id, cycles::slug, key)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Cycle"))
}

/// For a field naming a cycle: its id, or a 409 naming the field.
pub fn resolve(conn: &mut PgConnection, key: &str, field: &str) -> ApiResult<CycleId> {
    find(conn, key)
        .map(|c| c.id)
        .map_err(|_| ApiError::conflict_field(ErrorCode::UnknownReference, field, "exists", "no such cycle"))
}

/// What forums show of their cycles, one query for all.
pub fn refs(conn: &mut PgConnection, ids: &[CycleId]) -> QueryResult<HashMap<CycleId, CycleRef>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(cycles::table
        .filter(cycles::id.eq_any(ids))
        .select((cycles::id, cycles::slug, cycles::title))
        .load::<(CycleId, String, String)>(conn)?
        .into_iter()
        .map(|(id, slug, title)| (id, CycleRef { slug, title }))
        .collect())
}

/// Cycles, newest first, after `after` (start date, id).
pub fn list(
    conn: &mut PgConnection,
    after: Option<(chrono::NaiveDate, CycleId)>,
    limit: i64,
) -> QueryResult<Vec<CycleSummary>> {
    let mut q = cycles::table
        .select(CycleRow::as_select())
        .order((cycles::starts_on.desc(), cycles::id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((on, id)) = after {
        q = q.filter(crate::keyset!((cycles::starts_on, cycles::id) < (on, id)));
    }
    let rows: Vec<CycleRow> = q.load(conn)?;
    let ids: Vec<CycleId> = rows.iter().map(|r| r.id).collect();
    // Three counts per cycle in one grouped query each: forums, commitments, covered ones.
    let forums_count: HashMap<CycleId, i64> = forums::table
        .filter(forums::cycle_id.eq_any(&ids))
        .filter(forums::archived_at.is_null())
        .group_by(forums::cycle_id)
        .select((forums::cycle_id.assume_not_null(), diesel::dsl::count_star()))
        .load::<(CycleId, i64)>(conn)?
        .into_iter()
        .collect();
    let named: HashMap<CycleId, i64> = cycle_commitments::table
        .filter(cycle_commitments::cycle_id.eq_any(&ids))
        .group_by(cycle_commitments::cycle_id)
        .select((cycle_commitments::cycle_id, diesel::dsl::count_star()))
        .load::<(CycleId, i64)>(conn)?
        .into_iter()
        .collect();
    let covered: HashMap<CycleId, i64> = cycle_commitments::table
        .filter(cycle_commitments::cycle_id.eq_any(&ids))
        .filter(sql::<Bool>(
            "EXISTS (SELECT 1 FROM forum_commitments fc JOIN forums f ON f.id = fc.forum_id \
              WHERE fc.commitment_id = cycle_commitments.commitment_id \
                AND f.cycle_id = cycle_commitments.cycle_id AND f.archived_at IS NULL)",
        ))
        .group_by(cycle_commitments::cycle_id)
        .select((cycle_commitments::cycle_id, diesel::dsl::count_star()))
        .load::<(CycleId, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .map(|r| CycleSummary {
            id: r.id.get(),
            forums_count: forums_count.get(&r.id).copied().unwrap_or(0),
            commitments_count: named.get(&r.id).copied().unwrap_or(0),
            covered_count: covered.get(&r.id).copied().unwrap_or(0),
            slug: r.slug,
            title: r.title,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            lang: r.lang,
        })
        .collect())
}

/// A cycle in full: forums, coverage, action item counts.
pub fn present(conn: &mut PgConnection, r: CycleRow) -> QueryResult<Cycle> {
    let forum_rows: Vec<(ForumId, String, String, chrono::DateTime<chrono::Utc>, ForumStatus)> = forums::table
        .filter(forums::cycle_id.eq(r.id))
        .filter(forums::archived_at.is_null())
        .order((forums::starts_at, forums::id))
        .select((forums::id, forums::slug, forums::title, forums::starts_at, forums::status))
        .load(conn)?;
    let cycle_forums: Vec<CycleForum> = forum_rows
        .into_iter()
        .map(|(id, slug, title, starts_at, status)| CycleForum { id: id.get(), slug, title, starts_at, status })
        .collect();
    let forum_ids: Vec<ForumId> = cycle_forums.iter().map(|f| ForumId(f.id)).collect();
    let named: Vec<CommitmentRef> = cycle_commitments::table
        .inner_join(commitments::table)
        .filter(cycle_commitments::cycle_id.eq(r.id))
        .order(commitments::code)
        .select(CommitmentRef::as_select())
        .load(conn)?;
    let links: Vec<(ForumId, CommitmentId)> = forum_commitments::table
        .filter(forum_commitments::forum_id.eq_any(&forum_ids))
        .select((forum_commitments::forum_id, forum_commitments::commitment_id))
        .load(conn)?;
    let coverage = named
        .into_iter()
        .map(|c| Coverage {
            forums: cycle_forums
                .iter()
                .filter(|f| links.contains(&(ForumId(f.id), CommitmentId(c.id))))
                .cloned()
                .collect(),
            commitment: c,
        })
        .collect();
    let counts: Vec<(String, i64, i64)> = action_items::table
        .filter(action_items::forum_id.eq_any(&forum_ids))
        .group_by(action_items::status)
        .select((
            action_items::status,
            diesel::dsl::count_star(),
            sql::<BigInt>(
                "count(*) FILTER (WHERE action_items.due_on < (now() AT TIME ZONE 'Europe/Paris')::date \
                   AND action_items.status IN ('open', 'in_progress'))",
            ),
        ))
        .load(conn)?;
    let mut actions = ActionCounts::default();
    for (status, n, overdue) in counts {
        actions.overdue += overdue;
        match status.as_str() {
            "open" => actions.open = n,
            "in_progress" => actions.in_progress = n,
            "done" => actions.done = n,
            _ => actions.dropped = n,
        }
    }
    Ok(Cycle {
        id: r.id.get(),
        slug: r.slug,
        title: r.title,
        description: r.description,
        description_html: r.description_html,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        lang: r.lang,
        forums: cycle_forums,
        coverage,
        actions,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

fn set_commitments(conn: &mut PgConnection, cycle: CycleId, ids: &[i64]) -> ApiResult<()> {
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
    diesel::delete(cycle_commitments::table.filter(cycle_commitments::cycle_id.eq(cycle))).execute(conn)?;
    let rows: Vec<_> =
        ids.iter().map(|&c| (cycle_commitments::cycle_id.eq(cycle), cycle_commitments::commitment_id.eq(c))).collect();
    diesel::insert_into(cycle_commitments::table).values(&rows).execute(conn)?;
    Ok(())
}

fn subject(row: &CycleRow) -> EventSubject {
    EventSubject::new("cycle", row.id.get(), row.slug.clone())
}

fn free_slug(conn: &mut PgConnection, base: &str) -> QueryResult<String> {
    let taken: Vec<String> = cycles::table
        .filter(cycles::slug.eq(base).or(cycles::slug.like(crate::slugs::numbered(base))))
        .select(cycles::slug)
        .load(conn)?;
    Ok(crate::slugs::first_free(base, &taken))
}

pub fn insert(conn: &mut PgConnection, r: NewCycleRequest, by: UserId) -> ApiResult<CycleRow> {
    let slug = match r.slug {
        Some(s) => s,
        None => free_slug(conn, &slugify(&r.title))?,
    };
    let row: CycleRow = diesel::insert_into(cycles::table)
        .values((
            cycles::slug.eq(slug),
            cycles::title.eq(r.title.trim()),
            cycles::description_html.eq(markdown::render(&r.description)),
            cycles::description.eq(&r.description),
            cycles::starts_on.eq(r.starts_on),
            cycles::ends_on.eq(r.ends_on),
            cycles::lang.eq(r.lang.unwrap_or(Locale::Fr)),
            cycles::created_by.eq(Some(by)),
        ))
        .returning(CycleRow::as_returning())
        .get_result(conn)?;
    set_commitments(conn, row.id, &r.commitment_ids)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::cycles::events::CYCLE_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&()>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update(conn: &mut PgConnection, current: CycleRow, c: CycleChanges, by: UserId) -> ApiResult<CycleRow> {
    let set = CycleChangeset {
        description_html: c.description.as_deref().map(markdown::render),
        slug: c.slug,
        title: c.title.map(|t| t.trim().to_string()),
        description: c.description,
        starts_on: c.starts_on,
        ends_on: c.ends_on,
        lang: c.lang,
    };
    let mut row = crate::db::changed(
        diesel::update(cycles::table.find(current.id))
            .set((&set, cycles::updated_at.eq(diesel::dsl::now)))
            .returning(CycleRow::as_returning())
            .get_result(conn),
    )?;
    if let Some(ids) = c.commitment_ids {
        set_commitments(conn, current.id, &ids)?;
        row = Some(
            diesel::update(cycles::table.find(current.id))
                .set(cycles::updated_at.eq(diesel::dsl::now))
                .returning(CycleRow::as_returning())
                .get_result(conn)?,
        );
    }
    let Some(row) = row else { return Ok(current) };
    events::record(
        conn,
        NewEvent::new(crate::resources::cycles::events::CYCLE_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}
