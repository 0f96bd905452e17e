//! Reading and writing institutions; each write records its (audited) event.

use std::collections::HashMap;

use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::Bool;

use super::dto::{
    Institution, InstitutionChanges, InstitutionCommitment, InstitutionFilters, InstitutionOfficial, InstitutionRef,
    InstitutionSummary, NewInstitutionRequest, OwnedActionItem,
};
use super::model::{InstitutionChangeset, InstitutionRow};
use crate::db::ids::{CommitmentId, InstitutionId, UserId};
use crate::db::schema::{action_items, commitment_institutions, commitments, institutions, progress_updates, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::filters;
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::resources::shared::refs::ActionStatus;
use crate::resources::shared::refs::CommitmentRef;
use crate::slugs::slugify;
use crate::types::{Locale, Role};

/// The institution `key` names (id or slug); 404 otherwise.
pub fn find(conn: &mut PgConnection, key: &str) -> ApiResult<InstitutionRow> {
    crate::by_key!(
        institutions::table.select(InstitutionRow::as_select()).into_boxed(),
        institutions::id,
        institutions::slug,
        key
    )
    .first(conn)
    .optional()?
    .ok_or_else(|| ApiError::not_found("Institution"))
}

/// For a field naming an institution by id: the id, or a 409 naming the field.
pub fn resolve(conn: &mut PgConnection, id: i64, field: &str) -> ApiResult<InstitutionId> {
    institutions::table
        .find(InstitutionId(id))
        .select(institutions::id)
        .first::<InstitutionId>(conn)
        .optional()?
        .ok_or_else(|| ApiError::conflict_field(ErrorCode::UnknownReference, field, "exists", "names no institution"))
}

/// Institutions in name order after `after` (lowercased name, id), with how many commitments
/// each leads and supports.
pub fn list(
    conn: &mut PgConnection,
    f: &InstitutionFilters,
    after: Option<(String, InstitutionId)>,
    limit: i64,
) -> QueryResult<Vec<(String, InstitutionSummary)>> {
    let lower_name = sql::<diesel::sql_types::Text>("lower(institutions.name)");
    let mut q = institutions::table
        .select((lower_name.clone(), InstitutionRow::as_select()))
        .order((sql::<diesel::sql_types::Text>("lower(institutions.name)"), institutions::id))
        .limit(limit)
        .into_boxed();
    if let Some(kind) = f.kind {
        q = q.filter(institutions::kind.eq(kind));
    }
    if let Some(p) = filters::contains(f.q.as_deref()) {
        q = q.filter(institutions::name.ilike(p.clone()).or(institutions::acronym.ilike(p)));
    }
    if let Some((name, id)) = after {
        q = q.filter(
            sql::<Bool>("(lower(institutions.name), institutions.id) > (")
                .bind::<diesel::sql_types::Text, _>(name)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(id.get())
                .sql(")"),
        );
    }
    let rows: Vec<(String, InstitutionRow)> = q.load(conn)?;
    let ids: Vec<InstitutionId> = rows.iter().map(|(_, r)| r.id).collect();
    let mut leads: HashMap<InstitutionId, i64> = HashMap::new();
    let mut supports: HashMap<InstitutionId, i64> = HashMap::new();
    for (id, lead, n) in commitment_institutions::table
        .inner_join(commitments::table)
        .filter(commitment_institutions::institution_id.eq_any(&ids))
        .filter(commitments::archived_at.is_null())
        .group_by((commitment_institutions::institution_id, commitment_institutions::lead))
        .select((commitment_institutions::institution_id, commitment_institutions::lead, count_star()))
        .load::<(InstitutionId, bool, i64)>(conn)?
    {
        if lead {
            leads.insert(id, n)
        } else {
            supports.insert(id, n)
        };
    }
    Ok(rows
        .into_iter()
        .map(|(key, r)| {
            (
                key,
                InstitutionSummary {
                    id: r.id.get(),
                    lead_count: leads.get(&r.id).copied().unwrap_or(0),
                    support_count: supports.get(&r.id).copied().unwrap_or(0),
                    slug: r.slug,
                    name: r.name,
                    acronym: r.acronym,
                    kind: r.kind,
                },
            )
        })
        .collect())
}

/// An institution in full.
pub fn present(conn: &mut PgConnection, r: InstitutionRow) -> QueryResult<Institution> {
    let linked: Vec<(bool, CommitmentRef, bool)> = commitment_institutions::table
        .inner_join(commitments::table)
        .filter(commitment_institutions::institution_id.eq(r.id))
        .filter(commitments::archived_at.is_null())
        .order((commitment_institutions::lead.desc(), commitments::code))
        .select((
            commitment_institutions::lead,
            CommitmentRef::as_select(),
            sql::<Bool>(crate::resources::shared::refs::STALE_SQL),
        ))
        .load(conn)?;
    let owned: Vec<(crate::db::ids::ActionItemId, String, ActionStatus, chrono::NaiveDate, bool)> = action_items::table
        .filter(action_items::owner_institution_id.eq(r.id))
        .order((action_items::due_on, action_items::id))
        .limit(200)
        .select((
            action_items::id,
            action_items::title,
            action_items::status,
            action_items::due_on,
            sql::<Bool>("action_items.due_on < paris_today() AND action_items.status IN ('open', 'in_progress')"),
        ))
        .load(conn)?;
    let officials: Vec<(UserId, String)> = users::table
        .filter(users::institution_id.eq(r.id))
        .filter(users::role.eq_any([Role::Official, Role::Admin]))
        .filter(users::suspended_at.is_null())
        .order((users::display_name, users::id))
        .limit(500)
        .select((users::id, users::display_name))
        .load(conn)?;
    let progress_updates_count: i64 =
        progress_updates::table.filter(progress_updates::institution_id.eq(r.id)).count().get_result(conn)?;
    Ok(Institution {
        id: r.id.get(),
        slug: r.slug,
        name: r.name,
        acronym: r.acronym,
        kind: r.kind,
        siren: r.siren,
        website: r.website,
        lang: r.lang,
        commitments: linked
            .into_iter()
            .map(|(lead, commitment, stale)| InstitutionCommitment { commitment, lead, stale })
            .collect(),
        action_items: owned
            .into_iter()
            .map(|(id, title, status, due_on, overdue)| OwnedActionItem {
                id: id.get(),
                title,
                status,
                due_on,
                overdue,
            })
            .collect(),
        officials: officials
            .into_iter()
            .map(|(id, display_name)| InstitutionOfficial { id: id.get(), display_name })
            .collect(),
        progress_updates_count,
        created_at: r.created_at,
        updated_at: r.updated_at,
    })
}

/// The lead institution of a commitment.
pub fn lead_of(conn: &mut PgConnection, commitment: CommitmentId) -> QueryResult<Option<InstitutionId>> {
    commitment_institutions::table
        .filter(commitment_institutions::commitment_id.eq(commitment))
        .filter(commitment_institutions::lead)
        .select(commitment_institutions::institution_id)
        .first(conn)
        .optional()
}

/// A commitment's lead institution and its support institutions, in order.
pub type LeadAndSupport = (Option<InstitutionRef>, Vec<InstitutionRef>);

/// The lead and support institutions of several commitments, one query for all.
pub fn of_commitments(
    conn: &mut PgConnection,
    ids: &[CommitmentId],
) -> QueryResult<HashMap<CommitmentId, LeadAndSupport>> {
    let mut out: HashMap<CommitmentId, LeadAndSupport> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    for (commitment, lead, r) in commitment_institutions::table
        .inner_join(institutions::table)
        .filter(commitment_institutions::commitment_id.eq_any(ids))
        .order((commitment_institutions::commitment_id, commitment_institutions::position, institutions::id))
        .select((commitment_institutions::commitment_id, commitment_institutions::lead, InstitutionRef::as_select()))
        .load::<(CommitmentId, bool, InstitutionRef)>(conn)?
    {
        let entry = out.entry(commitment).or_default();
        if lead {
            entry.0 = Some(r);
        } else {
            entry.1.push(r);
        }
    }
    Ok(out)
}

/// Replaces a commitment's lead and support institutions (ids checked: 409 naming the field).
pub fn set_for_commitment(
    conn: &mut PgConnection,
    commitment: CommitmentId,
    lead: Option<Option<i64>>,
    supports: Option<Vec<i64>>,
) -> ApiResult<()> {
    if let Some(lead) = lead {
        diesel::delete(
            commitment_institutions::table
                .filter(commitment_institutions::commitment_id.eq(commitment))
                .filter(commitment_institutions::lead),
        )
        .execute(conn)?;
        if let Some(id) = lead {
            let id = resolve(conn, id, "lead_institution_id")?;
            // An institution is lead or support, not both: leading wins.
            diesel::delete(
                commitment_institutions::table
                    .filter(commitment_institutions::commitment_id.eq(commitment))
                    .filter(commitment_institutions::institution_id.eq(id)),
            )
            .execute(conn)?;
            diesel::insert_into(commitment_institutions::table)
                .values((
                    commitment_institutions::commitment_id.eq(commitment),
                    commitment_institutions::institution_id.eq(id),
                    commitment_institutions::lead.eq(true),
                    commitment_institutions::position.eq(0),
                ))
                .execute(conn)?;
        }
    }
    if let Some(supports) = supports {
        let lead_now = lead_of(conn, commitment)?;
        diesel::delete(
            commitment_institutions::table
                .filter(commitment_institutions::commitment_id.eq(commitment))
                .filter(commitment_institutions::lead.eq(false)),
        )
        .execute(conn)?;
        let mut seen = Vec::new();
        for (position, id) in supports.into_iter().enumerate() {
            let id = resolve(conn, id, "support_institution_ids")?;
            if Some(id) == lead_now || seen.contains(&id) {
                continue;
            }
            seen.push(id);
            diesel::insert_into(commitment_institutions::table)
                .values((
                    commitment_institutions::commitment_id.eq(commitment),
                    commitment_institutions::institution_id.eq(id),
                    commitment_institutions::lead.eq(false),
                    commitment_institutions::position.eq(position as i32 + 1),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

fn subject(row: &InstitutionRow) -> EventSubject {
    EventSubject::new("institution", row.id.get(), row.slug.clone())
}

fn free_slug(conn: &mut PgConnection, base: &str) -> QueryResult<String> {
    let taken: Vec<String> = institutions::table
        .filter(institutions::slug.eq(base).or(institutions::slug.like(crate::slugs::numbered(base))))
        .select(institutions::slug)
        .load(conn)?;
    Ok(crate::slugs::first_free(base, &taken))
}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_string())
}

pub fn insert(conn: &mut PgConnection, r: NewInstitutionRequest, by: UserId) -> ApiResult<InstitutionRow> {
    let slug = match r.slug {
        Some(s) => s,
        None => free_slug(conn, &slugify(r.acronym.as_deref().unwrap_or(&r.name)))?,
    };
    let row: InstitutionRow = diesel::insert_into(institutions::table)
        .values((
            institutions::slug.eq(slug),
            institutions::name.eq(r.name.trim()),
            institutions::acronym.eq(trimmed(r.acronym)),
            institutions::kind.eq(r.kind),
            institutions::siren.eq(r.siren),
            institutions::website.eq(r.website),
            institutions::lang.eq(r.lang.unwrap_or(Locale::Fr)),
        ))
        .returning(InstitutionRow::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::institutions::events::INSTITUTION_CREATED)
            .subject(subject(&row))
            .by(by)
            .audit(None::<&()>, Some(&row)),
    )?;
    Ok(row)
}

pub fn update(
    conn: &mut PgConnection,
    current: InstitutionRow,
    c: InstitutionChanges,
    by: UserId,
) -> ApiResult<InstitutionRow> {
    let set = InstitutionChangeset {
        slug: c.slug,
        name: c.name.map(|n| n.trim().to_string()),
        acronym: c.acronym.map(trimmed),
        kind: c.kind,
        siren: c.siren,
        website: c.website,
        lang: c.lang,
    };
    let Some(row) = crate::db::changed(
        diesel::update(institutions::table.find(current.id))
            .set(&set)
            .returning(InstitutionRow::as_returning())
            .get_result(conn),
    )?
    else {
        return Ok(current);
    };
    events::record(
        conn,
        NewEvent::new(crate::resources::institutions::events::INSTITUTION_UPDATED)
            .subject(subject(&row))
            .by(by)
            .audit(Some(&current), Some(&row)),
    )?;
    Ok(row)
}
