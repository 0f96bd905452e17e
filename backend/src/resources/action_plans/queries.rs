//! Every query on action plans.

use std::collections::HashMap;

use diesel::prelude::*;

use super::dto::{ActionPlan, ActionPlanChanges, NewActionPlan};
use super::model::ActionPlanRow;
use crate::db::ids::{ActionPlanId, UserId};
use crate::db::schema::{action_plans, commitments, milestones};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::shared::refs::{institution_refs, MilestoneProgress};
use crate::types::MilestoneStatus;

/// Public representation, with counts from two grouped queries for the whole page.
pub fn present(conn: &mut PgConnection, rows: Vec<ActionPlanRow>) -> QueryResult<Vec<ActionPlan>> {
    use diesel::dsl::count_star;
    let ids: Vec<ActionPlanId> = rows.iter().map(|r| r.id).collect();
    let counts: HashMap<ActionPlanId, i64> = commitments::table
        .filter(commitments::action_plan_id.eq_any(&ids))
        .filter(commitments::archived_at.is_null())
        .group_by(commitments::action_plan_id)
        .select((commitments::action_plan_id, count_star()))
        .load::<(ActionPlanId, i64)>(conn)?
        .into_iter()
        .collect();
    let statuses: Vec<(ActionPlanId, MilestoneStatus, i64)> = milestones::table
        .inner_join(commitments::table)
        .filter(commitments::action_plan_id.eq_any(&ids))
        .filter(commitments::archived_at.is_null())
        .filter(milestones::archived_at.is_null())
        .group_by((commitments::action_plan_id, milestones::status))
        .select((commitments::action_plan_id, milestones::status, count_star()))
        .load(conn)?;
    let institution_ids: Vec<_> = rows.iter().filter_map(|r| r.coordinating_institution_id).collect();
    let institutions = institution_refs(conn, &institution_ids)?;
    let mut progress: HashMap<ActionPlanId, MilestoneProgress> = HashMap::new();
    for (plan, status, n) in statuses {
        progress.entry(plan).or_default().add(status, n);
    }
    Ok(rows
        .into_iter()
        .map(|r| ActionPlan {
            commitment_count: counts.get(&r.id).copied().unwrap_or(0),
            milestone_progress: progress.remove(&r.id).map(MilestoneProgress::finish).unwrap_or_default(),
            status: r.status,
            coordinating_institution: r.coordinating_institution_id.and_then(|i| institutions.get(&i).cloned()),
            timeline_published_at: r.timeline_published_at,
            timeline_late_reason: r.timeline_late_reason,
            id: r.id.get(),
            slug: r.slug,
            country: r.country,
            title: r.title,
            period_start: r.period_start,
            period_end: r.period_end,
            description: r.description,
            lang: r.lang,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
        .collect())
}

pub fn present_one(conn: &mut PgConnection, row: ActionPlanRow) -> ApiResult<ActionPlan> {
    present(conn, vec![row])?.pop().ok_or_else(|| ApiError::not_found("Action plan"))
}

/// The plan a path names (numeric id or slug).
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<ActionPlanRow> {
    let query = action_plans::table.select(ActionPlanRow::as_select()).into_boxed();
    crate::by_key!(query, action_plans::id, action_plans::slug, key)
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Action plan"))
}

/// The id of the plan a key names, if any (filters of other lists).
pub fn resolve_id(conn: &mut PgConnection, key: &str) -> QueryResult<Option<ActionPlanId>> {
    let query = action_plans::table.select(action_plans::id).into_boxed();
    crate::by_key!(query, action_plans::id, action_plans::slug, key).first(conn).optional()
}

/// A page of plans in id order, after `after`.
pub fn list(
    conn: &mut PgConnection,
    updated_since: Option<chrono::DateTime<chrono::Utc>>,
    after: Option<ActionPlanId>,
    limit: i64,
) -> QueryResult<Vec<ActionPlanRow>> {
    let mut q = action_plans::table.select(ActionPlanRow::as_select()).order(action_plans::id.asc()).into_boxed();
    if let Some(after) = after {
        q = q.filter(action_plans::id.gt(after));
    }
    if let Some(since) = updated_since {
        q = q.filter(action_plans::updated_at.ge(since));
    }
    q.limit(limit).load(conn)
}

fn subject(row: &ActionPlanRow) -> EventSubject {
    EventSubject::new("action_plan", row.id.get(), row.slug.clone())
}

pub fn insert(conn: &mut PgConnection, new: &NewActionPlan, by: UserId) -> QueryResult<ActionPlanRow> {
    let row: ActionPlanRow = diesel::insert_into(action_plans::table)
        .values(new)
        .returning(ActionPlanRow::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::action_plans::events::ACTION_PLAN_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&ActionPlanRow>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update(
    conn: &mut PgConnection,
    current: ActionPlanRow,
    changes: &ActionPlanChanges,
    by: UserId,
) -> QueryResult<ActionPlanRow> {
    let Some(row) = crate::db::changed(
        diesel::update(action_plans::table.find(current.id))
            .set(changes)
            .returning(ActionPlanRow::as_returning())
            .get_result(conn),
    )?
    else {
        return Ok(current);
    };
    events::record(
        conn,
        NewEvent::new(crate::resources::action_plans::events::ACTION_PLAN_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// Deletes a plan that holds no commitment (409 `has_commitments` otherwise).
pub fn delete(conn: &mut PgConnection, plan: &ActionPlanRow, by: UserId) -> ApiResult<()> {
    let used: i64 = commitments::table.filter(commitments::action_plan_id.eq(plan.id)).count().get_result(conn)?;
    if used > 0 {
        return Err(ApiError::Conflict {
            code: crate::resources::action_plans::codes::HAS_COMMITMENTS,
            detail: format!("This action plan still has {used} commitments; delete or move them first."),
        });
    }
    diesel::delete(action_plans::table.find(plan.id)).execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::action_plans::events::ACTION_PLAN_DELETED)
            .subject(subject(plan))
            .by(by)
            .audit(Some(plan), None::<&ActionPlanRow>),
    )?;
    Ok(())
}
