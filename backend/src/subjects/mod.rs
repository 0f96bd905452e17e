//! Subjects: what people talk about. Each record that can be discussed (and followed, asked
//! about, reported…) has one row in `subjects`, made by a trigger when the record is inserted;
//! comments, follows and events point at subjects, not at each kind of record.
//!
//! What is particular to each kind — how a client names it (id, slug or code), its title, its
//! page in the web app, whether its discussion is closed, who answers questions about it — is
//! declared by the resource the kind belongs to (a `SubjectDecl` in its `RESOURCE`); this
//! module only dispatches to the declarations (`registry`).

use std::collections::HashMap;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::db::ids::{CommitmentId, InstitutionId, SubjectId};
use crate::db::schema::subjects;
use crate::http::problem::{ApiError, ApiResult};

/// A kind of subject (`forum`, `commitment`…), as its resource declares it.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    diesel::expression::AsExpression,
    diesel::deserialize::FromSqlRow,
)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub struct SubjectKind(&'static str);

impl SubjectKind {
    pub const fn declare(name: &'static str) -> SubjectKind {
        SubjectKind(name)
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The declared kind of this name.
    pub fn parse(name: &str) -> Option<SubjectKind> {
        crate::registry::get().subjects().map(|d| d.kind).find(|k| k.0 == name)
    }

    /// Its declaration.
    pub fn decl(self) -> &'static SubjectDecl {
        crate::registry::get().subjects().find(|d| d.kind == self).expect("a declared kind has its declaration")
    }

    /// What to call it in messages ("Forum not found.").
    pub fn noun(self) -> &'static str {
        self.decl().noun
    }
}

impl std::str::FromStr for SubjectKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        SubjectKind::parse(s).ok_or_else(|| format!("unknown kind of subject {s:?}"))
    }
}

impl Serialize for SubjectKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for SubjectKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?.parse().map_err(serde::de::Error::custom)
    }
}

impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for SubjectKind {
    fn to_sql<'b>(&'b self, out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>) -> diesel::serialize::Result {
        <str as diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg>>::to_sql(self.0, out)
    }
}

impl diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg> for SubjectKind {
    fn from_sql(bytes: diesel::pg::PgValue<'_>) -> diesel::deserialize::Result<Self> {
        let s = <String as diesel::deserialize::FromSql<diesel::sql_types::Text, diesel::pg::Pg>>::from_sql(bytes)?;
        s.parse().map_err(Into::into)
    }
}

/// In the contract, the list of every declared kind (`app::openapi` fills the `enum`).
impl utoipa::PartialSchema for SubjectKind {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some("The kinds of things people talk about."))
            .into()
    }
}

impl ToSchema for SubjectKind {}

/// A record found by a client's key, as its kind's declaration finds it.
pub struct Found {
    /// The record's own id (forum id, commitment id…).
    pub ref_id: i64,
    pub subject_id: SubjectId,
    /// How the record is addressed in URLs: a slug, an OGP code, an id.
    pub key: String,
    /// Archived, itself or with what it belongs to: readable, closed to new comments.
    pub closed: bool,
}

/// Who answers questions about a record, and the commitment it belongs to.
pub struct Answerer {
    /// The institution that answers for it (none: nobody, 409 `no_institution`).
    pub institution: Option<InstitutionId>,
    pub commitment: Option<CommitmentId>,
    /// Withdrawn, itself or its commitment: nobody answers for it any more.
    pub withdrawn: bool,
}

/// A kind of subject, as the resource it belongs to declares it.
pub struct SubjectDecl {
    pub kind: SubjectKind,
    /// What to call it in messages ("Forum").
    pub noun: &'static str,
    /// The record `key` names (a numeric id, or a slug or code where the kind has one).
    pub find: fn(&mut PgConnection, &str) -> QueryResult<Option<Found>>,
    /// The description of each record of these ids (one batched query).
    pub describe: fn(&mut PgConnection, &[i64]) -> QueryResult<Vec<Described>>,
    /// For kinds people ask institutions about: who answers, for the record of this id.
    pub answerer: Option<fn(&mut PgConnection, i64) -> ApiResult<Answerer>>,
}

/// A subject found from a client's key: its row, its record, and how to address it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubjectRef {
    pub id: SubjectId,
    pub kind: SubjectKind,
    /// The record's own id (forum id, commitment id…).
    pub ref_id: i64,
    /// How the record is addressed in URLs: a slug, an OGP code, an id.
    pub key: String,
    /// Archived, itself or with what it belongs to: readable, closed to new comments.
    pub closed: bool,
}

/// The subject of the record of `kind` that `key` names (numeric id, slug or OGP code, as
/// each kind allows); 404 when there is none.
pub fn resolve(conn: &mut PgConnection, kind: SubjectKind, key: &str) -> ApiResult<SubjectRef> {
    let decl = kind.decl();
    let found = (decl.find)(conn, key)?.ok_or_else(|| ApiError::not_found(decl.noun))?;
    Ok(SubjectRef { id: found.subject_id, kind, ref_id: found.ref_id, key: found.key, closed: found.closed })
}

/// What a subject is, for people: enough to link to it and name it.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Described {
    #[serde(rename = "type")]
    pub kind: SubjectKind,
    /// The record's id.
    pub id: i64,
    /// How the record is addressed in API URLs: a forum's slug, a commitment's OGP code, a
    /// milestone's id.
    pub key: String,
    pub title: String,
    /// Its page in the web app (a path: `/forums/…`, `/engagements/FR0041`, `/jalons/12`).
    pub path: String,
    /// The language its title is written in.
    pub lang: crate::types::Locale,
}

/// The description of each subject in `ids` (a batched query per kind present, no more).
pub fn describe(conn: &mut PgConnection, ids: &[SubjectId]) -> QueryResult<HashMap<SubjectId, Described>> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let rows: Vec<(SubjectId, SubjectKind, i64)> = subjects::table
        .filter(subjects::id.eq_any(&ids))
        .select((subjects::id, subjects::kind, subjects::ref_id))
        .load(conn)?;
    describe_known(conn, rows)
}

/// The same, for subjects whose kind and record the caller already read (a join on
/// `subjects`): one batched query per kind present, and no lookup of the subjects themselves.
pub fn describe_known(
    conn: &mut PgConnection,
    mut rows: Vec<(SubjectId, SubjectKind, i64)>,
) -> QueryResult<HashMap<SubjectId, Described>> {
    rows.sort_unstable_by_key(|(id, ..)| *id);
    rows.dedup_by_key(|(id, ..)| *id);
    // Kinds in a fixed order, so a page reads them in the same order every time (the bench's
    // SQL check compares the statements in order).
    let mut by_kind: std::collections::BTreeMap<SubjectKind, Vec<i64>> = std::collections::BTreeMap::new();
    for (_, kind, ref_id) in &rows {
        by_kind.entry(*kind).or_default().push(*ref_id);
    }
    let mut found: HashMap<(SubjectKind, i64), Described> = HashMap::new();
    for (kind, refs) in by_kind {
        for d in (kind.decl().describe)(conn, &refs)? {
            found.insert((d.kind, d.id), d);
        }
    }
    Ok(rows.into_iter().filter_map(|(id, kind, ref_id)| found.remove(&(kind, ref_id)).map(|d| (id, d))).collect())
}

/// A key that is a number names a record by id; `None` otherwise (for kinds addressed by id
/// only, a key that is not a number names nothing).
pub fn numeric(key: &str) -> Option<i64> {
    key.parse::<i64>().ok()
}
