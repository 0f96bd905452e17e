//! Reading and writing minutes and action items; each write records its event.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::dto::{ActionForum, ActionItem, ActionItemFilters, ActionStatus, Owner, ServedRef, StatusEntry};
use super::model::ActionItemRow;
use crate::db::ids::{ActionItemId, CommitmentId, ForumId, InstitutionId, MilestoneId, UserId};
use crate::db::schema::{action_item_history, action_items, commitments, forums, milestones, users};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::resources::commitments::queries as commitment_queries;
use crate::resources::forums::model::ForumRow;
use crate::types::ForumStatus;

use crate::db::paris_today;

const NOT_CLOSED: [ActionStatus; 2] = [ActionStatus::Open, ActionStatus::InProgress];

/// Due date passed (in Paris) and not closed; a typed expression, so the list is prepared.
#[allow(clippy::type_complexity)]
fn overdue_sql() -> diesel::dsl::And<
    diesel::dsl::Lt<action_items::due_on, paris_today>,
    diesel::dsl::EqAny<action_items::status, [ActionStatus; 2]>,
> {
    action_items::due_on.lt(paris_today()).and(action_items::status.eq_any(NOT_CLOSED))
}

pub(super) fn require_held(forum: &ForumRow) -> ApiResult<()> {
    if forum.status != ForumStatus::Held {
        return Err(ApiError::Conflict {
            code: crate::resources::forums::codes::FORUM_NOT_HELD,
            detail: "Minutes and action items are published once the forum is held (status `held`).".into(),
        });
    }
    if forum.archived_at.is_some() {
        return Err(ApiError::Conflict {
            code: ErrorCode::Archived,
            detail: "This forum is archived: its record is kept as it was.".into(),
        });
    }
    Ok(())
}

pub(super) fn display_names(conn: &mut PgConnection, ids: Vec<UserId>) -> QueryResult<HashMap<UserId, String>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect())
}

// ----- Action items -------------------------------------------------------------------------

