//! Cycles as stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use crate::db::ids::{CycleId, UserId};
use crate::db::schema::cycles;
use crate::types::Locale;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = cycles, check_for_backend(diesel::pg::Pg))]
pub struct CycleRow {
    pub id: CycleId,
    pub slug: String,
    pub title: String,
    pub description: String,
    #[serde(skip)]
    pub description_html: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub lang: Locale,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = cycles)]
pub struct CycleChangeset {
    pub slug: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub description_html: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub lang: Option<Locale>,
}
