//! A dataset's fields, declared once: the CSV writer, the JSON Lines writer, the data package's
//! Table Schema and the catalogue all read the same declaration, so they cannot drift apart.

use std::fmt::Write as _;

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

/// Appends one record to `out` as a CSV line: the declared fields in their order, each
/// written as its type says (a missing or null value is an empty field). Written in place,
/// without a string per cell: a download writes a million of them.
pub fn push_csv_record(out: &mut String, fields: &[Field], doc: &Value) {
    let mut first = true;
    for f in fields.iter().filter(|f| f.in_csv()) {
        if !first {
            out.push(',');
        }
        first = false;
        match doc.get(f.name) {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => csv::push_text(out, s),
            Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
            // A number, never prefixed: `-3` stays a number for spreadsheets and Table Schema.
            Some(Value::Number(n)) => csv::push_number(out, n),
            // A list: JSON, as Table Schema's `array` reads it.
            Some(v) => {
                debug_assert_eq!(f.kind, Kind::List, "{}", f.name);
                csv::push_text(out, &v.to_string());
            }
        }
    }
    out.push_str("\r\n");
}

/// Appends one record to `out` as a line of JSON Lines: the declared fields, in their order,
/// nothing else.
pub fn push_json_line(out: &mut String, fields: &[Field], doc: &Value) {
    out.push('{');
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{}:", Value::from(f.name));
        let _ = match (doc.get(f.name), f.kind) {
            (None | Some(Value::Null), Kind::Nested) => write!(out, "[]"),
            (None, _) => write!(out, "null"),
            (Some(v), _) => write!(out, "{v}"),
        };
    }
    out.push_str("}\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn csv_record(fields: &[Field], doc: &Value) -> String {
        let mut out = String::new();
        push_csv_record(&mut out, fields, doc);
        out
    }

    fn json_line(fields: &[Field], doc: &Value) -> String {
        let mut out = String::new();
        push_json_line(&mut out, fields, doc);
        out
    }

    const FIELDS: &[Field] = &[
        Field::new("id", Kind::Integer, "Identifiant").key(),
        Field::new("title", Kind::String, "Titre").required(),
        Field::new("tags", Kind::List, "Étiquettes"),
        Field::new("open", Kind::Boolean, "Ouvert"),
        Field::new("log", Kind::Nested, "Historique"),
    ];

    #[test]
    fn csv_and_json_lines_write_the_declared_fields_in_their_order() {
        let doc =
            json!({"log": [{"a": 1}], "open": false, "title": "=1+1; b", "id": 7, "tags": ["x", "y"], "extra": 1});
        assert_eq!(csv_header(FIELDS), "id,title,tags,open\r\n");
        assert_eq!(csv_record(FIELDS, &doc), "7,\"'=1+1; b\",\"[\"\"x\"\",\"\"y\"\"]\",false\r\n");
        assert_eq!(csv_record(FIELDS, &json!({"id": -3, "title": "-3"})), "-3,'-3,,\r\n", "a number is not prefixed");
        assert_eq!(
            json_line(FIELDS, &doc),
            "{\"id\":7,\"title\":\"=1+1; b\",\"tags\":[\"x\",\"y\"],\"open\":false,\"log\":[{\"a\":1}]}\n"
        );
        let bare = json!({"id": 8, "title": "t"});
        assert_eq!(csv_record(FIELDS, &bare), "8,t,,\r\n");
        assert_eq!(json_line(FIELDS, &bare), "{\"id\":8,\"title\":\"t\",\"tags\":null,\"open\":null,\"log\":[]}\n");
    }
}
