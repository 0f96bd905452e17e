//! A batch of a dataset: read as typed cells in the blocking thread that holds the connection,
//! then written out (CSV or JSON Lines) in another, so that PostgreSQL reads the next batch
//! while this one is written (bench row E2: reading and writing one after the other left
//! each of the two cores idle half the time).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::connection::{DefaultLoadingMode, LoadConnection};
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::row::Field as _;
use diesel::sql_types::{Array, BigInt, Bool, Date, Integer, Json, Jsonb, SmallInt, Text, Timestamptz};

use super::datasets::Dataset;
use super::fields::{Cell, Format};
use super::queries::{self, NameLookup, Rows};

/// A batch of a dataset's records, each its declared fields in their order.
pub struct Batch {
    pub records: Vec<Vec<Cell>>,
    /// The key of its last record, when there may be more after it.
    pub next: Option<i64>,
}

impl Batch {
    /// The records written in `format`.
    pub fn write(&self, dataset: &Dataset, format: Format) -> String {
        let mut text = String::with_capacity(self.records.len() * 256);
        for cells in &self.records {
            format.push_record(&mut text, dataset.fields, cells);
        }
        text
    }
}

/// The names one download has looked up (`queries::NameLookup`), kept from batch to batch so
/// that each is read once. Bounded: past `NAMES_KEPT` they are forgotten and read again, so a
/// platform with many more authors costs a download at most a few megabytes.
#[derive(Default)]
pub struct Names {
    known: HashMap<i64, Box<str>>,
}

const NAMES_KEPT: usize = 50_000;

impl Names {
    /// The ids in the `lookup` field of `records` made names, the unknown ones read in one query.
    fn fill(
        &mut self,
        conn: &mut PgConnection,
        lookup: &NameLookup,
        at: usize,
        records: &mut [Vec<Cell>],
    ) -> QueryResult<()> {
        #[derive(QueryableByName)]
        struct Named {
            #[diesel(sql_type = BigInt)]
            id: i64,
            #[diesel(sql_type = Text)]
            name: String,
        }
        let mut unknown: Vec<i64> = records
            .iter()
            .filter_map(|cells| match cells[at] {
                Cell::Int(id) if !self.known.contains_key(&id) => Some(id),
                _ => None,
            })
            .collect();
        unknown.sort_unstable();
        unknown.dedup();
        if !unknown.is_empty() {
            if self.known.len() + unknown.len() > NAMES_KEPT {
                self.known.clear();
            }
            let named: Vec<Named> =
                crate::db::Prepared(diesel::sql_query(lookup.sql).bind::<Array<BigInt>, _>(&unknown)).load(conn)?;
            self.known.extend(named.into_iter().map(|n| (n.id, n.name.into_boxed_str())));
        }
        for cells in records {
            if let Cell::Int(id) = cells[at] {
                // The ids are foreign keys: a name is always found.
                cells[at] = self.known.get(&id).map_or(Cell::Null, |name| Cell::Text(name.to_string()));
            }
        }
        Ok(())
    }
}

/// Up to `limit` records of `dataset` after the key `after`, in key order; `names` are the
/// names this download has already read.
pub fn read(
    conn: &mut PgConnection,
    dataset: &Dataset,
    after: i64,
    limit: i64,
    names: &mut Names,
) -> QueryResult<Batch> {
    let mut records = Vec::with_capacity(limit as usize);
    let mut last = after;
    match dataset.rows {
        Rows::Sql(source) => {
            // A fixed text per dataset, the same index walk whatever the key: prepared once.
            let query =
                crate::db::Prepared(diesel::sql_query(source.batch).bind::<BigInt, _>(after).bind::<BigInt, _>(limit));
            for row in LoadConnection::<DefaultLoadingMode>::load(conn, query)? {
                let row = row?;
                if records.is_empty() {
                    check_columns(dataset, &row)?;
                }
                let (key, cells) = record(&row).map_err(diesel::result::Error::DeserializationError)?;
                records.push(cells);
                last = key;
            }
            if let Some(lookup) = source.names {
                let at = dataset.fields.iter().position(|f| f.name == lookup.field).ok_or_else(|| {
                    diesel::result::Error::DeserializationError(
                        format!("dataset {} declares no field {}", dataset.id, lookup.field).into(),
                    )
                })?;
                names.fill(conn, lookup, at, &mut records)?;
            }
        }
        Rows::Institutions => {
            for (key, mut doc) in queries::institutions_batch(conn, after, limit)? {
                records.push(dataset.fields.iter().map(|f| doc[f.name].take().into()).collect());
                last = key;
            }
        }
    }
    let next = (records.len() as i64 == limit).then_some(last);
    Ok(Batch { records, next })
}

/// The statement answers `key` and then the declared fields, by name and in their order: a
/// statement out of step with its declaration fails its first download (and the tests).
fn check_columns<'a>(dataset: &Dataset, row: &impl diesel::row::Row<'a, Pg>) -> QueryResult<()> {
    let names = (0..row.field_count()).map(|i| row.get(i).and_then(|f| f.field_name().map(str::to_owned)));
    let expected = std::iter::once("key").chain(dataset.fields.iter().map(|f| f.name)).map(|n| Some(n.to_owned()));
    if names.eq(expected) {
        Ok(())
    } else {
        Err(diesel::result::Error::DeserializationError(
            format!("the statement of dataset {} does not answer its declared fields", dataset.id).into(),
        ))
    }
}

/// A row's key and its cells.
fn record<'a>(row: &impl diesel::row::Row<'a, Pg>) -> deserialize::Result<(i64, Vec<Cell>)> {
    let key = row.get_value::<BigInt, i64, _>(0)?;
    let cells = (1..row.field_count())
        .map(|i| match row.get(i) {
            Some(field) => decode(field.value()),
            None => Ok(Cell::Null),
        })
        .collect::<Result<_, _>>()?;
    Ok((key, cells))
}

/// One column's value, by its PostgreSQL type. The statements cast anything else (arrays to
/// JSON, for instance).
fn decode(value: Option<PgValue<'_>>) -> deserialize::Result<Cell> {
    let Some(value) = value else { return Ok(Cell::Null) };
    Ok(match value.get_oid().get() {
        16 => Cell::Bool(<bool as FromSql<Bool, Pg>>::from_sql(value)?),
        20 => Cell::Int(<i64 as FromSql<BigInt, Pg>>::from_sql(value)?),
        21 => Cell::Int(<i16 as FromSql<SmallInt, Pg>>::from_sql(value)?.into()),
        23 => Cell::Int(<i32 as FromSql<Integer, Pg>>::from_sql(value)?.into()),
        // text, varchar
        25 | 1043 => Cell::Text(std::str::from_utf8(value.as_bytes())?.to_owned()),
        1082 => Cell::Date(<NaiveDate as FromSql<Date, Pg>>::from_sql(value)?),
        1184 => Cell::Instant(<DateTime<Utc> as FromSql<Timestamptz, Pg>>::from_sql(value)?),
        114 => Cell::Json(<serde_json::Value as FromSql<Json, Pg>>::from_sql(value)?),
        3802 => Cell::Json(<serde_json::Value as FromSql<Jsonb, Pg>>::from_sql(value)?),
        oid => return Err(format!("a column of PostgreSQL type {oid}, which the datasets do not write").into()),
    })
}
