//! The OpenAPI 3.1 contract: paths come from the handlers registered in `app::routes`
//! (utoipa-actix-web collects them, so none is forgotten); the standard problem responses are
//! added here to every operation according to what it can fail on.

mod http_caching;

use http_caching::HttpCaching;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::Ref;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as OpenApiDoc, RefOr};
use utoipa::{Modify, OpenApi};

use super::request_rules::{RequestText, RequestTimes};
use crate::http::problem::{FieldError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Open d'État API",
        version = "1.0.0",
        description = "Public API of Open d'État, the platform of France's \"Open d'État\" forums \
(Open Government Partnership commitment FR0041): action plans, commitments and their milestones, \
thematic forums, and the public discussion around them.\n\n\
Conventions: JSON bodies; timestamps in RFC 3339 (UTC); lists use keyset pagination with \
`limit` (1–100) and an opaque `cursor`, answer `{ \"items\": […], \"next_cursor\": … }` and a \
`Link: rel=\"next\"` header; lists of action plans, commitments, milestones and forums accept \
`updated_since` for incremental sync. Errors are RFC 9457 `application/problem+json` with a \
stable `code` and, for validation, every invalid field in `errors`. Reading is open to all; \
writing needs a bearer token: a session's from `/api/v1/auth/login`, or an API token with the \
operation's scope (see the `bearer` scheme).\n\n\
Budgets: every request counts against its client's budget, per address without credentials and, \
with them, per account (a session and all the account's personal tokens share one) or per app token; \
every answer carries `RateLimit-Policy` and `RateLimit` \
(draft-ietf-httpapi-ratelimit-headers), and past the budget the answer is 429 with `Retry-After`.\n\n\
HTTP caching: every public GET answers a strong `ETag`; send it back in `If-None-Match` to get \
`304 Not Modified` (no body) while nothing the answer shows has changed. Anonymous answers are \
`public, max-age=10, stale-while-revalidate=30`; answers read with a token, and `/me/...`, are \
`private, no-store`. Bodies are compressed with brotli or gzip as `Accept-Encoding` asks.\n\n\
Cross-origin: browsers may call the API from any origin, without cookies (no credentials mode); \
`Authorization`, `Content-Type` and `If-None-Match` may be sent, `ETag`, `Link`, `Location`, \
`Retry-After`, `X-Request-Id`, `RateLimit` and `RateLimit-Policy` read; preflights are cacheable \
for a day.",
        license(name = "MIT"),
    ),
    // Schemas only reached through query parameters or recursive fields, which utoipa-actix-web
    // does not collect by itself (a test checks that every $ref resolves).
    components(schemas(Problem, FieldError)),
)]
pub struct ApiDoc;

/// The complete contract, as served at `/api/openapi.json` and committed in `openapi/openapi.json`.
pub fn document() -> OpenApiDoc {
    let mut doc = crate::app::collect_openapi();
    // Schemas that only query parameters or recursive fields reach (a test checks that every
    // $ref resolves), from each resource.
    let components = doc.components.get_or_insert_with(Default::default);
    for resource in super::routes::RESOURCES {
        for (name, schema) in (resource.schemas)() {
            components.schemas.entry(name).or_insert(schema);
        }
    }
    // Tags in the order of the route table; each resource brings its own.
    doc.tags = Some(
        super::routes::RESOURCES
            .iter()
            .flat_map(|r| r.tags.iter())
            .map(|(name, description)| {
                utoipa::openapi::tag::TagBuilder::new().name(*name).description(Some(*description)).build()
            })
            .collect(),
    );
    DeclaredLists.modify(&mut doc);
    StandardResponses.modify(&mut doc);
    RequestTimes.modify(&mut doc);
    RequestText.modify(&mut doc);
    CrossFieldRules.modify(&mut doc);
    HttpCaching.modify(&mut doc);
    doc
}

/// The lists the resources declare (`registry`): every problem code, event type, kind of
/// subject, record type of the change feed and kind of search result, as the `enum` of their
/// schema, and the change feed's `types` parameter's pattern.
struct DeclaredLists;

