//! Every query on co-creation timelines: phases, publication, the notice rule, and telling the
//! plan's followers when a phase opens.

use chrono::NaiveDate;
use diesel::prelude::*;

use super::dto::{NewPhase, Phase, PhaseChanges, Timeline};
use super::events;
use super::model::{NewPhaseRow, PhaseChangeset, PhaseId, PhaseRow};
use crate::db::ids::{ActionPlanId, UserId};
use crate::db::schema::{action_plans, co_creation_phases};
use crate::events::{record, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, FieldError};
use crate::resources::action_plans::model::ActionPlanRow;

/// How many days before its first phase opens a timeline must be published (OGP's
/// Participation and Co-Creation Standards ask for the timeline "prior to" the process; the
/// French forum commits to two weeks).
pub const NOTICE_DAYS: i64 = 14;

fn plan_subject(plan: &ActionPlanRow) -> EventSubject {
    EventSubject::new("action_plan", plan.id.get(), plan.slug.clone())
}

/// 422 `notice_too_short` naming `field` when `opens_on` is less than 14 days after `today`.
pub fn check_notice(opens_on: NaiveDate, today: NaiveDate, field: &str) -> ApiResult<()> {
    if (opens_on - today).num_days() >= NOTICE_DAYS {
        return Ok(());
    }
    Err(ApiError::BrokenRule {
        code: super::codes::NOTICE_TOO_SHORT,
        errors: vec![FieldError::new(
            field,
            "notice_too_short",
            &format!("the first phase opens on {opens_on}, less than {NOTICE_DAYS} days after today ({today})"),
        )],
    })
}

