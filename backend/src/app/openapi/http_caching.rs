//! The contract's HTTP caching: which GETs take `If-None-Match` and answer 304, and the fields
//! each answer carries (`app::caching` decides the same at run time).

use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::Ref;
use utoipa::openapi::{OpenApi as OpenApiDoc, RefOr};
use utoipa::Modify;

/// HTTP caching (`app::caching`), on every GET of `/api/v1`: public ones take `If-None-Match`,
/// answer 304 and carry `ETag`, `Cache-Control` and `Vary`; personal ones say `private, no-store`.
pub(super) struct HttpCaching;

fn string_header(description: &str, pattern: Option<&str>) -> utoipa::openapi::header::Header {
    use utoipa::openapi::schema::Type;
    let mut schema = utoipa::openapi::ObjectBuilder::new().schema_type(Type::String);
    if let Some(p) = pattern {
        schema = schema.pattern(Some(p));
    }
    utoipa::openapi::header::HeaderBuilder::new().schema(schema).description(Some(description)).build()
}

impl Modify for HttpCaching {
    fn modify(&self, doc: &mut OpenApiDoc) {
        use crate::app::caching::{
            FEED_CACHE_CONTROL, IF_NONE_MATCH_PATTERN, PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL, VARY,
        };
        use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
        use utoipa::openapi::Required;

        let etag = string_header(
            "Strong entity tag of this answer (absent when the request sends `Authorization`): send it back \
             in `If-None-Match` to get a 304 while nothing it shows has changed. It covers the public record's \
             version, the path and query, `Accept`, `Accept-Language`, `Accept-Encoding` and the minute.",
            Some(r#"^"[A-Za-z0-9_-]{24}"$"#),
        );
        let public_cc = string_header(
            &format!(
                "`{PUBLIC_CACHE_CONTROL}` when anonymous (feeds and calendars: `{FEED_CACHE_CONTROL}`); \
                 `{PRIVATE_CACHE_CONTROL}` when the request sends `Authorization`"
            ),
            None,
        );
        let private_cc =
            string_header(&format!("`{PRIVATE_CACHE_CONTROL}`: personal data, never stored by a cache"), None);
        let vary = string_header(&format!("`{VARY}`"), None);
        let condition = ParameterBuilder::new()
            .name("If-None-Match")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(
                "Entity tags from earlier answers (RFC 9110 §13.1.2): when one is this answer's current `ETag`, the \
                 answer is 304 with no body, decided before anything is read but the record's version. `*` answers \
                 304 whenever the resource exists. Anything else of the wrong form is a 400 problem \
                 `invalid_if_none_match`. Ignored (full answer) when `Authorization` is sent.",
            ))
            .schema(Some(
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .pattern(Some(IF_NONE_MATCH_PATTERN)),
            ))
            .build();
        let mut not_modified = ResponseBuilder::new()
            .description("Not modified: the `ETag` sent in `If-None-Match` is current (no body)")
            .build();
        not_modified.headers.insert("ETag".into(), etag.clone());
        not_modified.headers.insert("Cache-Control".into(), public_cc.clone());
        not_modified.headers.insert("Vary".into(), vary.clone());
        doc.components
            .get_or_insert_with(Default::default)
            .responses
            .insert("NotModified".into(), RefOr::T(not_modified));
        for (path, item) in doc.paths.paths.iter_mut() {
            let Some(get) = item.get.as_mut() else { continue };
            let Some(personal) = crate::app::caching::kind_of_get(path, get) else { continue };
            let ok = get.responses.responses.iter_mut().filter(|(status, _)| status.starts_with('2'));
            for (_, response) in ok {
                let RefOr::T(response) = response else { continue };
                if personal {
                    response.headers.insert("Cache-Control".into(), private_cc.clone());
                } else {
                    response.headers.insert("ETag".into(), etag.clone());
                    response.headers.insert("Cache-Control".into(), public_cc.clone());
                    response.headers.insert("Vary".into(), vary.clone());
                }
            }
            if personal {
                continue;
            }
            get.parameters.get_or_insert_with(Vec::new).push(condition.clone());
            get.responses.responses.insert("304".into(), RefOr::Ref(Ref::from_response_name("NotModified")));
            get.responses
                .responses
                .entry("400".into())
                .or_insert_with(|| RefOr::Ref(Ref::from_response_name("BadRequest")));
        }
    }
}
