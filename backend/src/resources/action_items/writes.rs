//! Writing action items: recording one (for a held forum, due not before it), changing it, and
//! giving it a new status, kept in a history nobody edits; each write is audited.

use super::dto::{ActionItemChanges, ActionStatus, NewActionItemRequest, Owner, OwnerKind, StatusChangeRequest};
use super::model::{ActionItemChangeset, ActionItemRow};
use super::queries::require_held;
use crate::db::ids::{ActionItemId, CommitmentId, InstitutionId, MilestoneId, UserId};
use crate::db::schema::{action_item_history, action_items, forums, institutions, milestones};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::commitments::queries as commitment_queries;
use crate::resources::forums::model::ForumRow;
use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date};

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
    let changed = crate::db::changed(
        diesel::update(action_items::table.find(current.id))
            .set((&set, action_items::updated_at.eq(diesel::dsl::now)))
            .returning(ActionItemRow::as_returning())
            .get_result(conn),
    )?;
    if let Some(row) = changed {
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
pub fn change_status(
    conn: &mut PgConnection,
    id: ActionItemId,
    r: StatusChangeRequest,
    by: UserId,
) -> ApiResult<ActionItemId> {
    let current: ActionItemRow = action_items::table
        .find(id)
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
