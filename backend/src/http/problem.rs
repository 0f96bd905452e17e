//! The one error type of the API and its RFC 9457 `application/problem+json` rendering.
//! Extractor failures (JSON, query, path) are routed here too, so every error has one shape.

use std::borrow::Cow;
use std::fmt;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

pub use super::checks::{json_error, path_error, query_error, Checks};
pub use super::codes::ErrorCode;
pub use super::database_errors::register_unique_constraints;

/// A problem detail (RFC 9457). `code` is stable and meant for programs (and translations);
/// `title` and `detail` are for people.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "https://opendetat.fr/problems/validation_failed",
    "title": "Unprocessable Content",
    "status": 422,
    "detail": "The request body has invalid fields.",
    "code": "validation_failed",
    "errors": [{"field": "email", "code": "email", "message": "must be a valid email address"}]
}))]
pub struct Problem {
    /// URI identifying the problem type.
    #[serde(rename = "type")]
    pub type_: String,
    /// Short, human-readable summary of the problem type.
    pub title: String,
    /// HTTP status code.
    pub status: u16,
    /// Human-readable explanation of this occurrence.
    pub detail: String,
    /// Stable machine-readable code, e.g. `not_found`, `validation_failed`: clients translate by
    /// it, never by `detail`.
    pub code: ErrorCode,
    /// Field-level errors: every invalid field of a 422, and the field at fault in a 403 or
    /// 409 that names one.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// One invalid field of a request.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
#[schema(example = json!({"field": "title", "code": "length", "message": "must be between 1 and 200 characters long", "params": {"min": 1, "max": 200}}))]
pub struct FieldError {
    /// The field's name, with a dotted path for nested fields.
    pub field: String,
    /// Stable code of the rule that failed (e.g. `length`, `range`, `email`, `required`).
    pub code: String,
    /// Human-readable message (English): clients word it from `code` and `params`.
    pub message: String,
    /// The rule's parameters, for a client to word the message in its language: `min` and
    /// `max` for `length` and `range`, `equal` for an exact length. Never the value sent.
    #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
    #[schema(value_type = Object)]
    pub params: serde_json::Map<String, serde_json::Value>,
}

impl FieldError {
    pub fn new(field: &str, code: &str, message: &str) -> FieldError {
        FieldError { field: field.into(), code: code.into(), message: message.into(), params: Default::default() }
    }
}

#[derive(Debug, Clone)]
pub enum ApiError {
    /// 400: malformed request (bad JSON, bad query string, bad cursor…).
    BadRequest { code: ErrorCode, detail: String },
    /// 401: no valid credentials.
    Unauthorized(String),
    /// 403: valid credentials without the right.
    Forbidden(String),
    /// 401 for a token that was valid and is no longer (revoked, expired): `code` says which,
    /// and so does `WWW-Authenticate` (`error="invalid_token"`, RFC 6750).
    TokenRefused { code: ErrorCode, detail: String },
    /// 403: an API token used beyond its scopes; `WWW-Authenticate` names the scope needed
    /// (`error="insufficient_scope"`, RFC 6750).
    InsufficientScope { scope: crate::types::Scope },
    /// 404.
    NotFound(String),
    /// 405: the path exists, not with this method; `allow` lists the methods it has.
    MethodNotAllowed { allow: String, detail: String },
    /// 409: conflicts with the current state (duplicates, references).
    Conflict { code: ErrorCode, detail: String },
    /// 409 naming fields: the request is well-formed, but a field conflicts with what is
    /// stored (an id that names nothing, an end before the stored start…). Such rules depend on
    /// the data, so no schema can state them: they are not 422s.
    FieldConflict { code: ErrorCode, errors: Vec<FieldError> },
    /// 403 naming a field (e.g. a wrong current password).
    FieldForbidden { code: ErrorCode, errors: Vec<FieldError> },
    /// 403 with a code of its own (e.g. an address not yet confirmed).
    Refused { code: ErrorCode, detail: String },
    /// 410: it existed and is gone for good (an expired link).
    Gone { code: ErrorCode, detail: String },
    /// 413.
    PayloadTooLarge(String),
    /// 415.
    UnsupportedMediaType(String),
    /// 422: well-formed but invalid.
    Validation(Vec<FieldError>),
    /// 422 with a code of its own: a rule of the platform the request breaks, which the client
    /// can mend by changing the fields named (a timeline published with too short a notice).
    BrokenRule { code: ErrorCode, errors: Vec<FieldError> },
    /// 422 without field details (e.g. a body of the wrong shape).
    Unprocessable(String),
    /// 422: a body of the wrong shape where the field is known (a text where a number is due,
    /// a date that is not one…); same code as `Unprocessable`, with the field in `errors`.
    Shape { detail: String, errors: Vec<FieldError> },
    /// 429; `policy` names the budget that was spent when it is a quota per window (sign-in,
    /// sign-up, mail, posting), for the `RateLimit-Policy` and `RateLimit` fields.
    TooManyRequests { retry_after_secs: u64, policy: Option<LimitPolicy> },
    /// 429 with a code of its own: too many of something held open at once (streams), not a
    /// quota per window; retry after `retry_after_secs`.
    TooManyOpen { code: ErrorCode, detail: String, retry_after_secs: u64 },
    /// 503: the database is unreachable or saturated; the client should retry.
    Unavailable(String),
    /// 500: a defect. The cause is logged, never sent.
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

/// A budget of so many requests per window, as the `RateLimit-Policy` field names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitPolicy {
    pub name: &'static str,
    pub quota: u32,
    pub window_secs: u64,
}

impl ApiError {
    pub fn not_found(what: &str) -> Self {
        ApiError::NotFound(format!("{what} not found."))
    }

