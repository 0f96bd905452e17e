//! Request ids and the access log: one line per request with method, path, status, duration
//! and the id, which is also returned in `x-request-id` (a sane incoming one is kept).

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::Error;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub async fn request_id_and_log<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        .map(str::to_string)
        .unwrap_or_else(|| format!("{:016x}", rand::random::<u64>()));
    let method = req.method().clone();
    let path = req.path().to_string();
    let mut res = match crate::extract::nul_in_url(&req) {
        Some(problem) => req.error_response(problem).map_into_right_body(),
        None => next.call(req).await?.map_into_left_body(),
    };
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    log::info!(
        target: "access",
        "{method} {path} {} {:.1}ms id={id}",
        res.status().as_u16(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    Ok(res)
}

/// Every error of the API is problem+json, including the few actix answers by itself without
/// reaching a handler: a 405 from a resource whose only route is for another method (e.g.
/// `POST /healthz`), plain text; or a 404 nothing took, with an empty body. Those are rewritten
/// here, keeping their status (and `Allow`); handlers' own problems pass untouched.
pub async fn problems_for_bare_errors<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    use actix_web::http::header::{ALLOW, CONTENT_TYPE};
    use actix_web::http::StatusCode;
    use actix_web::ResponseError;

    let res = next.call(req).await?;
    let status = res.status();
    // Bare: no body type, or actix's plain-text reason. A handler's own JSON (problems, or
    // `/readyz`'s documented 503 body) is left alone.
    let bare = res
        .headers()
        .get(CONTENT_TYPE)
        .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    if !bare || !(status.is_client_error() || status.is_server_error()) {
        return Ok(res.map_into_left_body());
    }
    let allow = res
        .headers()
        .get(ALLOW)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    let (req, _) = res.into_parts();
    let response = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            // actix's own 405 names no methods: the contract does.
            let allow = allow.or_else(|| crate::startup::allowed_methods(&req));
            crate::startup::unmatched(&req, Some(allow.unwrap_or_default())).error_response()
        }
        StatusCode::NOT_FOUND => crate::startup::unmatched(&req, None).error_response(),
        _ => crate::error::bare_problem(status, &format!("{} {}", req.method(), req.path())),
    };
    Ok(ServiceResponse::new(req, response).map_into_right_body())
}
