//! The OpenAPI 3.1 contract: paths come from the handlers registered in `startup::api_routes`
//! (utoipa-actix-web collects them, so none is forgotten); the standard problem responses are
//! added here to every operation according to what it can fail on.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::Ref;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as OpenApiDoc, RefOr};
use utoipa::{Modify, OpenApi};

use crate::error::{FieldError, Problem};

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
writing needs a bearer token from `/api/v1/auth/login`.",
        license(name = "MIT"),
    ),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "action-plans", description = "National action plans"),
        (name = "commitments", description = "Commitments of an action plan"),
        (name = "milestones", description = "Milestones of a commitment and their progress"),
        (name = "forums", description = "Thematic Open d'État forums"),
        (name = "comments", description = "Public discussion on forums, commitments and milestones"),
        (name = "search", description = "French full-text search"),
        (name = "users", description = "Public profiles"),
        (name = "admin", description = "Administration (admins only)"),
        (name = "operations", description = "Health probes"),
    ),
    // Schemas only reached through query parameters or recursive fields, which utoipa-actix-web
    // does not collect by itself (a test checks that every $ref resolves).
    components(schemas(
        Problem,
        FieldError,
        crate::forums::routes::When,
        crate::comments::routes::ListMode,
        crate::comments::ReplyPage,
        crate::search::SearchKind
    )),
)]
pub struct ApiDoc;

/// The complete contract, as served at `/api/openapi.json` and committed in `openapi/openapi.json`.
pub fn document() -> OpenApiDoc {
    let mut doc = crate::startup::collect_openapi();
    StandardResponses.modify(&mut doc);
    doc
}

/// Pretty JSON of the contract, with a final newline (the committed file's exact bytes).
pub fn document_json() -> String {
    let mut json = document()
        .to_pretty_json()
        .expect("OpenAPI document serialises");
    json.push('\n');
    json
}

struct StandardResponses;

const PROBLEMS: &[(&str, &str, &str)] = &[
    (
        "400",
        "BadRequest",
        "Malformed request: invalid JSON, query string or cursor",
    ),
    (
        "401",
        "Unauthorized",
        "Missing, invalid or expired bearer token",
    ),
    (
        "403",
        "Forbidden",
        "The account lacks the right, or is suspended",
    ),
    ("404", "NotFound", "No such resource"),
    ("413", "PayloadTooLarge", "Request body over the size limit"),
    (
        "415",
        "UnsupportedMediaType",
        "Request body not sent as application/json",
    ),
    (
        "422",
        "UnprocessableContent",
        "Invalid fields (listed in `errors`) or body of the wrong shape",
    ),
    (
        "500",
        "InternalError",
        "Unexpected error (a defect; logged server-side)",
    ),
    (
        "503",
        "ServiceUnavailable",
        "Database unavailable or saturated; retry after `Retry-After` seconds",
    ),
];

fn problem_response(description: &str) -> Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            Content::new(Some(Ref::from_schema_name("Problem"))),
        )
        .build()
}

impl Modify for StandardResponses {
    fn modify(&self, doc: &mut OpenApiDoc) {
        let components = doc.components.get_or_insert_with(Default::default);
        for (_, name, description) in PROBLEMS {
            components
                .responses
                .insert(name.to_string(), RefOr::T(problem_response(description)));
        }
        components.security_schemes.insert(
            "bearer".into(),
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some("Token from POST /api/v1/auth/login or /auth/register"))
                    .build(),
            ),
        );
        for item in doc.paths.paths.values_mut() {
            for op in [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ]
            .into_iter()
            .flatten()
            {
                add_problems(op);
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
    let is_probe = op
        .tags
        .as_ref()
        .is_some_and(|t| t.iter().any(|t| t == "operations"));
    if is_probe {
        return;
    }
    let mut wanted = vec!["500", "503"];
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
        if wanted.contains(status) && !op.responses.responses.contains_key(*status) {
            op.responses.responses.insert(
                status.to_string(),
                RefOr::Ref(Ref::from_response_name(*name)),
            );
        }
    }
}