    pub fn field(field: &str, code: &str, message: &str) -> Self {
        ApiError::Validation(vec![FieldError::new(field, code, message)])
    }
    /// A 422 on `field` with the rule's parameters (`{"min": 1, "max": 200}`), for clients to
    /// word the message in their language.
    pub fn field_with(field: &str, code: &str, message: &str, params: serde_json::Value) -> Self {
        let mut error = FieldError::new(field, code, message);
        error.params = params.as_object().cloned().unwrap_or_default();
        ApiError::Validation(vec![error])
    }

    /// A 409 on `field`: it conflicts with what is stored.
    pub fn conflict_field(code: ErrorCode, field: &str, rule: &str, message: &str) -> Self {
        ApiError::FieldConflict { code, errors: vec![FieldError::new(field, rule, message)] }
    }

    /// The same field errors as a 409: for a rule between a field of the request and a stored
    /// value (when both are in the request, the rule is the request's own: a 422).
    pub fn against_stored(self) -> Self {
        match self {
            ApiError::Validation(errors) => ApiError::FieldConflict { code: ErrorCode::ConflictsWithStored, errors },
            other => other,
        }
    }

    pub fn internal(cause: impl fmt::Display) -> Self {
        ApiError::Internal(cause.to_string())
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::BadRequest { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Gone { code, .. }
            | ApiError::Refused { code, .. }
            | ApiError::TokenRefused { code, .. }
            | ApiError::FieldConflict { code, .. }
            | ApiError::FieldForbidden { code, .. }
            | ApiError::BrokenRule { code, .. }
            | ApiError::TooManyOpen { code, .. } => *code,
            ApiError::Unauthorized(_) => ErrorCode::Unauthorized,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
            ApiError::InsufficientScope { .. } => ErrorCode::InsufficientScope,
            ApiError::NotFound(_) => ErrorCode::NotFound,
            ApiError::MethodNotAllowed { .. } => ErrorCode::MethodNotAllowed,
            ApiError::PayloadTooLarge(_) => ErrorCode::PayloadTooLarge,
            ApiError::UnsupportedMediaType(_) => ErrorCode::UnsupportedMediaType,
            ApiError::Validation(_) => ErrorCode::ValidationFailed,
            ApiError::Unprocessable(_) | ApiError::Shape { .. } => ErrorCode::UnprocessableBody,
            ApiError::TooManyRequests { .. } => ErrorCode::TooManyRequests,
            ApiError::Unavailable(_) => ErrorCode::ServiceUnavailable,
            ApiError::Internal(_) => ErrorCode::InternalError,
        }
    }

