//! Summary types several resources show — a commitment, an institution in short, milestones'
//! progress, an action item's status — so that none of them has to know the resource the
//! record belongs to.

use std::collections::HashMap;

use diesel::prelude::*;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::ids::InstitutionId;
use crate::db::schema::{commitments, institutions};
use crate::types::InstitutionKind;

/// A commitment in short.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = commitments, check_for_backend(diesel::pg::Pg))]
pub struct CommitmentRef {
    pub id: i64,
    #[schema(example = "FR0041")]
    pub code: String,
    pub title: String,
}

/// How long a commitment may go without news before it is flagged « pas de mise à jour depuis
/// 6 mois » (OGP asks for an online repository kept up to date).
pub const STALE_MONTHS: u32 = 6;

/// The flag in SQL, for filters and records that read commitments directly: the same rule as
/// `is_stale`.
pub const STALE_SQL: &str = "(commitments.status = 'active' AND commitments.archived_at IS NULL \
     AND coalesce((SELECT n.last_update_at FROM commitment_news n WHERE n.commitment_id = commitments.id), \
     commitments.created_at) < now() - interval '6 months')";

/// Whether an active commitment has had no progress update and no document for six months
/// (counted from its creation when it never had any).
pub fn is_stale(
    status: crate::types::CommitmentStatus,
    archived_at: Option<chrono::DateTime<chrono::Utc>>,
    last_update_at: Option<chrono::DateTime<chrono::Utc>>,
    created_at: chrono::DateTime<chrono::Utc>,
) -> bool {
    let now = chrono::Utc::now();
    let limit = now.checked_sub_months(chrono::Months::new(STALE_MONTHS)).unwrap_or(now);
    status == crate::types::CommitmentStatus::Active
        && archived_at.is_none()
        && last_update_at.unwrap_or(created_at) < limit
}

/// A proposal in short: what a commitment it became, or a proposal merged with it, links to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalRef {
    pub id: i64,
    pub title: String,
}

/// An institution in short, as commitments, action items and progress updates name it.
#[derive(Debug, Clone, Serialize, ToSchema, Queryable, Selectable)]
#[diesel(table_name = institutions, check_for_backend(diesel::pg::Pg))]
pub struct InstitutionRef {
    #[diesel(deserialize_as = crate::db::ids::InstitutionId)]
    #[schema(value_type = i64)]
    pub id: i64,
    #[schema(example = "dinum")]
    pub slug: String,
    #[schema(example = "Direction interministérielle du numérique")]
    pub name: String,
    #[schema(example = "DINUM")]
    pub acronym: Option<String>,
    pub kind: InstitutionKind,
}

/// Institutions in short, by id (one query).
pub fn institution_refs(
    conn: &mut PgConnection,
    ids: &[InstitutionId],
) -> QueryResult<HashMap<InstitutionId, InstitutionRef>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(institutions::table
        .filter(institutions::id.eq_any(ids))
        .select(InstitutionRef::as_select())
        .load::<InstitutionRef>(conn)?
        .into_iter()
        .map(|r| (InstitutionId(r.id), r))
        .collect())
}

/// How many milestones of a commitment are at each status.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct MilestoneProgress {
    pub total: i64,
    pub not_started: i64,
    pub in_progress: i64,
    pub completed: i64,
    pub delayed: i64,
    pub withdrawn: i64,
    /// Completed share of the milestones that are not withdrawn, 0–100 (0 when none).
    pub percent_complete: i64,
}

crate::text_enum! {
    /// Where an action item stands. `done` and `dropped` close it (with an outcome).
    ActionStatus {
        Open => "open",
        InProgress => "in_progress",
        Done => "done",
        Dropped => "dropped",
    }
}

impl ActionStatus {
    pub fn closes(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

/// A commitment as what belongs to it (its milestones) names it: its id and OGP code.
#[derive(Debug, Clone)]
pub struct CommitmentKey {
    pub id: crate::db::ids::CommitmentId,
    pub code: String,
}

/// The commitment a path names (numeric id or OGP code, in any case); 404 otherwise.
pub fn commitment(conn: &mut PgConnection, key: &str) -> crate::http::problem::ApiResult<CommitmentKey> {
    let query = commitments::table.select((commitments::id, commitments::code)).into_boxed();
    crate::by_key!(query, commitments::id, commitments::code, key, |k: &str| k.to_ascii_uppercase())
        .first::<(crate::db::ids::CommitmentId, String)>(conn)
        .optional()?
        .map(|(id, code)| CommitmentKey { id, code })
        .ok_or_else(|| crate::http::problem::ApiError::not_found("Commitment"))
}