impl Modify for DeclaredLists {
    fn modify(&self, doc: &mut OpenApiDoc) {
        use utoipa::openapi::schema::Schema;
        let declared = crate::registry::get();
        let lists: [(&str, Vec<&'static str>); 5] = [
            ("ErrorCode", declared.codes().map(|c| c.as_str()).collect()),
            ("EventType", declared.event_types().map(|t| t.as_str()).collect()),
            ("SubjectKind", declared.subjects().map(|s| s.kind.as_str()).collect()),
            ("RecordType", declared.change_feed().collect()),
            ("SearchKind", declared.search_arms().map(|a| a.kind).collect()),
        ];
        let components = doc.components.get_or_insert_with(Default::default);
        for (name, values) in &lists {
            if let Some(RefOr::T(Schema::Object(o))) = components.schemas.get_mut(*name) {
                o.enum_values = Some(values.iter().map(|v| serde_json::Value::from(*v)).collect());
            }
        }
        let kinds = lists[3].1.join("|");
        if let Some(get) = doc.paths.paths.get_mut("/api/v1/changes").and_then(|p| p.get.as_mut()) {
            for param in get.parameters.iter_mut().flatten() {
                if let (true, Some(RefOr::T(Schema::Object(o)))) = (param.name == "types", param.schema.as_mut()) {
                    o.pattern = Some(format!("^(({kinds})(,({kinds}))*)?$"));
                }
            }
        }
    }
}

/// Pretty JSON of the contract, with a final newline (the committed file's exact bytes).
pub fn document_json() -> String {
    let mut json = document().to_pretty_json().expect("OpenAPI document serialises");
    json.push('\n');
    json
}

struct StandardResponses;

const PROBLEMS: &[(&str, &str, &str)] = &[
    ("400", "BadRequest", "Malformed request: invalid JSON, query string, cursor or If-None-Match"),
    (
        "401",
        "Unauthorized",
        "Missing, invalid or expired bearer token (`unauthorized`), or a revoked or expired API \
         token (`api_token_revoked`, `api_token_expired`)",
    ),
    (
        "401",
        "InvalidToken",
        "A bearer token was sent and is not valid (invalid, expired, or of an ended session): \
         send a valid one, or none",
    ),
    (
        "403",
        "Forbidden",
        "The account lacks the right, or is suspended (`forbidden`); or the API token lacks the \
         operation's scope (`insufficient_scope`)",
    ),
    ("404", "NotFound", "No such resource"),
    ("413", "PayloadTooLarge", "Request body over the size limit"),
    ("415", "UnsupportedMediaType", "Request body not sent as application/json"),
    ("422", "UnprocessableContent", "Invalid fields (listed in `errors`) or body of the wrong shape"),
    (
        "429",
        "TooManyRequests",
        "Over the client's budget (`too_many_requests`): the API's per address or per token or \
         account (`RateLimit-Policy`), or a stricter one of the operation; retry after `Retry-After` seconds",
    ),
    ("500", "InternalError", "Unexpected error (a defect; logged server-side)"),
    ("503", "ServiceUnavailable", "Database unavailable or saturated; retry after `Retry-After` seconds"),
];

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content("application/problem+json", Content::new(Some(Ref::from_schema_name("Problem"))))
        .build()
}

/// `RateLimit-Policy` and `RateLimit` (draft-ietf-httpapi-ratelimit-headers), on every answer of
/// the API while its budgets are on.
fn rate_limit_headers() -> [(&'static str, utoipa::openapi::header::Header); 2] {
    let text = |description: &str| {
        utoipa::openapi::header::HeaderBuilder::new()
            .schema(utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::String))
            .description(Some(description))
            .build()
    };
    [
        (
            "RateLimit-Policy",
            text("The client's budget: `\"anonymous\";q=300;w=60` (per address) or `\"authenticated\";q=600;w=60` (per API token, or per account for a session)"),
        ),
        ("RateLimit", text("Where the client stands: `\"anonymous\";r=<requests left>;t=<seconds until the window ends>`")),
    ]
}

/// `Retry-After`, on every 429 and 503.
fn retry_after() -> utoipa::openapi::header::Header {
    utoipa::openapi::header::HeaderBuilder::new()
        .schema(
            utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::schema::Type::Integer).minimum(Some(1)),
        )
        .description(Some("Seconds to wait before trying again"))
        .build()
}