    fn detail(&self) -> Cow<'_, str> {
        match self {
            ApiError::BadRequest { detail, .. }
            | ApiError::Conflict { detail, .. }
            | ApiError::Gone { detail, .. }
            | ApiError::Refused { detail, .. }
            | ApiError::TokenRefused { detail, .. }
            | ApiError::TooManyOpen { detail, .. }
            | ApiError::MethodNotAllowed { detail, .. } => detail.into(),
            ApiError::InsufficientScope { scope } => {
                format!("This token does not hold the `{}` scope this needs.", scope.as_str()).into()
            }
            ApiError::Unauthorized(d)
            | ApiError::Forbidden(d)
            | ApiError::NotFound(d)
            | ApiError::PayloadTooLarge(d)
            | ApiError::UnsupportedMediaType(d)
            | ApiError::Unprocessable(d)
            | ApiError::Shape { detail: d, .. } => d.into(),
            ApiError::Validation(errors) => {
                let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
                format!("Invalid fields: {}.", fields.join(", ")).into()
            }
            ApiError::FieldConflict { errors, .. }
            | ApiError::FieldForbidden { errors, .. }
            | ApiError::BrokenRule { errors, .. } => {
                let what: Vec<String> = errors.iter().map(|e| format!("{} {}", e.field, e.message)).collect();
                format!("{}.", what.join("; ")).into()
            }
            ApiError::TooManyRequests { retry_after_secs, .. } => {
                format!("Too many requests; retry in {retry_after_secs} s.").into()
            }
            ApiError::Unavailable(_) => "The service is temporarily unavailable; retry shortly.".into(),
            ApiError::Internal(_) => "An unexpected error occurred; it has been logged.".into(),
        }
    }

    /// `detail` in the client's language: the specific English text, or the code's meaning in
    /// French (with the fields, or the wait, where there are some).
    pub fn detail_in(&self, locale: crate::types::Locale) -> String {
        if locale == crate::types::Locale::En {
            return self.detail().into_owned();
        }
        let fields = |errors: &[FieldError]| {
            let mut names: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            names.dedup();
            names.join(", ")
        };
        match self {
            ApiError::Validation(errors) => format!("Des champs sont invalides : {}.", fields(errors)),
            ApiError::Shape { errors, .. } => {
                format!("Le corps de la requête n'a pas la forme attendue : {}.", fields(errors))
            }
            ApiError::FieldConflict { errors, code }
            | ApiError::FieldForbidden { errors, code }
            | ApiError::BrokenRule { errors, code } => {
                format!("{} ({})", code.french(), fields(errors))
            }
            ApiError::TooManyRequests { retry_after_secs, .. } => {
                format!("Trop de requêtes : réessayez dans {retry_after_secs} s.")
            }
            ApiError::InsufficientScope { scope } => {
                format!("{} (portée nécessaire : « {} »)", ErrorCode::InsufficientScope.french(), scope.as_str())
            }
            other => other.code().french().to_string(),
        }
    }

    pub fn to_problem(&self) -> Problem {
        self.to_problem_in(crate::types::Locale::En)
    }