pub fn find_phase(conn: &mut PgConnection, id: PhaseId) -> ApiResult<PhaseRow> {
    co_creation_phases::table
        .find(id)
        .select(PhaseRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Co-creation phase"))
}

/// A plan's phases, in the order they open.
pub fn phases_of(conn: &mut PgConnection, plan: ActionPlanId) -> QueryResult<Vec<PhaseRow>> {
    co_creation_phases::table
        .filter(co_creation_phases::action_plan_id.eq(plan))
        .order((co_creation_phases::opens_on.asc(), co_creation_phases::id.asc()))
        .select(PhaseRow::as_select())
        .load(conn)
}

/// The timeline as a reader sees it: phases only once published, unless `manager`.
pub fn timeline(conn: &mut PgConnection, plan: &ActionPlanRow, manager: bool) -> QueryResult<Timeline> {
    let published = plan.timeline_published_at.is_some();
    let today = crate::db::today_in_paris(conn)?;
    let phases: Vec<Phase> = if published || manager {
        phases_of(conn, plan.id)?.into_iter().map(|p| Phase::present(p, today, published)).collect()
    } else {
        Vec::new()
    };
    let open_for_proposals = phases.iter().find(|p| p.open && p.accepts_proposals).map(|p| p.id);
    Ok(Timeline {
        action_plan_id: plan.id.get(),
        action_plan_slug: plan.slug.clone(),
        published_at: plan.timeline_published_at,
        late_reason: plan.timeline_late_reason.clone(),
        phases,
        open_for_proposals,
    })
}

/// The phase of a published timeline open today (Paris) that accepts proposals, if any.
pub fn open_for_proposals(conn: &mut PgConnection, plan: ActionPlanId) -> QueryResult<Option<PhaseRow>> {
    let today = crate::db::today_in_paris(conn)?;
    co_creation_phases::table
        .inner_join(action_plans::table)
        .filter(co_creation_phases::action_plan_id.eq(plan))
        .filter(action_plans::timeline_published_at.is_not_null())
        .filter(co_creation_phases::accepts_proposals)
        .filter(co_creation_phases::opens_on.le(today))
        .filter(co_creation_phases::closes_on.ge(today))
        .order(co_creation_phases::opens_on.asc())
        .select(PhaseRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_phase(conn: &mut PgConnection, plan: &ActionPlanRow, new: NewPhase, by: UserId) -> ApiResult<PhaseRow> {
    if plan.timeline_published_at.is_some() && plan.timeline_late_reason.is_none() {
        check_notice(new.opens_on, crate::db::today_in_paris(conn)?, "opens_on")?;
    }
    let description = new.description.unwrap_or_default();
    let row: PhaseRow = diesel::insert_into(co_creation_phases::table)
        .values(NewPhaseRow {
            action_plan_id: plan.id,
            kind: new.kind,
            title: new.title.trim().to_string(),
            description_html: crate::markdown::render(&description),
            description,
            opens_on: new.opens_on,
            closes_on: new.closes_on,
            accepts_proposals: new.accepts_proposals.unwrap_or(false),
        })
        .returning(PhaseRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::ACTION_PLAN_PHASE_ADDED)
            .subject(plan_subject(plan))
            .by(by)
            .payload(serde_json::json!({ "phase_id": row.id }))
            .audit(None::<&PhaseRow>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update_phase(
    conn: &mut PgConnection,
    plan: &ActionPlanRow,
    current: PhaseRow,
    changes: PhaseChanges,
    by: UserId,
) -> ApiResult<PhaseRow> {
    let moved = changes.opens_on.filter(|d| *d != current.opens_on);
    if let (Some(opens_on), true) = (moved, plan.timeline_published_at.is_some() && plan.timeline_late_reason.is_none())
    {
        check_notice(opens_on, crate::db::today_in_paris(conn)?, "opens_on")?;
    }
    let set = PhaseChangeset {
        kind: changes.kind,
        title: changes.title.map(|t| t.trim().to_string()),
        description_html: changes.description.as_deref().map(crate::markdown::render),
        description: changes.description,
        opens_on: changes.opens_on,
        closes_on: changes.closes_on,
        accepts_proposals: changes.accepts_proposals,
    };
    let Some(row) = crate::db::changed(
        diesel::update(co_creation_phases::table.find(current.id))
            .set(&set)
            .returning(PhaseRow::as_returning())
            .get_result(conn),
    )?
    else {
        return Ok(current);
    };
    // Moved to a later day: its opening is told again then.
    let row = if moved.is_some() && row.opening_announced_at.is_some() {
        diesel::update(co_creation_phases::table.find(row.id))
            .set(co_creation_phases::opening_announced_at.eq(None::<chrono::DateTime<chrono::Utc>>))
            .returning(PhaseRow::as_returning())
            .get_result(conn)?
    } else {
        row
    };
    record(
        conn,
        NewEvent::new(events::ACTION_PLAN_PHASE_UPDATED)
            .subject(plan_subject(plan))
            .by(by)
            .payload(serde_json::json!({ "phase_id": row.id }))
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

pub fn delete_phase(conn: &mut PgConnection, plan: &ActionPlanRow, phase: &PhaseRow, by: UserId) -> ApiResult<()> {
    diesel::delete(co_creation_phases::table.find(phase.id)).execute(conn)?;
    record(
        conn,
        NewEvent::new(events::ACTION_PLAN_PHASE_REMOVED)
            .subject(plan_subject(plan))
            .by(by)
            .payload(serde_json::json!({ "phase_id": phase.id }))
            .audit(Some(phase), None::<&PhaseRow>),
    )?;
    Ok(())
}

/// Publishes a plan's timeline: 409 when the plan is not in preparation, has no phase, or was
/// published already; 422 `notice_too_short` when the first phase opens in less than 14 days
/// and no reason is given.
pub fn publish(
    conn: &mut PgConnection,
    plan: ActionPlanRow,
    late_reason: Option<String>,
    by: UserId,
) -> ApiResult<ActionPlanRow> {
    use crate::resources::action_plans::model::PlanStatus;
    if plan.timeline_published_at.is_some() {
        return Err(ApiError::Conflict {
            code: super::codes::TIMELINE_PUBLISHED,
            detail: "This plan's timeline is already published.".into(),
        });
    }
    if plan.status != PlanStatus::InPreparation {
        return Err(ApiError::Conflict {
            code: super::codes::NOT_IN_PREPARATION,
            detail: "Only a plan in preparation (`status: in_preparation`) has a co-creation timeline to publish."
                .into(),
        });
    }
    let Some(first) = phases_of(conn, plan.id)?.into_iter().next() else {
        return Err(ApiError::Conflict {
            code: super::codes::TIMELINE_EMPTY,
            detail: "Add the timeline's phases before publishing it.".into(),
        });
    };
    let late_reason = late_reason.map(|r| r.trim().to_string());
    if late_reason.is_none() {
        check_notice(first.opens_on, crate::db::today_in_paris(conn)?, "late_reason")?;
    }
    let row: ActionPlanRow = diesel::update(action_plans::table.find(plan.id))
        .set((
            action_plans::timeline_published_at.eq(diesel::dsl::now),
            action_plans::timeline_late_reason.eq(&late_reason),
        ))
        .returning(ActionPlanRow::as_returning())
        .get_result(conn)?;
    record(
        conn,
        NewEvent::new(events::ACTION_PLAN_TIMELINE_PUBLISHED)
            .subject(plan_subject(&row))
            .by(by)
            .payload(serde_json::json!({ "late_reason": late_reason }))
            .audit(Some(&plan), Some(&row)),
    )?;
    Ok(row)
}

/// Housekeeping (every worker beat): each phase of a published timeline that opened today and
/// was not yet told is told to the plan's followers, once — the conditional update makes a
/// second worker on the same beat find nothing to do.
pub fn announce_openings(conn: &mut PgConnection) -> QueryResult<()> {
    let today = crate::db::today_in_paris(conn)?;
    let due: Vec<(PhaseId, ActionPlanId, String, String)> = co_creation_phases::table
        .inner_join(action_plans::table)
        .filter(co_creation_phases::opening_announced_at.is_null())
        .filter(action_plans::timeline_published_at.is_not_null())
        .filter(co_creation_phases::opens_on.le(today))
        .filter(co_creation_phases::closes_on.ge(today))
        .select((co_creation_phases::id, action_plans::id, action_plans::slug, co_creation_phases::title))
        .limit(100)
        .load(conn)?;
    for (phase, plan, slug, title) in due {
        conn.transaction(|conn| {
            let told = diesel::update(
                co_creation_phases::table.find(phase).filter(co_creation_phases::opening_announced_at.is_null()),
            )
            .set(co_creation_phases::opening_announced_at.eq(diesel::dsl::now))
            .execute(conn)?;
            if told == 1 {
                record(
                    conn,
                    NewEvent::new(events::ACTION_PLAN_PHASE_OPENED)
                        .subject(EventSubject::new("action_plan", plan.get(), slug))
                        .payload(serde_json::json!({ "phase_id": phase, "title": title })),
                )?;
            }
            QueryResult::Ok(())
        })?;
    }
    Ok(())
}
