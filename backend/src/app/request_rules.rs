//! What the contract says of every request's text and times, schema by schema: strict RFC 3339
//! within the years the server takes, and no NUL in any text.

use utoipa::openapi::path::ParameterIn;
use utoipa::openapi::{OpenApi as OpenApiDoc, RefOr};
use utoipa::Modify;

/// Instants and dates in requests (bodies and parameters) must fall in
/// `validation::YEARS` and be strict RFC 3339 (`validation::parse_instant`): the contract
/// says so with a pattern on each, so that no request it calls valid is refused.
pub(super) struct RequestTimes;

impl Modify for RequestTimes {
    fn modify(&self, doc: &mut OpenApiDoc) {
        use std::collections::BTreeSet;
        let mut names: BTreeSet<String> = BTreeSet::new();
        for item in doc.paths.paths.values_mut() {
            for op in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                for param in op.parameters.iter_mut().flatten() {
                    if let Some(RefOr::T(schema)) = param.schema.as_mut() {
                        time_patterns(schema);
                    }
                }
                if let Some(body) = &op.request_body {
                    for content in body.content.values() {
                        if let Some(schema) = &content.schema {
                            refs(schema, &mut names);
                        }
                    }
                }
            }
        }
        let Some(components) = doc.components.as_mut() else {
            return;
        };
        // What request bodies reach, transitively.
        let mut todo: Vec<String> = names.iter().cloned().collect();
        while let Some(name) = todo.pop() {
            if let Some(schema) = components.schemas.get(&name) {
                let mut found = BTreeSet::new();
                refs(schema, &mut found);
                for n in found {
                    if names.insert(n.clone()) {
                        todo.push(n);
                    }
                }
            }
        }
        for name in names {
            if let Some(RefOr::T(schema)) = components.schemas.get_mut(&name) {
                time_patterns(schema);
            }
        }
    }
}

fn refs(schema: &RefOr<utoipa::openapi::Schema>, out: &mut std::collections::BTreeSet<String>) {
    use utoipa::openapi::schema::{ArrayItems, Schema};
    match schema {
        RefOr::Ref(r) => {
            if let Some(name) = r.ref_location.strip_prefix("#/components/schemas/") {
                out.insert(name.to_string());
            }
        }
        RefOr::T(Schema::Object(o)) => o.properties.values().for_each(|p| refs(p, out)),
        RefOr::T(Schema::Array(a)) => {
            if let ArrayItems::RefOrSchema(items) = &a.items {
                refs(items, out);
            }
        }
        RefOr::T(Schema::OneOf(o)) => o.items.iter().for_each(|p| refs(p, out)),
        RefOr::T(Schema::AllOf(o)) => o.items.iter().for_each(|p| refs(p, out)),
        RefOr::T(Schema::AnyOf(o)) => o.items.iter().for_each(|p| refs(p, out)),
        RefOr::T(_) => {}
    }
}

fn time_patterns(schema: &mut utoipa::openapi::Schema) {
    use utoipa::openapi::schema::{ArrayItems, KnownFormat, Schema, SchemaFormat};
    let nested = |s: &mut RefOr<Schema>| {
        if let RefOr::T(s) = s {
            time_patterns(s);
        }
    };
    match schema {
        Schema::Object(o) => {
            match o.format {
                Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)) => {
                    o.pattern = Some(crate::http::validation::INSTANT_PATTERN.into());
                }
                Some(SchemaFormat::KnownFormat(KnownFormat::Date)) => {
                    o.pattern = Some(crate::http::validation::DATE_PATTERN.into());
                }
                _ => {}
            }
            o.properties.values_mut().for_each(nested);
        }
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(items) = &mut a.items {
                nested(items);
            }
        }
        Schema::OneOf(o) => o.items.iter_mut().for_each(nested),
        Schema::AllOf(o) => o.items.iter_mut().for_each(nested),
        Schema::AnyOf(o) => o.items.iter_mut().for_each(nested),
        _ => {}
    }
}

/// Every text a request may carry refuses NUL (PostgreSQL cannot store it; `extract::ApiJson`
/// and `extract::nul_in_url` refuse it): the contract says so on each string of a request
/// body or query, with the other rules of its pattern.
pub(super) struct RequestText;

/// `[^\u0000]*` around what a pattern asks for.
const NO_NUL: &str = r"^[^\u0000]*$";
/// Not blank: one character outside Unicode's White_Space (what Rust's `trim`, and so
/// `not_blank`, removes), spelled out rather than `\s`, whose set differs between regex
/// engines (U+0085 is white space to Rust and not to every generator of test data).
const NOT_BLANK_NO_NUL: &str =
    r"^[^\u0000]*[^\u0000\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000][^\u0000]*$";

impl Modify for RequestText {
    fn modify(&self, doc: &mut OpenApiDoc) {
        let mut names = std::collections::BTreeSet::new();
        for item in doc.paths.paths.values_mut() {
            for op in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                for param in op.parameters.iter_mut().flatten() {
                    if param.parameter_in != ParameterIn::Query {
                        continue;
                    }
                    if let Some(RefOr::T(schema)) = param.schema.as_mut() {
                        no_nul(schema);
                    }
                }
                if let Some(body) = &op.request_body {
                    for content in body.content.values() {
                        if let Some(schema) = &content.schema {
                            refs(schema, &mut names);
                        }
                    }
                }
            }
        }
        let Some(components) = doc.components.as_mut() else {
            return;
        };
        let mut todo: Vec<String> = names.iter().cloned().collect();
        while let Some(name) = todo.pop() {
            if let Some(schema) = components.schemas.get(&name) {
                let mut found = std::collections::BTreeSet::new();
                refs(schema, &mut found);
                for n in found {
                    if names.insert(n.clone()) {
                        todo.push(n);
                    }
                }
            }
        }
        for name in names {
            if let Some(RefOr::T(schema)) = components.schemas.get_mut(&name) {
                no_nul(schema);
            }
        }
    }
}

fn no_nul(schema: &mut utoipa::openapi::Schema) {
    use utoipa::openapi::schema::{ArrayItems, Schema, SchemaType, Type};
    let nested = |s: &mut RefOr<Schema>| {
        if let RefOr::T(s) = s {
            no_nul(s);
        }
    };
    match schema {
        Schema::Object(o) => {
            let is_string = match &o.schema_type {
                SchemaType::Type(t) => *t == Type::String,
                SchemaType::Array(ts) => ts.contains(&Type::String),
                SchemaType::AnyValue => false,
            };
            if is_string && o.enum_values.is_none() {
                match o.pattern.as_deref() {
                    None => o.pattern = Some(NO_NUL.into()),
                    Some(p) if p == crate::http::validation::NOT_BLANK_PATTERN => {
                        o.pattern = Some(NOT_BLANK_NO_NUL.into())
                    }
                    // Every other pattern spells out what it allows, NUL never among it.
                    Some(_) => {}
                }
            }
            o.properties.values_mut().for_each(nested);
        }
        Schema::Array(a) => {
            if let ArrayItems::RefOrSchema(items) = &mut a.items {
                nested(items);
            }
        }
        Schema::OneOf(o) => o.items.iter_mut().for_each(nested),
        Schema::AllOf(o) => o.items.iter_mut().for_each(nested),
        Schema::AnyOf(o) => o.items.iter_mut().for_each(nested),
        _ => {}
    }
}