impl Modify for StandardResponses {
    fn modify(&self, doc: &mut OpenApiDoc) {
        let components = doc.components.get_or_insert_with(Default::default);
        for (status, name, description) in PROBLEMS {
            let mut response = problem_response(description);
            if *status == "503" || *status == "429" {
                response.headers.insert("Retry-After".into(), retry_after());
            }
            if *status == "429" {
                response.headers.extend(rate_limit_headers().map(|(n, h)| (n.to_string(), h)));
            }
            components.responses.insert(name.to_string(), RefOr::T(response));
        }
        components.security_schemes.insert(
            "bearer".into(),
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT session token, or API token odet_pat_… / odet_app_…")
                    .description(Some(
                        "Either a session token (a JWT from `POST /api/v1/auth/login`), which holds every \
                         scope its account's role allows, or an API token (`odet_pat_…` personal, from \
                         `POST /api/v1/me/tokens`; `odet_app_…` for an app, issued by an admin), which holds \
                         the scopes it was issued with. Each protected operation names the one scope it \
                         needs: `read`, `comment`, `register`, `follow`, `content`, `respond`, `moderate`, \
                         `admin`, or `account` (sessions only: account settings and tokens). An API token \
                         without it gets 403 `insufficient_scope` (`WWW-Authenticate: Bearer \
                         error=\"insufficient_scope\", scope=\"…\"`); a revoked or expired one 401 \
                         `api_token_revoked` / `api_token_expired` (`error=\"invalid_token\"`). On public reads a \
                         token with `read` is its owner; one without reads as a visitor.",
                    ))
                    .build(),
            ),
        );
        for item in doc.paths.paths.values_mut() {
            for op in
                [&mut item.get, &mut item.post, &mut item.put, &mut item.patch, &mut item.delete].into_iter().flatten()
            {
                add_problems(op);
                // The probes are outside the API and its budgets.
                let probe = op.tags.as_ref().is_some_and(|t| t.iter().any(|t| t == "operations"));
                for (status, response) in op.responses.responses.iter_mut() {
                    let RefOr::T(response) = response else { continue };
                    if status == "429" {
                        response.headers.insert("Retry-After".into(), retry_after());
                    }
                    if status == "429" || (status.starts_with('2') && !probe) {
                        response.headers.extend(rate_limit_headers().map(|(n, h)| (n.to_string(), h)));
                    }
                }
            }
            // A bad token is refused on public reads too (`middleware::bad_credentials`).
            if let Some(get) = item.get.as_mut() {
                let probe = get.tags.as_ref().is_some_and(|t| t.iter().any(|t| t == "operations"));
                if !probe && !get.responses.responses.contains_key("401") {
                    get.responses.responses.insert("401".into(), RefOr::Ref(Ref::from_response_name("InvalidToken")));
                }
            }
        }
    }
}

fn add_problems(op: &mut Operation) {
    let params = op.parameters.as_deref().unwrap_or_default();
    let has_path = params.iter().any(|p| p.parameter_in == ParameterIn::Path);
    let has_query = params.iter().any(|p| p.parameter_in == ParameterIn::Query);
    let has_body = op.request_body.is_some();
    let secured = op.security.as_ref().is_some_and(|s| !s.is_empty());
    let is_probe = op.tags.as_ref().is_some_and(|t| t.iter().any(|t| t == "operations"));
    if is_probe {
        return;
    }
    // Every operation of the API counts against its client's budget.
    let mut wanted = vec!["429", "500", "503"];
    if has_body || has_query {
        wanted.extend(["400", "422"]);
    }
    if has_body {
        wanted.extend(["413", "415"]);
    }
    if secured {
        wanted.extend(["401", "403"]);
    }
    if has_path {
        wanted.push("404");
    }
    for (status, name, _) in PROBLEMS {
        if *name == "InvalidToken" {
            continue;
        }
        if wanted.contains(status) && !op.responses.responses.contains_key(*status) {
            op.responses.responses.insert(status.to_string(), RefOr::Ref(Ref::from_response_name(*name)));
        }
    }
}

/// Rules between fields that JSON Schema 2020-12 can state (the others are in the fields'
/// descriptions): keywords utoipa has no attribute for, added to the components here.
struct CrossFieldRules;

impl Modify for CrossFieldRules {
    fn modify(&self, doc: &mut OpenApiDoc) {
        use serde_json::json;
        let Some(components) = doc.components.as_mut() else {
            return;
        };
        let rules = [
            ("UpdateAccountRequest", "dependentRequired", json!({"new_password": ["current_password"]})),
            // A rating for a rating question, words for a text one: exactly one of the two.
            (
                "AnswerInput",
                "oneOf",
                json!([
                    {"required": ["rating"], "properties": {"rating": {"type": "integer"}, "text": {"type": "null"}}},
                    {"required": ["text"], "properties": {"text": {"type": "string"}, "rating": {"type": "null"}}}
                ]),
            ),
            // An outcome when closing (done, dropped), and only then. (`if`/`then` inside one
            // `allOf`: extensions are a map without order, the contract's bytes must not vary.)
            (
                "StatusChangeRequest",
                "allOf",
                json!([{
                    "if": {"required": ["status"], "properties": {"status": {"enum": ["done", "dropped"]}}},
                    "then": {"required": ["outcome"], "properties": {"outcome": {"type": "string"}}},
                    "else": {"properties": {"outcome": {"type": "null"}}}
                }]),
            ),
            // Details say what is wrong when the reason is `other`.
            (
                "NewReportRequest",
                "allOf",
                json!([{
                    "if": {"required": ["reason"], "properties": {"reason": {"const": "other"}}},
                    "then": {"required": ["details"], "properties": {"details": {"type": "string"}}}
                }]),
            ),
            (
                "NewForumRequest",
                "anyOf",
                json!([
                    {"required": ["location"], "properties": {"location": {"type": "string"}}},
                    {"required": ["online_url"], "properties": {"online_url": {"type": "string"}}}
                ]),
            ),
        ];
        for (name, keyword, value) in rules {
            if let Some(RefOr::T(utoipa::openapi::Schema::Object(o))) = components.schemas.get_mut(name) {
                o.extensions.get_or_insert_with(Default::default).insert(keyword.into(), value);
            }
        }
    }
}
