//! Request extractors that hold every body and URL to the same rules before handlers see them.

use std::ops::Deref;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::http::problem::ApiError;

/// A JSON body: like `web::Json` (same size limit, content type and error mapping), but the
/// body must be a JSON object (serde would otherwise read a struct from an array, field by
/// field), and no string in it may hold a NUL character (PostgreSQL cannot store one).
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<T> ApiJson<T> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> Deref for ApiJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

fn has_nul(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains('\0'),
        Value::Array(items) => items.iter().any(has_nul),
        Value::Object(map) => map.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        _ => false,
    }
}

/// JSON has one number type: `2779.0` is the integer 2779 to JSON Schema (and to the
/// contract, which says `integer`), while serde refuses it for an `i32`. Numbers with a zero
/// fraction become integers before the body is read (no request field is a float).
fn integral_numbers_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64() {
                if f.fract() == 0.0 && f.abs() < 9.0e15 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_numbers_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_numbers_as_integers),
        _ => {}
    }
}

/// A body of the wrong shape, naming the field when serde knows it.
fn shape_error(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    let path = e.path().to_string();
    let inner = e.into_inner().to_string();
    let detail = format!("The request body does not have the expected shape: {inner}.");
    if path.is_empty() || path == "." || path == "?" {
        return ApiError::Unprocessable(detail);
    }
    ApiError::Shape { detail, errors: vec![crate::http::problem::FieldError::new(&path, "invalid", &inner)] }
}

impl<T: DeserializeOwned + 'static> FromRequest for ApiJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let value = web::Json::<Value>::from_request(req, payload);
        Box::pin(async move {
            let value = value.await?.into_inner();
            if !value.is_object() {
                return Err(ApiError::Unprocessable("The request body must be a JSON object.".into()).into());
            }
            if has_nul(&value) {
                return Err(ApiError::Unprocessable("Text may not contain the NUL character (U+0000).".into()).into());
            }
            let mut value = value;
            integral_numbers_as_integers(&mut value);
            serde_path_to_error::deserialize(value).map(ApiJson).map_err(|e| shape_error(e).into())
        })
    }
}

/// The body of a protected route, read before the handler runs but only judged after the
/// caller's identity and role have been checked: a 401/403 comes before any complaint about
/// the body. Use as `body: AuthedBody<T>`, then `body?.into_inner()` after the checks.
pub type AuthedBody<T> = Result<ApiJson<T>, actix_web::Error>;

/// A URL that encodes a NUL character names nothing we can store or look up: 404 when it is in
/// the path, 400 in the query string. Checked once for every request.
pub fn nul_in_url(req: &actix_web::dev::ServiceRequest) -> Option<ApiError> {
    if req.path().contains("%00") || req.path().contains('\0') {
        return Some(ApiError::NotFound("No resource matches this path.".into()));
    }
    if req.query_string().contains("%00") {
        return Some(ApiError::BadRequest {
            code: crate::http::problem::ErrorCode::InvalidQuery,
            detail: "Invalid query string: text may not contain the NUL character (U+0000).".into(),
        });
    }
    None
}
