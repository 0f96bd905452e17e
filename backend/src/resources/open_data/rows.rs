//! A batch of a dataset: read as typed cells in the blocking thread that holds the connection,
//! then written out (CSV or JSON Lines) in another, so that PostgreSQL reads the next batch
//! while this one is written (bench row E2: reading and writing one after the other left
//! each of the two cores idle half the time).

use chrono::{DateTime, NaiveDate, Utc};
use diesel::connection::{DefaultLoadingMode, LoadConnection};
use diesel::deserialize::{self, FromSql};
use diesel::pg::{Pg, PgValue};
use diesel::prelude::*;
use diesel::row::Field as _;
use diesel::sql_types::{BigInt, Bool, Date, Integer, Json, Jsonb, SmallInt, Timestamptz};

use super::datasets::Dataset;
use super::fields::{Cell, Format};
use super::queries::{self, Rows};

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

/// Up to `limit` records of `dataset` after the key `after`, in key order.
pub fn read(conn: &mut PgConnection, dataset: &Dataset, after: i64, limit: i64) -> QueryResult<Batch> {
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
