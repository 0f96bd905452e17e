//! Minutes and action items as stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::dto::{ActionStatus, OwnerKind};
use crate::db::ids::{ActionItemId, CommitmentId, ForumId, MilestoneId, SubjectId, UserId};
use crate::db::schema::{action_items, forum_minutes};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = forum_minutes, check_for_backend(diesel::pg::Pg))]
pub struct MinutesRow {
    pub forum_id: ForumId,
    pub body: String,
    #[serde(skip)]
    pub body_html: String,
    pub attendees_count: i32,
    pub organisations: Vec<String>,
    pub links: serde_json::Value,
    pub published_by: Option<UserId>,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = action_items, check_for_backend(diesel::pg::Pg))]
pub struct ActionItemRow {
    pub id: ActionItemId,
    pub forum_id: ForumId,
    pub title: String,
    pub description: String,
    #[serde(skip)]
    pub description_html: String,
    pub owner_kind: OwnerKind,
    pub owner_name: String,
    pub due_on: NaiveDate,
    pub commitment_id: Option<CommitmentId>,
    pub milestone_id: Option<MilestoneId>,
    pub status: ActionStatus,
    pub outcome: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub subject_id: SubjectId,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub owner_institution_id: Option<crate::db::ids::InstitutionId>,
}

/// What a PATCH changes; `None` leaves a column as it is.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = action_items)]
pub struct ActionItemChangeset {
    pub title: Option<String>,
    pub description: Option<String>,
    pub description_html: Option<String>,
    pub owner_kind: Option<OwnerKind>,
    pub owner_name: Option<String>,
    pub owner_institution_id: Option<Option<crate::db::ids::InstitutionId>>,
    pub due_on: Option<NaiveDate>,
    pub commitment_id: Option<Option<CommitmentId>>,
    pub milestone_id: Option<Option<MilestoneId>>,
}
