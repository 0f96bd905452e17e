//! The multi-stakeholder forum's members as stored.

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::schema::stakeholder_members;

crate::typed_id! { MemberId }

crate::text_enum! {
    /// Which side of the forum a member sits on (OGP asks for a balance of the two).
    MemberCategory {
        /// Ministries, public bodies, local authorities.
        Administration => "administration",
        /// Associations, researchers, citizens, unions, businesses.
        CivilSociety => "civil_society",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = stakeholder_members, check_for_backend(diesel::pg::Pg))]
pub struct MemberRow {
    pub id: MemberId,
    pub name: String,
    pub category: MemberCategory,
    pub organisation: String,
    pub position: Option<String>,
    pub term_starts_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = stakeholder_members)]
pub struct NewMemberRow {
    pub name: String,
    pub category: MemberCategory,
    pub organisation: String,
    pub position: Option<String>,
    pub term_starts_on: NaiveDate,
    pub term_ends_on: Option<NaiveDate>,
}

#[derive(Debug, AsChangeset)]
#[diesel(table_name = stakeholder_members)]
pub struct MemberChangeset {
    pub name: Option<String>,
    pub category: Option<MemberCategory>,
    pub organisation: Option<String>,
    pub position: Option<Option<String>>,
    pub term_starts_on: Option<NaiveDate>,
    pub term_ends_on: Option<Option<NaiveDate>>,
}
