//! Every query on milestones, reads and writes; each write records its event.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::{with_codes, Milestone, MilestoneChanges, MilestoneFilters, NewMilestoneRequest};
use super::model::{MilestoneChangeset, MilestoneRow, NewMilestone};
use crate::db::archive::{Archivable, ArchiveEvents};
use crate::db::ids::{CommitmentId, MilestoneId, UserId};
use crate::db::schema::{comments, commitments, milestones};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::shared::refs::CommitmentKey;
use crate::types::{Locale, MilestoneStatus};

/// A milestone with its commitment's code.
pub fn find(conn: &mut PgConnection, id: MilestoneId) -> ApiResult<(MilestoneRow, String)> {
    milestones::table
        .inner_join(commitments::table)
        .filter(milestones::id.eq(id))
        .select((MilestoneRow::as_select(), commitments::code))
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Milestone"))
}

/// The public representation of one milestone.
pub fn present(row: MilestoneRow, commitment_code: String) -> Milestone {
    Milestone::from_row(row, commitment_code)
}

/// A commitment's milestones in order, archived ones left out.
pub fn for_commitment(conn: &mut PgConnection, commitment_id: CommitmentId) -> QueryResult<Vec<Milestone>> {
    let rows = milestones::table
        .inner_join(commitments::table)
        .filter(milestones::commitment_id.eq(commitment_id))
        .filter(milestones::archived_at.is_null())
        .order((milestones::position.asc(), milestones::id.asc()))
        .select((MilestoneRow::as_select(), commitments::code))
        .load(conn)?;
    Ok(with_codes(rows))
}

/// A page of every milestone, by id, after `after`.
pub fn list_all(
    conn: &mut PgConnection,
    f: MilestoneFilters,
    after: Option<MilestoneId>,
    limit: i64,
) -> QueryResult<Vec<(MilestoneRow, String)>> {
    let mut q = milestones::table
        .inner_join(commitments::table)
        .select((MilestoneRow::as_select(), commitments::code))
        .order(milestones::id.asc())
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(milestones::id.gt(after));
    }
    q = match f.archived {
        Some(true) => q.filter(milestones::archived_at.is_not_null()),
        _ => q.filter(milestones::archived_at.is_null()),
    };
    if let Some(status) = f.status {
        q = q.filter(milestones::status.eq(status));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(milestones::updated_at.ge(since));
    }
    q.limit(limit).load(conn)
}

/// A page of one commitment's milestones, in (position, id) order, after `after`.
pub fn list_of(
    conn: &mut PgConnection,
    commitment: &CommitmentKey,
    f: MilestoneFilters,
    after: Option<(i32, MilestoneId)>,
    limit: i64,
) -> QueryResult<Vec<(MilestoneRow, String)>> {
    let mut q = milestones::table
        .select(MilestoneRow::as_select())
        .filter(milestones::commitment_id.eq(commitment.id))
        .order((milestones::position.asc(), milestones::id.asc()))
        .into_boxed();
    if let Some((pos, id)) = after {
        q = q.filter(crate::keyset!((milestones::position, milestones::id) > (pos, id)));
    }
    q = match f.archived {
        Some(true) => q.filter(milestones::archived_at.is_not_null()),
        _ => q.filter(milestones::archived_at.is_null()),
    };
    if let Some(status) = f.status {
        q = q.filter(milestones::status.eq(status));
    }
    if let Some(since) = f.updated_since {
        q = q.filter(milestones::updated_at.ge(since));
    }
    let rows: Vec<MilestoneRow> = q.limit(limit).load(conn)?;
    Ok(rows.into_iter().map(|r| (r, commitment.code.clone())).collect())
}

fn subject(row: &MilestoneRow) -> EventSubject {
    EventSubject::new("milestone", row.id.get(), row.id.to_string())
}

