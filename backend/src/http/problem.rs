//! The one error type of the API and its RFC 9457 `application/problem+json` rendering.
//! Extractor failures (JSON, query, path) are routed here too, so every error has one shape.

use std::borrow::Cow;
use std::fmt;

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::{header, StatusCode};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use diesel::result::{DatabaseErrorKind, Error as DieselError};
use serde::Serialize;
use utoipa::ToSchema;

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

/// The stable code of a problem, with what it means in French (the `detail` of a French-speaking
/// client). Programs (and translations) key on the code, never on the English `detail`. The
/// kernel's codes are below; each resource declares its own (`crate::problem_codes!`), and the
/// contract lists them all (`registry`).
#[derive(Clone, Copy)]
pub struct ErrorCode {
    code: &'static str,
    french: &'static str,
}

impl ErrorCode {
    pub const fn declare(code: &'static str, french: &'static str) -> ErrorCode {
        ErrorCode { code, french }
    }

    pub fn as_str(self) -> &'static str {
        self.code
    }

    /// What the problem means, in French.
    pub fn french(self) -> &'static str {
        self.french
    }
}

impl PartialEq for ErrorCode {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for ErrorCode {}

impl std::hash::Hash for ErrorCode {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.code.hash(state)
    }
}

impl fmt::Debug for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code)
    }
}

/// In the contract, the list of every code (`app::openapi` fills the `enum` from the registry).
impl utoipa::PartialSchema for ErrorCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "The stable code of every problem the API answers: programs (and translations) key on it,\nnever on the English `detail`.",
            ))
            .into()
    }
}

impl ToSchema for ErrorCode {}

