//! Reading and writing minutes and action items; each write records its event.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date};

use super::dto::{
    ActionForum, ActionItem, ActionItemChanges, ActionItemFilters, ActionStatus, Minutes, MinutesLink, MinutesRequest,
    MinutesVersion, NewActionItemRequest, Owner, OwnerKind, ServedRef, StatusChangeRequest, StatusEntry,
};
use super::model::{ActionItemChangeset, ActionItemRow, MinutesRow};
use crate::db::ids::{ActionItemId, CommitmentId, ForumId, InstitutionId, MilestoneId, UserId};
use crate::db::schema::{
    action_item_history, action_items, commitments, forum_minutes, forums, institutions, milestones, registrations,
    users,
};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
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

fn require_held(forum: &ForumRow) -> ApiResult<()> {
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

fn display_names(conn: &mut PgConnection, ids: Vec<UserId>) -> QueryResult<HashMap<UserId, String>> {
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

// ----- Action items -------------------------------------------------------------------------

/// The action item with this id; 404 otherwise.
pub fn find(conn: &mut PgConnection, id: i64) -> ApiResult<ActionItemRow> {
    action_items::table
        .find(ActionItemId(id))
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
    let entries: Vec<(
        ActionItemId,
        ActionStatus,
        Option<String>,
        Option<String>,
        chrono::DateTime<chrono::Utc>,
        Option<String>,
    )> = action_item_history::table
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
        q = q.filter(action_items::due_on.gt(due).or(action_items::due_on.eq(due).and(action_items::id.gt(id))));
    }
    Ok(q.load(conn)?)
}

/// The commitment and milestone an item is to serve: each must exist, and the milestone must
/// be the commitment's (taken from it when only the milestone is given).
fn served(
    conn: &mut PgConnection,
    commitment: Option<&str>,
    milestone: Option<i64>,
) -> ApiResult<(Option<CommitmentId>, Option<MilestoneId>)> {
    let unknown = |field: &str, what: &str| {
        ApiError::conflict_field(ErrorCode::UnknownReference, field, "exists", &format!("no such {what}"))
    };
    let commitment_id = match commitment {
        Some(key) => {
            Some(commitment_queries::resolve_id(conn, key)?.ok_or_else(|| unknown("commitment", "commitment"))?)
        }
        None => None,
    };
    let Some(m) = milestone else {
        return Ok((commitment_id, None));
    };
    let of: CommitmentId = milestones::table
        .find(MilestoneId(m))
        .select(milestones::commitment_id)
        .first(conn)
        .optional()?
        .ok_or_else(|| unknown("milestone_id", "milestone"))?;
    if commitment_id.is_some_and(|c| c != of) {
        return Err(ApiError::conflict_field(
            ErrorCode::ConflictsWithStored,
            "milestone_id",
            "of_commitment",
            "this milestone belongs to another commitment",
        ));
    }
    Ok((Some(of), Some(MilestoneId(m))))
}

/// Not due before the forum's own day (in Paris).
fn check_due(conn: &mut PgConnection, forum: &ForumRow, due_on: NaiveDate) -> ApiResult<()> {
    let forum_day: NaiveDate = forums::table
        .find(forum.id)
        .select(sql::<Date>("(forums.starts_at AT TIME ZONE 'Europe/Paris')::date"))
        .first(conn)?;
    if due_on < forum_day {
        return Err(ApiError::conflict_field(
            ErrorCode::ConflictsWithStored,
            "due_on",
            "after_forum",
            &format!("must not be before the forum's day ({forum_day})"),
        ));
    }
    Ok(())
}

fn subject(row: &ActionItemRow) -> EventSubject {
    EventSubject::new("action_item", row.id.get(), row.id.get().to_string())
}

fn record_status(
    conn: &mut PgConnection,
    item: ActionItemId,
    status: ActionStatus,
    note: Option<&str>,
    outcome: Option<&str>,
    by: UserId,
) -> QueryResult<()> {
    diesel::insert_into(action_item_history::table)
        .values((
            action_item_history::action_item_id.eq(item),
            action_item_history::status.eq(status),
            action_item_history::note.eq(note),
            action_item_history::outcome.eq(outcome),
            action_item_history::changed_by.eq(Some(by)),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The institution an owner names: for an owner of kind `institution`, the record whose name is
/// the owner's (any case); none for a person, or a name no record has.
fn owner_institution(conn: &mut PgConnection, owner: &Owner) -> QueryResult<Option<InstitutionId>> {
    if owner.kind != OwnerKind::Institution {
        return Ok(None);
    }
    institutions::table
        .filter(
            sql::<Bool>("lower(institutions.name) = lower(")
                .bind::<diesel::sql_types::Text, _>(owner.name.trim().to_string())
                .sql(")"),
        )
        .select(institutions::id)
        .order(institutions::id)
        .first(conn)
        .optional()
}

/// A new action item of a held forum (audited), with its first history entry.
pub fn insert(
    conn: &mut PgConnection,
    forum: &ForumRow,
    r: NewActionItemRequest,
    by: UserId,
) -> ApiResult<ActionItemId> {
    require_held(forum)?;
    check_due(conn, forum, r.due_on)?;
    let (commitment_id, milestone_id) = served(conn, r.commitment.as_deref(), r.milestone_id)?;
    let owner_institution_id = owner_institution(conn, &r.owner)?;
    let row: ActionItemRow = diesel::insert_into(action_items::table)
        .values((
            action_items::forum_id.eq(forum.id),
            action_items::title.eq(r.title.trim()),
            action_items::description_html.eq(markdown::render(&r.description)),
            action_items::description.eq(&r.description),
            action_items::owner_kind.eq(r.owner.kind),
            action_items::owner_name.eq(r.owner.name.trim()),
            action_items::owner_institution_id.eq(owner_institution_id),
            action_items::due_on.eq(r.due_on),
            action_items::commitment_id.eq(commitment_id),
            action_items::milestone_id.eq(milestone_id),
            action_items::created_by.eq(Some(by)),
        ))
        .returning(ActionItemRow::as_returning())
        .get_result(conn)?;
    record_status(conn, row.id, ActionStatus::Open, None, None, by)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::action_items::events::ACTION_ITEM_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&()>, Some(&row)),
    )?;
    Ok(row.id)
}

/// Applies a PATCH (audited when it changes something).
pub fn update(
    conn: &mut PgConnection,
    current: ActionItemRow,
    c: ActionItemChanges,
    by: UserId,
) -> ApiResult<ActionItemId> {
    let forum: ForumRow = crate::resources::forums::queries::find(conn, &current.forum_id.get().to_string())?;
    if forum.archived_at.is_some() {
        require_held(&forum)?;
    }
    if let Some(due) = c.due_on {
        check_due(conn, &forum, due)?;
    }
    // The links: a new commitment drops a milestone of another one; `null` unlinks both.
    let (commitment_id, milestone_id) = match (&c.commitment, &c.milestone_id) {
        (None, None) => (None, None),
        (Some(None), _) => (Some(None), Some(None)),
        (commitment, milestone) => {
            let key = match commitment {
                Some(Some(k)) => Some(k.clone()),
                _ => current.commitment_id.map(|id| id.get().to_string()),
            };
            let m = match milestone {
                Some(m) => *m,
                None if matches!(commitment, Some(Some(_))) => None,
                None => current.milestone_id.map(MilestoneId::get),
            };
            let (cid, mid) = served(conn, key.as_deref(), m)?;
            (Some(cid), Some(mid))
        }
    };
    let owner_institution_id = match &c.owner {
        Some(owner) => Some(owner_institution(conn, owner)?),
        None => None,
    };
    let set = ActionItemChangeset {
        owner_institution_id,
        description_html: c.description.as_deref().map(markdown::render),
        title: c.title.map(|t| t.trim().to_string()),
        description: c.description,
        owner_kind: c.owner.as_ref().map(|o| o.kind),
        owner_name: c.owner.map(|o| o.name.trim().to_string()),
        due_on: c.due_on,
        commitment_id,
        milestone_id,
    };
    let changed = crate::db::apply_changes(
        diesel::update(action_items::table.find(current.id))
            .set((&set, action_items::updated_at.eq(diesel::dsl::now)))
            .execute(conn),
    )? > 0;
    if changed {
        let row = find(conn, current.id.get())?;
        events::record(
            conn,
            NewEvent::new(crate::resources::action_items::events::ACTION_ITEM_UPDATED)
                .subject(subject(&row))
                .by(by)
                .audit(Some(&current), Some(&row)),
        )?;
    }
    Ok(current.id)
}

/// A new status, kept in the history (audited). Closing needs an outcome; reopening clears it
/// from the item (the history keeps it).
pub fn change_status(conn: &mut PgConnection, id: i64, r: StatusChangeRequest, by: UserId) -> ApiResult<ActionItemId> {
    let current: ActionItemRow = action_items::table
        .find(ActionItemId(id))
        .select(ActionItemRow::as_select())
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Action item"))?;
    if current.status == r.status {
        return Err(ApiError::conflict_field(
            ErrorCode::ConflictsWithStored,
            "status",
            "unchanged",
            &format!("the action item is already {}", r.status.as_str()),
        ));
    }
    let closes = r.status.closes();
    let row: ActionItemRow = diesel::update(action_items::table.find(current.id))
        .set((
            action_items::status.eq(r.status),
            action_items::outcome.eq(if closes { r.outcome.as_deref().map(str::trim) } else { None }),
            action_items::closed_at.eq(if closes { Some(chrono::Utc::now()) } else { None }),
            action_items::updated_at.eq(diesel::dsl::now),
        ))
        .returning(ActionItemRow::as_returning())
        .get_result(conn)?;
    record_status(conn, row.id, r.status, r.note.as_deref().map(str::trim), r.outcome.as_deref().map(str::trim), by)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::action_items::events::ACTION_ITEM_STATUS_CHANGED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row.id)
}
