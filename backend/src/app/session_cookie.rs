//! The web app's session rides in a cookie no script can read (`HttpOnly`, `SameSite=Strict`,
//! `Secure` outside dev, path `/api`): the token of a sign-in asked with `cookie: true`. A
//! request that carries the cookie and no `Authorization` header is handled as if it had sent
//! the token as a bearer: everything after (rate limits, caching, `AuthUser`) sees one kind of
//! credential.
//!
//! Cross-site requests: `SameSite=Strict` keeps the cookie off them, and a write (any method but
//! GET, HEAD, OPTIONS) whose `Origin` is not this site's is refused (403 `cross_site_request`)
//! before it reaches a handler. When the cookie's token is refused (401: ended, expired), the
//! answer also deletes the cookie, so that the browser stops sending it.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage};

use crate::auth::cookie::{removal, FromCookie, NAME};
use crate::http::problem::{ApiError, ErrorCode};

/// The `Origin` of a write is this site's (its host is the request's `Host`), or absent (not a
/// browser's cross-site request: browsers send it on every cross-origin write).
fn same_origin(req: &ServiceRequest) -> bool {
    let Some(origin) = req.headers().get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = req.headers().get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
    url::Url::parse(origin).ok().is_some_and(|o| {
        let authority = match o.port() {
            Some(port) => format!("{}:{port}", o.host_str().unwrap_or_default()),
            None => o.host_str().unwrap_or_default().to_string(),
        };
        authority.eq_ignore_ascii_case(host)
    })
}

pub async fn bearer_from_cookie<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<B>>, Error> {
    let token = match req.cookie(NAME) {
        Some(c) if !req.headers().contains_key(header::AUTHORIZATION) && !c.value().is_empty() => c.value().to_string(),
        _ => return Ok(next.call(req).await?.map_into_left_body()),
    };
    let safe = matches!(req.method().as_str(), "GET" | "HEAD" | "OPTIONS");
    if !safe && !same_origin(&req) {
        let problem = ApiError::Refused {
            code: ErrorCode::CrossSiteRequest,
            detail: "A write that carries the session cookie must come from this site.".into(),
        };
        return Ok(req.error_response(problem).map_into_right_body());
    }
    match HeaderValue::from_str(&format!("Bearer {token}")) {
        Ok(value) => {
            req.headers_mut().insert(header::AUTHORIZATION, value);
            req.extensions_mut().insert(FromCookie);
        }
        // Not a token (a cookie someone else set): as if there were none.
        Err(_) => return Ok(next.call(req).await?.map_into_left_body()),
    }
    let secure = crate::auth::cookie::secure(req.request());
    let mut res = next.call(req).await?;
    if res.status() == actix_web::http::StatusCode::UNAUTHORIZED {
        let removal = removal(secure);
        if let Ok(value) = HeaderValue::from_str(&removal.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(res.map_into_left_body())
}