/// Declares a resource's problem codes: one constant each (with its French meaning), and
/// `ALL` for its `RESOURCE.codes`.
///
/// ```ignore
/// crate::problem_codes! {
///     /// 409: minutes and action items are for a forum that was held.
///     FORUM_NOT_HELD => ("forum_not_held", "Le compte rendu … une fois le forum tenu."),
/// }
/// ```
#[macro_export]
macro_rules! problem_codes {
    ($($(#[$doc:meta])* $name:ident => ($code:literal, $french:literal)),+ $(,)?) => {
        $($(#[$doc])* pub const $name: $crate::http::problem::ErrorCode = $crate::http::problem::ErrorCode::declare($code, $french);)+
        /// Every problem code this resource answers with.
        pub const ALL: &[$crate::http::problem::ErrorCode] = &[$($name),+];
    };
}

// The kernel's codes keep the names they had as an enum's variants.
#[allow(non_upper_case_globals)]
impl ErrorCode {
    /// 400: the request could not be read.
    pub const BadRequest: ErrorCode = ErrorCode::declare("bad_request", "La requête n'a pas pu être lue.");
    /// 400: the query string is malformed.
    pub const InvalidQuery: ErrorCode =
        ErrorCode::declare("invalid_query", "Les paramètres de l'adresse sont invalides.");
    /// 400: a `cursor` this list did not produce.
    pub const InvalidCursor: ErrorCode =
        ErrorCode::declare("invalid_cursor", "Ce curseur ne vient pas de cette liste : recommencez sans lui.");
    /// 400: the body is not JSON.
    pub const MalformedJson: ErrorCode =
        ErrorCode::declare("malformed_json", "Le corps de la requête n'est pas du JSON valide.");
    /// 400: the body could not be read.
    pub const BadBody: ErrorCode = ErrorCode::declare("bad_body", "Le corps de la requête n'a pas pu être lu.");
    /// 401: no valid credentials.
    pub const Unauthorized: ErrorCode = ErrorCode::declare(
        "unauthorized",
        "Connectez-vous : un jeton valide est nécessaire (ou aucun pour une lecture publique).",
    );
    /// 403: valid credentials without the right.
    pub const Forbidden: ErrorCode = ErrorCode::declare("forbidden", "Vous n'avez pas le droit de faire cela.");
    /// 403: the account must confirm its address first.
    pub const EmailNotVerified: ErrorCode = ErrorCode::declare(
        "email_not_verified",
        "Confirmez d'abord votre adresse électronique (le lien est dans le message reçu à l'inscription).",
    );
    /// 404.
    pub const NotFound: ErrorCode = ErrorCode::declare("not_found", "Aucune ressource ne correspond à cette adresse.");
    /// 405: the path answers other methods (`Allow`).
    pub const MethodNotAllowed: ErrorCode =
        ErrorCode::declare("method_not_allowed", "Cette adresse ne répond pas à cette méthode (voir l'en-tête Allow).");
    /// 408.
    pub const RequestTimeout: ErrorCode = ErrorCode::declare("request_timeout", "La requête a pris trop de temps.");
    /// 409: something with the same unique value exists.
    pub const AlreadyExists: ErrorCode =
        ErrorCode::declare("already_exists", "Une ressource a déjà cette valeur, qui doit être unique.");
    /// 409: other records refer to it, or it refers to one that prevents the change.
    pub const Referenced: ErrorCode =
        ErrorCode::declare("referenced", "D'autres ressources en dépendent : ce changement est impossible.");
    /// 409: the discussion is archived (readable, closed to new comments).
    pub const Archived: ErrorCode = ErrorCode::declare(
        "archived",
        "Cette discussion est archivée : elle reste lisible et ne reçoit plus de commentaires.",
    );
    /// 409: a field names a record that does not exist (or not where it should).
    pub const UnknownReference: ErrorCode =
        ErrorCode::declare("unknown_reference", "Un champ désigne une ressource qui n'existe pas.");
    /// 409: a field conflicts with what is stored (an end before the stored start…).
    pub const ConflictsWithStored: ErrorCode =
        ErrorCode::declare("conflicts_with_stored", "Un champ contredit ce qui est enregistré.");
    /// 413.
    pub const PayloadTooLarge: ErrorCode =
        ErrorCode::declare("payload_too_large", "Le corps de la requête est trop volumineux.");
    /// 414.
    pub const UriTooLong: ErrorCode = ErrorCode::declare("uri_too_long", "L'adresse est trop longue.");
    /// 415.
    pub const UnsupportedMediaType: ErrorCode =
        ErrorCode::declare("unsupported_media_type", "Envoyez le corps de la requête en application/json.");
    /// 422: invalid fields, each in `errors`.
    pub const ValidationFailed: ErrorCode = ErrorCode::declare("validation_failed", "Des champs sont invalides.");
    /// 422: a body of the wrong shape.
    pub const UnprocessableBody: ErrorCode =
        ErrorCode::declare("unprocessable_body", "Le corps de la requête n'a pas la forme attendue.");
    /// 429: retry after `Retry-After` seconds.
    pub const TooManyRequests: ErrorCode =
        ErrorCode::declare("too_many_requests", "Trop de requêtes : réessayez plus tard.");
    /// 431.
    pub const RequestHeaderFieldsTooLarge: ErrorCode =
        ErrorCode::declare("request_header_fields_too_large", "Les en-têtes de la requête sont trop volumineux.");
    /// 500: a defect, logged.
    pub const InternalError: ErrorCode =
        ErrorCode::declare("internal_error", "Une erreur inattendue s'est produite ; elle a été consignée.");
    /// 503: retry after `Retry-After` seconds.
    pub const ServiceUnavailable: ErrorCode = ErrorCode::declare(
        "service_unavailable",
        "Le service est momentanément indisponible ; réessayez dans un instant.",
    );
    /// Any other HTTP error.
    pub const HttpError: ErrorCode = ErrorCode::declare("http_error", "La requête n'a pas abouti.");

    /// Every code the kernel answers with.
    pub const KERNEL: &'static [ErrorCode] = &[
        ErrorCode::BadRequest,
        ErrorCode::InvalidQuery,
        ErrorCode::InvalidCursor,
        ErrorCode::MalformedJson,
        ErrorCode::BadBody,
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::EmailNotVerified,
        ErrorCode::NotFound,
        ErrorCode::MethodNotAllowed,
        ErrorCode::RequestTimeout,
        ErrorCode::AlreadyExists,
        ErrorCode::Referenced,
        ErrorCode::Archived,
        ErrorCode::UnknownReference,
        ErrorCode::ConflictsWithStored,
        ErrorCode::PayloadTooLarge,
        ErrorCode::UriTooLong,
        ErrorCode::UnsupportedMediaType,
        ErrorCode::ValidationFailed,
        ErrorCode::UnprocessableBody,
        ErrorCode::TooManyRequests,
        ErrorCode::RequestHeaderFieldsTooLarge,
        ErrorCode::InternalError,
        ErrorCode::ServiceUnavailable,
        ErrorCode::HttpError,
    ];
}

impl ErrorCode {
    /// The code of a bare HTTP error of this status (one no handler produced).
    pub fn of_status(status: StatusCode) -> ErrorCode {
        match status.as_u16() {
            400 => ErrorCode::BadRequest,
            401 => ErrorCode::Unauthorized,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            405 => ErrorCode::MethodNotAllowed,
            408 => ErrorCode::RequestTimeout,
            413 => ErrorCode::PayloadTooLarge,
            414 => ErrorCode::UriTooLong,
            415 => ErrorCode::UnsupportedMediaType,
            431 => ErrorCode::RequestHeaderFieldsTooLarge,
            500 => ErrorCode::InternalError,
            503 => ErrorCode::ServiceUnavailable,
            _ => ErrorCode::HttpError,
        }
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
    /// 422 without field details (e.g. a body of the wrong shape).
    Unprocessable(String),
    /// 422: a body of the wrong shape where the field is known (a text where a number is due,
    /// a date that is not one…); same code as `Unprocessable`, with the field in `errors`.
    Shape { detail: String, errors: Vec<FieldError> },
    /// 429.
    TooManyRequests { retry_after_secs: u64 },
    /// 503: the database is unreachable or saturated; the client should retry.
    Unavailable(String),
    /// 500: a defect. The cause is logged, never sent.
    Internal(String),
}

pub type ApiResult<T> = Result<T, ApiError>;

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
            | ApiError::FieldConflict { code, .. }
            | ApiError::FieldForbidden { code, .. } => *code,
            ApiError::Unauthorized(_) => ErrorCode::Unauthorized,
            ApiError::Forbidden(_) => ErrorCode::Forbidden,
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
            | ApiError::MethodNotAllowed { detail, .. } => detail.into(),
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
            ApiError::FieldConflict { errors, .. } | ApiError::FieldForbidden { errors, .. } => {
                let what: Vec<String> = errors.iter().map(|e| format!("{} {}", e.field, e.message)).collect();
                format!("{}.", what.join("; ")).into()
            }
            ApiError::TooManyRequests { retry_after_secs } => {
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
            ApiError::FieldConflict { errors, code } | ApiError::FieldForbidden { errors, code } => {
                format!("{} ({})", code.french(), fields(errors))
            }
            ApiError::TooManyRequests { retry_after_secs } => {
                format!("Trop de requêtes : réessayez dans {retry_after_secs} s.")
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
                | ApiError::FieldForbidden { errors: e, .. } => e.clone(),
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
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) | ApiError::FieldForbidden { .. } | ApiError::Refused { .. } => {
                StatusCode::FORBIDDEN
            }
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } | ApiError::FieldConflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Validation(_) | ApiError::Unprocessable(_) | ApiError::Shape { .. } => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
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
            ApiError::TooManyRequests { retry_after_secs } => {
                res.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            ApiError::Unauthorized(_) => {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
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

impl From<DieselError> for ApiError {
    fn from(err: DieselError) -> Self {
        match err {
            DieselError::NotFound => ApiError::NotFound("Resource not found.".into()),
            DieselError::DatabaseError(kind, info) => match kind {
                DatabaseErrorKind::UniqueViolation => ApiError::Conflict {
                    code: ErrorCode::AlreadyExists,
                    detail: unique_violation_detail(info.constraint_name()),
                },
                DatabaseErrorKind::ForeignKeyViolation => ApiError::Conflict {
                    code: ErrorCode::Referenced,
                    detail: "The resource is referenced by, or references, another one that \
                             prevents this change."
                        .into(),
                },
                DatabaseErrorKind::CheckViolation => ApiError::Unprocessable(format!(
                    "A value breaks a data rule ({}).",
                    info.constraint_name().unwrap_or("check")
                )),
                DatabaseErrorKind::ClosedConnection => ApiError::Unavailable(info.message().into()),
                DatabaseErrorKind::SerializationFailure => ApiError::Unavailable("serialization failure".into()),
                // Statement timeout, server shutting down, connection lost mid-query: the
                // client can retry.
                _ if is_transient(info.message()) => ApiError::Unavailable(info.message().into()),
                _ => ApiError::Internal(format!("database error: {}", info.message())),
            },
            other => ApiError::Internal(other.to_string()),
        }
    }
}

fn is_transient(message: &str) -> bool {
    const TRANSIENT: &[&str] = &[
        "statement timeout",
        "canceling statement",
        "terminating connection",
        "server closed the connection",
        "no connection to the server",
        "connection to server",
        "could not connect",
        "the database system is",
        "read-only transaction",
    ];
    TRANSIENT.iter().any(|t| message.contains(t))
}

static UNIQUE_CONSTRAINTS: std::sync::OnceLock<std::collections::HashMap<&'static str, &'static str>> =
    std::sync::OnceLock::new();

/// What each unique constraint means to a client, from every resource (`app::routes`), set
/// once at start-up.
pub fn register_unique_constraints(all: impl Iterator<Item = (&'static str, &'static str)>) {
    let _ = UNIQUE_CONSTRAINTS.set(all.collect());
}

fn unique_violation_detail(constraint: Option<&str>) -> String {
    constraint
        .and_then(|c| UNIQUE_CONSTRAINTS.get().and_then(|all| all.get(c)))
        .map(|detail| detail.to_string())
        .unwrap_or_else(|| "A resource with the same unique value already exists.".into())
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

impl From<validator::ValidationErrors> for ApiError {
    fn from(errors: validator::ValidationErrors) -> Self {
        let mut out = Vec::new();
        flatten_validation("", &errors, &mut out);
        out.sort_by(|a, b| a.field.cmp(&b.field));
        ApiError::Validation(out)
    }
}

fn flatten_validation(prefix: &str, errors: &validator::ValidationErrors, out: &mut Vec<FieldError>) {
    use validator::ValidationErrorsKind;
    for (field, kind) in errors.errors() {
        let name = if prefix.is_empty() { field.to_string() } else { format!("{prefix}.{field}") };
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    out.push(FieldError {
                        field: name.clone(),
                        code: e.code.to_string(),
                        message: e
                            .message
                            .as_ref()
                            .map(|m| m.to_string())
                            .unwrap_or_else(|| default_message(&e.code, &e.params)),
                        // The rule's bounds; `value` (what was sent, a password perhaps) stays out.
                        params: e
                            .params
                            .iter()
                            .filter(|(k, _)| k.as_ref() != "value")
                            .map(|(k, v)| (k.to_string(), v.clone()))
                            .collect(),
                    });
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten_validation(&name, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    flatten_validation(&format!("{name}[{i}]"), inner, out);
                }
            }
        }
    }
}

fn default_message(code: &str, params: &std::collections::HashMap<Cow<'static, str>, serde_json::Value>) -> String {
    match code {
        "length" => match (params.get("min"), params.get("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max} characters long"),
            (Some(min), None) => format!("must be at least {min} characters long"),
            (None, Some(max)) => format!("must be at most {max} characters long"),
            _ => "has an invalid length".into(),
        },
        "range" => match (params.get("min"), params.get("max")) {
            (Some(min), Some(max)) => format!("must be between {min} and {max}"),
            (Some(min), None) => format!("must be at least {min}"),
            (None, Some(max)) => format!("must be at most {max}"),
            _ => "is out of range".into(),
        },
        "email" => "must be a valid email address".into(),
        "url" => "must be a valid http(s) URL".into(),
        _ => format!("is invalid ({code})"),
    }
}

/// Maps actix's JSON extractor failures: syntax → 400, wrong shape → 422, size → 413,
/// content type → 415.
pub fn json_error(err: JsonPayloadError, _req: &HttpRequest) -> actix_web::Error {
    let api = match &err {
        JsonPayloadError::OverflowKnownLength { limit, .. } | JsonPayloadError::Overflow { limit } => {
            ApiError::PayloadTooLarge(format!("The request body is larger than {limit} bytes."))
        }
        JsonPayloadError::ContentType => {
            ApiError::UnsupportedMediaType("The request body must be sent as Content-Type: application/json.".into())
        }
        JsonPayloadError::Deserialize(e) if e.is_data() => {
            ApiError::Unprocessable(format!("The request body does not have the expected shape: {e}."))
        }
        JsonPayloadError::Deserialize(e) => ApiError::BadRequest {
            code: ErrorCode::MalformedJson,
            detail: format!("The request body is not valid JSON: {e}."),
        },
        other => ApiError::BadRequest {
            code: ErrorCode::BadBody,
            detail: format!("The request body could not be read: {other}."),
        },
    };
    api.into()
}

pub fn query_error(err: QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::BadRequest { code: ErrorCode::InvalidQuery, detail: format!("Invalid query string: {err}.") }.into()
}

/// An id that does not parse names no resource, hence 404 rather than 400.
pub fn path_error(_err: PathError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound("No resource matches this path.".into()).into()
}

/// Collects every validation problem of a request (field rules and cross-field checks) so a
/// single 422 names them all.
#[derive(Debug, Default)]
pub struct Checks {
    fields: Vec<FieldError>,
    other: Option<ApiError>,
}

impl Checks {
    pub fn of(result: Result<(), validator::ValidationErrors>) -> Checks {
        let mut checks = Checks::default();
        if let Err(e) = result {
            checks.add(Err(e.into()));
        }
        checks
    }

    pub fn add(&mut self, result: ApiResult<()>) -> &mut Checks {
        match result {
            Ok(()) => {}
            Err(ApiError::Validation(mut fields)) => self.fields.append(&mut fields),
            Err(other) => {
                self.other.get_or_insert(other);
            }
        }
        self
    }

    /// The request's own invalid fields first (422); only a request valid in itself hears of
    /// a conflict with what is stored (409).
    pub fn finish(self) -> ApiResult<()> {
        if !self.fields.is_empty() {
            let mut fields = self.fields;
            fields.sort_by(|a, b| a.field.cmp(&b.field));
            return Err(ApiError::Validation(fields));
        }
        match self.other {
            Some(other) => Err(other),
            None => Ok(()),
        }
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