/// Adds a milestone to a commitment (audited).
pub fn insert(
    conn: &mut PgConnection,
    commitment: &CommitmentKey,
    r: NewMilestoneRequest,
    by: UserId,
) -> QueryResult<MilestoneRow> {
    let position = match r.position {
        Some(p) => p,
        None => milestones::table
            .filter(milestones::commitment_id.eq(commitment.id))
            .select(diesel::dsl::max(milestones::position))
            .first::<Option<i32>>(conn)?
            .map_or(1, |p| p + 1),
    };
    let new = NewMilestone {
        description_html: r.description.as_deref().map(crate::markdown::render),
        commitment_id: commitment.id,
        code: r.code.trim().to_string(),
        title: r.title.trim().to_string(),
        description: r.description,
        due_date: r.due_date,
        due_period: r.due_period,
        status: r.status.unwrap_or(MilestoneStatus::NotStarted),
        baseline_completion: r.status.unwrap_or(MilestoneStatus::NotStarted).baseline_completion(),
        completion: r.status.unwrap_or(MilestoneStatus::NotStarted).baseline_completion(),
        position,
        lang: r.lang.unwrap_or(Locale::Fr),
    };
    let row: MilestoneRow =
        diesel::insert_into(milestones::table).values(&new).returning(MilestoneRow::as_returning()).get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::milestones::events::MILESTONE_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&MilestoneRow>, Some(&row)),
    )?;
    Ok(row)
}

/// Applies a PATCH (audited when it changes something).
pub fn update(
    conn: &mut PgConnection,
    current: MilestoneRow,
    c: MilestoneChanges,
    by: UserId,
) -> QueryResult<MilestoneRow> {
    let set = MilestoneChangeset {
        code: c.code.map(|s| s.trim().to_string()),
        title: c.title.map(|s| s.trim().to_string()),
        description_html: crate::markdown::render_change(&c.description),
        description: c.description,
        due_date: c.due_date,
        due_period: c.due_period,
        position: c.position,
        lang: c.lang,
    };
    let Some(row) = crate::db::changed(
        diesel::update(milestones::table.find(current.id))
            .set(&set)
            .returning(MilestoneRow::as_returning())
            .get_result(conn),
    )?
    else {
        return Ok(current);
    };
    events::record(
        conn,
        NewEvent::new(crate::resources::milestones::events::MILESTONE_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}

/// What archiving milestones records.
pub const ARCHIVE_EVENTS: ArchiveEvents = ArchiveEvents {
    archived: super::events::MILESTONE_ARCHIVED,
    restored: super::events::MILESTONE_RESTORED,
    deleted: super::events::MILESTONE_DELETED,
};

impl Archivable for MilestoneRow {
    fn archived_at(&self) -> Option<DateTime<Utc>> {
        self.archived_at
    }

    fn event_subject(&self) -> EventSubject {
        subject(self)
    }

    /// A discussion, action items serving it, its progress log: public records that point at it.
    fn has_contributions(&self, conn: &mut PgConnection) -> QueryResult<bool> {
        use crate::db::schema::{action_items, progress_updates};
        diesel::select(
            diesel::dsl::exists(comments::table.filter(comments::subject_id.eq(self.subject_id)))
                .or(diesel::dsl::exists(action_items::table.filter(action_items::milestone_id.eq(self.id))))
                .or(diesel::dsl::exists(progress_updates::table.filter(progress_updates::milestone_id.eq(self.id)))),
        )
        .get_result(conn)
    }

    fn set_archived(&self, conn: &mut PgConnection, archived: bool) -> QueryResult<Self> {
        diesel::update(milestones::table.find(self.id))
            .set(milestones::archived_at.eq(archived.then(Utc::now)))
            .returning(MilestoneRow::as_returning())
            .get_result(conn)
    }

    fn delete(&self, conn: &mut PgConnection) -> QueryResult<()> {
        diesel::delete(milestones::table.find(self.id)).execute(conn).map(|_| ())
    }
}