    pub fn to_problem_in(&self, locale: crate::types::Locale) -> Problem {
        let status = self.status_code();
        let code = self.code();
        Problem {
            type_: format!("https://opendetat.fr/problems/{}", code.as_str()),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: self.detail_in(locale),
            code,
            errors: match self {
                ApiError::Validation(e)
                | ApiError::Shape { errors: e, .. }
                | ApiError::FieldConflict { errors: e, .. }
                | ApiError::FieldForbidden { errors: e, .. }
                | ApiError::BrokenRule { errors: e, .. } => e.clone(),
                _ => Vec::new(),
            },
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Internal(cause) => write!(f, "internal error: {cause}"),
            ApiError::Unavailable(cause) => write!(f, "unavailable: {cause}"),
            other => write!(f, "{}: {}", other.code().as_str(), other.detail()),
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized(_) | ApiError::TokenRefused { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_)
            | ApiError::FieldForbidden { .. }
            | ApiError::Refused { .. }
            | ApiError::InsufficientScope { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } | ApiError::FieldConflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_)
            | ApiError::Unprocessable(_)
            | ApiError::Shape { .. }
            | ApiError::BrokenRule { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::TooManyRequests { .. } | ApiError::TooManyOpen { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            ApiError::Internal(cause) => log::error!("internal error: {cause}"),
            ApiError::Unavailable(cause) => log::warn!("unavailable: {cause}"),
            _ => {}
        }
        let mut res = HttpResponse::build(self.status_code());
        res.content_type("application/problem+json");
        match self {
            ApiError::Unavailable(_) => {
                res.insert_header((header::RETRY_AFTER, "2"));
            }
            ApiError::TooManyRequests { retry_after_secs, policy } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
                if let Some(p) = policy {
                    res.insert_header((
                        "RateLimit-Policy",
                        format!("\"{}\";q={};w={}", p.name, p.quota, p.window_secs),
                    ));
                    res.insert_header(("RateLimit", format!("\"{}\";r=0;t={retry_after_secs}", p.name)));
                }
            }
            ApiError::TooManyOpen { retry_after_secs, .. } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::TokenRefused { code, .. } => {
                res.insert_header((
                    header::WWW_AUTHENTICATE,
                    format!("Bearer error=\"invalid_token\", error_description=\"{}\"", code.as_str()),
                ));
            }
            ApiError::InsufficientScope { scope } => {
                res.insert_header((
                    header::WWW_AUTHENTICATE,
                    format!("Bearer error=\"insufficient_scope\", scope=\"{}\"", scope.as_str()),
                ));
            }
            ApiError::MethodNotAllowed { allow, .. } => {
                res.insert_header((header::ALLOW, allow.as_str()));
            }
            _ => {}
        }
        // Kept for the edge middleware, which renders the problem again in French when the
        // client asks for it (`Accept-Language`).
        res.extensions_mut().insert(self.clone());
        res.body(serde_json::to_string(&self.to_problem()).unwrap_or_default())
    }
}

/// Extractor errors are ApiErrors wrapped by actix; this unwraps them.
impl From<actix_web::Error> for ApiError {
    fn from(err: actix_web::Error) -> Self {
        err.as_error::<ApiError>().cloned().unwrap_or_else(|| ApiError::BadRequest {
            code: ErrorCode::BadRequest,
            detail: format!("The request could not be read: {err}."),
        })
    }
}

impl From<r2d2::Error> for ApiError {
    fn from(err: r2d2::Error) -> Self {
        ApiError::Unavailable(format!("database pool: {err}"))
    }
}

/// A problem+json answer for a status no `ApiError` variant stands for (errors actix produces
/// before any handler runs), named after the status.
pub fn bare_problem(status: StatusCode, what: &str) -> HttpResponse {
    let title = status.canonical_reason().unwrap_or("Error").to_string();
    let code = ErrorCode::of_status(status);
    let problem = Problem {
        type_: format!("https://opendetat.fr/problems/{}", code.as_str()),
        detail: format!("{title}: {what}."),
        title,
        status: status.as_u16(),
        code,
        errors: Vec::new(),
    };
    HttpResponse::build(status)
        .content_type("application/problem+json")
        .body(serde_json::to_string(&problem).unwrap_or_default())
}