/// The action item with this id; 404 otherwise.
pub fn find(conn: &mut PgConnection, id: ActionItemId) -> ApiResult<ActionItemRow> {
    action_items::table
        .find(id)
        .select(ActionItemRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Action item"))
}

/// Items with their forum, links and history: four batched queries for any number of rows.
pub fn present(conn: &mut PgConnection, rows: Vec<(ActionItemRow, bool)>) -> QueryResult<Vec<ActionItem>> {
    // Each id once: a forum's page lists a hundred items of one forum.
    let mut forum_ids: Vec<ForumId> = rows.iter().map(|(r, _)| r.forum_id).collect();
    forum_ids.sort_unstable();
    forum_ids.dedup();
    let forums_by_id: HashMap<ForumId, ActionForum> = forums::table
        .filter(forums::id.eq_any(&forum_ids))
        .select((forums::id, forums::slug, forums::title, forums::starts_at))
        .load::<(ForumId, String, String, chrono::DateTime<chrono::Utc>)>(conn)?
        .into_iter()
        .map(|(id, slug, title, starts_at)| (id, ActionForum { id: id.get(), slug, title, starts_at }))
        .collect();
    let mut commitment_ids: Vec<CommitmentId> = rows.iter().filter_map(|(r, _)| r.commitment_id).collect();
    commitment_ids.sort_unstable();
    commitment_ids.dedup();
    let commitments_by_id: HashMap<CommitmentId, ServedRef> = if commitment_ids.is_empty() {
        HashMap::new()
    } else {
        commitments::table
            .filter(commitments::id.eq_any(&commitment_ids))
            .select((commitments::id, commitments::code, commitments::title))
            .load::<(CommitmentId, String, String)>(conn)?
            .into_iter()
            .map(|(id, code, title)| (id, ServedRef { id: id.get(), code, title }))
            .collect()
    };
    let mut milestone_ids: Vec<MilestoneId> = rows.iter().filter_map(|(r, _)| r.milestone_id).collect();
    milestone_ids.sort_unstable();
    milestone_ids.dedup();
    let milestones_by_id: HashMap<MilestoneId, ServedRef> = if milestone_ids.is_empty() {
        HashMap::new()
    } else {
        milestones::table
            .filter(milestones::id.eq_any(&milestone_ids))
            .select((milestones::id, milestones::code, milestones::title))
            .load::<(MilestoneId, String, String)>(conn)?
            .into_iter()
            .map(|(id, code, title)| (id, ServedRef { id: id.get(), code, title }))
            .collect()
    };
    let mut institution_ids: Vec<InstitutionId> = rows.iter().filter_map(|(r, _)| r.owner_institution_id).collect();
    institution_ids.sort_unstable();
    institution_ids.dedup();
    let institutions_by_id = crate::resources::shared::refs::institution_refs(conn, &institution_ids)?;
    let item_ids: Vec<ActionItemId> = rows.iter().map(|(r, _)| r.id).collect();
    /// A history entry: the item, its status, note, outcome, time and who gave it.
    type Entry =
        (ActionItemId, ActionStatus, Option<String>, Option<String>, chrono::DateTime<chrono::Utc>, Option<String>);
    let entries: Vec<Entry> = action_item_history::table
        .left_join(users::table)
        .filter(action_item_history::action_item_id.eq_any(&item_ids))
        .order((action_item_history::action_item_id, action_item_history::id))
        .select((
            action_item_history::action_item_id,
            action_item_history::status,
            action_item_history::note,
            action_item_history::outcome,
            action_item_history::changed_at,
            users::display_name.nullable(),
        ))
        .load(conn)?;
    let mut history: HashMap<ActionItemId, Vec<StatusEntry>> = HashMap::new();
    for (item, status, note, outcome, at, by) in entries {
        history.entry(item).or_default().push(StatusEntry { status, note, outcome, at, by });
    }
    Ok(rows
        .into_iter()
        .filter_map(|(r, overdue)| {
            Some(ActionItem {
                id: r.id.get(),
                forum: forums_by_id.get(&r.forum_id)?.clone(),
                history: history.remove(&r.id).unwrap_or_default(),
                commitment: r.commitment_id.and_then(|c| commitments_by_id.get(&c).cloned()),
                milestone: r.milestone_id.and_then(|m| milestones_by_id.get(&m).cloned()),
                title: r.title,
                description: r.description,
                description_html: r.description_html,
                owner: Owner { kind: r.owner_kind, name: r.owner_name },
                owner_institution: r.owner_institution_id.and_then(|i| institutions_by_id.get(&i).cloned()),
                due_on: r.due_on,
                status: r.status,
                outcome: r.outcome,
                closed_at: r.closed_at,
                overdue,
                created_at: r.created_at,
                updated_at: r.updated_at,
            })
        })
        .collect())
}

pub fn present_one(conn: &mut PgConnection, id: ActionItemId) -> ApiResult<ActionItem> {
    let row: (ActionItemRow, bool) =
        action_items::table.find(id).select((ActionItemRow::as_select(), overdue_sql())).first(conn)?;
    present(conn, vec![row])?.pop().ok_or_else(|| ApiError::not_found("Action item"))
}

/// The cursor of the lists: the last item's due date and id.
pub type ListCursor = (NaiveDate, ActionItemId);

/// Items by due date, filtered, after `after`.
pub fn list(
    conn: &mut PgConnection,
    f: ActionItemFilters,
    after: Option<ListCursor>,
    limit: i64,
) -> ApiResult<Vec<(ActionItemRow, bool)>> {
    let mut q = action_items::table
        .select((ActionItemRow::as_select(), overdue_sql()))
        .order((action_items::due_on, action_items::id))
        .limit(limit)
        .into_boxed();
    if let Some(status) = f.status {
        q = q.filter(action_items::status.eq(status));
    }
    if let Some(owner) = f.owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
        // lower() on both sides, as the index is built (action_items_owner_idx).
        q = q.filter(
            sql::<Bool>("lower(action_items.owner_name) = lower(")
                .bind::<diesel::sql_types::Text, _>(owner.to_string())
                .sql(")"),
        );
    }
    // The forum by id, or by slug in a subquery: no round trip before the list itself.
    if let Some(key) = f.forum.as_deref() {
        q = match crate::http::lookup::Key::parse(key) {
            crate::http::lookup::Key::Id(id) => q.filter(action_items::forum_id.eq(ForumId(id))),
            crate::http::lookup::Key::Name(slug) => q.filter(
                action_items::forum_id
                    .nullable()
                    .eq(forums::table.filter(forums::slug.eq(slug.to_string())).select(forums::id).single_value()),
            ),
        };
    }
    if let Some(key) = f.cycle.as_deref() {
        let cycle =
            crate::resources::cycles::queries::find(conn, key).map(|c| c.id).unwrap_or(crate::db::ids::CycleId(-1));
        q = q
            .filter(action_items::forum_id.eq_any(forums::table.filter(forums::cycle_id.eq(cycle)).select(forums::id)));
    }
    if let Some(key) = f.commitment.as_deref() {
        let id = commitment_queries::resolve_id(conn, key)?.unwrap_or(CommitmentId(-1));
        q = q.filter(action_items::commitment_id.eq(id));
    }
    if let Some(m) = f.milestone {
        q = q.filter(action_items::milestone_id.eq(MilestoneId(m)));
    }
    match f.overdue {
        Some(true) => {
            q = q.filter(action_items::status.eq_any(NOT_CLOSED)).filter(action_items::due_on.lt(paris_today()))
        }
        Some(false) => {
            q = q.filter(
                action_items::status
                    .eq_any([ActionStatus::Done, ActionStatus::Dropped])
                    .or(action_items::due_on.ge(paris_today())),
            )
        }
        None => {}
    }
    if let Some((due, id)) = after {
        q = q.filter(crate::keyset!((action_items::due_on, action_items::id) > (due, id)));
    }
    Ok(q.load(conn)?)
}
