//! Invalid requests: validator's errors flattened into field errors (with their rules'
//! parameters), the extractors' errors as problems, and `Checks`, which gathers every field's.

use super::problem::{ApiError, ApiResult, ErrorCode, FieldError};
use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::HttpRequest;
use std::borrow::Cow;

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
