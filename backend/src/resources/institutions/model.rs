//! Institutions as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db::ids::InstitutionId;
use crate::db::schema::institutions;
use crate::types::{InstitutionKind, Locale};

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = institutions, check_for_backend(diesel::pg::Pg))]
pub struct InstitutionRow {
    pub id: InstitutionId,
    pub slug: String,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: InstitutionKind,
    pub siren: Option<String>,
    pub website: Option<String>,
    pub lang: Locale,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Default, AsChangeset)]
#[diesel(table_name = institutions)]
pub struct InstitutionChangeset {
    pub slug: Option<String>,
    pub name: Option<String>,
    pub acronym: Option<Option<String>>,
    pub kind: Option<InstitutionKind>,
    pub siren: Option<Option<String>>,
    pub website: Option<Option<String>>,
    pub lang: Option<Locale>,
}
