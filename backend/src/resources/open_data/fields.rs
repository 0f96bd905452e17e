//! A dataset's fields, declared once: the CSV writer, the JSON Lines writer, the data package's
//! Table Schema and the catalogue all read the same declaration, so they cannot drift apart.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde_json::Value;

use super::dto::{FieldConstraints, TableField};
use crate::http::csv;

/// A field's type, as Frictionless' Table Schema names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Integer,
    Number,
    String,
    Boolean,
    Date,
    /// RFC 3339 in UTC, to the second (`2026-12-03T22:00:00Z`).
    Datetime,
    /// A list of values: a JSON array in JSON Lines, and in CSV as well (Table Schema's
    /// `array`, whose CSV form is JSON).
    List,
    /// A nested history (a milestone's progress log…): JSON Lines only. CSV keeps one flat row
    /// per record; the same history is a dataset of its own there.
    Nested,
}

impl Kind {
    pub fn table_schema_type(self) -> &'static str {
        match self {
            Kind::Integer => "integer",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Boolean => "boolean",
            Kind::Date => "date",
            Kind::Datetime => "datetime",
            Kind::List | Kind::Nested => "array",
        }
    }
}

/// One field of a dataset.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    /// In French: the catalogue and the data package are read by French reusers first.
    pub description: &'static str,
    pub required: bool,
    pub unique: bool,
    /// The values it may take, when they are a closed list.
    pub values: &'static [&'static str],
    /// The dataset whose `id` it names, when it points at another record (a foreign key).
    pub references: Option<&'static str>,
}

impl Field {
    pub const fn new(name: &'static str, kind: Kind, description: &'static str) -> Field {
        Field { name, kind, description, required: false, unique: false, values: &[], references: None }
    }

    /// Never empty.
    pub const fn required(self) -> Field {
        Field { required: true, ..self }
    }

    /// Never empty, and never twice in the dataset (a key).
    pub const fn key(self) -> Field {
        Field { required: true, unique: true, ..self }
    }

    pub const fn one_of(self, values: &'static [&'static str]) -> Field {
        Field { values, ..self }
    }

    /// Names a record of `dataset` by its `id`.
    pub const fn refers_to(self, dataset: &'static str) -> Field {
        Field { references: Some(dataset), ..self }
    }

    pub fn in_csv(&self) -> bool {
        self.kind != Kind::Nested
    }

    /// Its Table Schema entry (and the catalogue's).
    pub fn table_field(&self) -> TableField {
        TableField {
            name: self.name.to_string(),
            kind: self.kind.table_schema_type().to_string(),
            description: self.description.to_string(),
            constraints: FieldConstraints {
                required: self.required,
                unique: self.unique.then_some(true),
                values: (!self.values.is_empty()).then(|| self.values.iter().map(|v| v.to_string()).collect()),
            },
        }
    }
}

/// The CSV header line of `fields`.
pub fn csv_header(fields: &[Field]) -> String {
    let names: Vec<&str> = fields.iter().filter(|f| f.in_csv()).map(|f| f.name).collect();
    csv::line(&names)
}

/// The two formats every dataset is published in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    JsonLines,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonLines => "jsonl",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv",
            Format::JsonLines => "application/x-ndjson",
        }
    }

    /// Appends one record (`cells`: the declared fields in their order) to `out`.
    pub fn push_record(self, out: &mut String, fields: &[Field], cells: &[Cell]) {
        match self {
            Format::Csv => push_csv_record(out, fields, cells),
            Format::JsonLines => push_json_line(out, fields, cells),
        }
    }
}

/// One value of a record, as a dataset's statement returns it (typed columns, never a JSON
/// document per row: building one cost PostgreSQL three times the scan and joins in bench row
/// E2) or as the server computes it (the institutions' records).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    /// A number the server computed (a rate, a median), as JSON writes it.
    Number(serde_json::Number),
    Text(String),
    Date(NaiveDate),
    /// Written in UTC to the second, like every instant of the datasets.
    Instant(DateTime<Utc>),
    /// A list or a nested history, as JSON.
    Json(Value),
}

impl From<Value> for Cell {
    /// A value the server computed, as JSON holds it.
    fn from(value: Value) -> Cell {
        match value {
            Value::Null => Cell::Null,
            Value::Bool(b) => Cell::Bool(b),
            Value::Number(n) => n.as_i64().map(Cell::Int).unwrap_or(Cell::Number(n)),
            Value::String(s) => Cell::Text(s),
            other => Cell::Json(other),
        }
    }
}

/// An instant as the datasets write it: RFC 3339 in UTC, to the second
/// (`2026-12-03T21:00:00Z`). Written field by field: a format string parsed for each of a
/// million rows was a tenth of a download's time.
fn push_instant(out: &mut String, t: &DateTime<Utc>) {
    let (d, h) = (t.date_naive(), t.time());
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        d.year(),
        d.month(),
        d.day(),
        h.hour(),
        h.minute(),
        h.second()
    );
}

/// Appends one record to `out` as a CSV line: `cells` are the declared fields in their order,
/// each written as its type says (a null is an empty field). Written in place, without a
/// string per cell: a download writes a million of them.
pub fn push_csv_record(out: &mut String, fields: &[Field], cells: &[Cell]) {
    let mut first = true;
    for (f, cell) in fields.iter().zip(cells).filter(|(f, _)| f.in_csv()) {
        if !first {
            out.push(',');
        }
        first = false;
        match cell {
            Cell::Null => {}
            Cell::Text(s) => csv::push_text(out, s),
            Cell::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            // A number, never prefixed: `-3` stays a number for spreadsheets and Table Schema.
            Cell::Int(n) => csv::push_number(out, n),
            Cell::Number(n) => csv::push_number(out, n),
            Cell::Date(d) => csv::push_number(out, d),
            Cell::Instant(t) => push_instant(out, t),
            // A list: JSON, as Table Schema's `array` reads it.
            Cell::Json(v) => {
                debug_assert_eq!(f.kind, Kind::List, "{}", f.name);
                csv::push_text(out, &v.to_string());
            }
        }
    }
    out.push_str("\r\n");
}

/// Appends one record to `out` as a line of JSON Lines: the declared fields, in their order,
/// nothing else.
pub fn push_json_line(out: &mut String, fields: &[Field], cells: &[Cell]) {
    out.push('{');
    for (i, (f, cell)) in fields.iter().zip(cells).enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_json_text(out, f.name);
        out.push(':');
        // (Writing into a `String` cannot fail.)
        match (cell, f.kind) {
            (Cell::Null, Kind::Nested) => out.push_str("[]"),
            (Cell::Null, _) => out.push_str("null"),
            (Cell::Bool(b), _) => out.push_str(if *b { "true" } else { "false" }),
            (Cell::Int(n), _) => csv::push_number(out, n),
            (Cell::Number(n), _) => csv::push_number(out, n),
            (Cell::Text(s), _) => push_json_text(out, s),
            (Cell::Date(d), _) => {
                let _ = write!(out, "\"{d}\"");
            }
            (Cell::Instant(t), _) => {
                out.push('"');
                push_instant(out, t);
                out.push('"');
            }
            (Cell::Json(v), _) => {
                let _ = write!(out, "{v}");
            }
        }
    }
    out.push_str("}\n");
}

/// A JSON string, escaped as serde_json escapes it.
fn push_json_text(out: &mut String, text: &str) {
    out.push_str(&serde_json::to_string(text).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn csv_record(fields: &[Field], cells: &[Cell]) -> String {
        let mut out = String::new();
        push_csv_record(&mut out, fields, cells);
        out
    }

    fn json_line(fields: &[Field], cells: &[Cell]) -> String {
        let mut out = String::new();
        push_json_line(&mut out, fields, cells);
        out
    }

    const FIELDS: &[Field] = &[
        Field::new("id", Kind::Integer, "Identifiant").key(),
        Field::new("title", Kind::String, "Titre").required(),
        Field::new("tags", Kind::List, "Étiquettes"),
        Field::new("open", Kind::Boolean, "Ouvert"),
        Field::new("log", Kind::Nested, "Historique"),
        Field::new("on", Kind::Date, "Jour"),
        Field::new("at", Kind::Datetime, "Instant"),
        Field::new("rate", Kind::Number, "Taux"),
    ];

    #[test]
    fn csv_and_json_lines_write_the_declared_fields_in_their_order() {
        let at = DateTime::parse_from_rfc3339("2026-12-03T22:00:00.734+01:00").unwrap().with_timezone(&Utc);
        let rate = json!(12.5);
        let cells = [
            Cell::Int(7),
            Cell::Text("=1+1; b \"q\"\n".into()),
            Cell::Json(json!(["x", "y"])),
            Cell::Bool(false),
            Cell::Json(json!([{"a": 1}])),
            Cell::Date(NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()),
            Cell::Instant(at),
            Cell::from(rate),
        ];
        assert_eq!(csv_header(FIELDS), "id,title,tags,open,on,at,rate\r\n");
        assert_eq!(
            csv_record(FIELDS, &cells),
            "7,\"'=1+1; b \"\"q\"\"\n\",\"[\"\"x\"\",\"\"y\"\"]\",false,2026-12-03,2026-12-03T21:00:00Z,12.5\r\n"
        );
        let negative = [Cell::Int(-3), Cell::Text("-3".into())];
        assert_eq!(csv_record(FIELDS, &negative), "-3,'-3\r\n", "a number is not prefixed");
        assert_eq!(
            json_line(FIELDS, &cells),
            "{\"id\":7,\"title\":\"=1+1; b \\\"q\\\"\\n\",\"tags\":[\"x\",\"y\"],\"open\":false,\"log\":[{\"a\":1}],\
             \"on\":\"2026-12-03\",\"at\":\"2026-12-03T21:00:00Z\",\"rate\":12.5}\n"
        );
        let mut bare = vec![Cell::Null; FIELDS.len()];
        bare[0] = Cell::Int(8);
        bare[1] = Cell::Text("t".into());
        assert_eq!(csv_record(FIELDS, &bare), "8,t,,,,,\r\n");
        assert_eq!(
            json_line(FIELDS, &bare),
            "{\"id\":8,\"title\":\"t\",\"tags\":null,\"open\":null,\"log\":[],\"on\":null,\"at\":null,\"rate\":null}\n"
        );
        let whole = json!(3);
        assert_eq!(Cell::from(whole), Cell::Int(3));
    }
}
