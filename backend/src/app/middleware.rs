//! The edge of every request: its id (returned in `x-request-id`; a sane incoming one is kept),
//! the access log (method, path, status, duration, id), the security headers, and what is
//! refused before routing (NUL in the URL, a bad token on a public read).

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::Error;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub async fn request_id_and_log<B: MessageBody + 'static>(
    mut req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        .map(str::to_string)
        .unwrap_or_else(|| format!("{:016x}", rand::random::<u64>()));
    let method = req.method().clone();
    // Only kept when the access log is on.
    let path = log::log_enabled!(target: "access", log::Level::Info).then(|| req.path().to_string());
    let security = req.app_data::<SecurityHeaders>().map(|s| (s.for_path(req.path()), s.hsts));
    // HEAD is answered by every GET route: routed as a GET, and the server drops the body on
    // the wire (actix decides that from the method it read, before any routing).
    if method == actix_web::http::Method::HEAD {
        req.head_mut().method = actix_web::http::Method::GET;
    }
    let french = crate::types::Locale::from_accept_language(
        req.headers().get(actix_web::http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()),
        crate::types::Locale::En,
    ) == crate::types::Locale::Fr;
    let mut refused = crate::http::extract::nul_in_url(&req).or_else(|| bad_credentials(&req));
    if refused.is_none() && is_public_read(&req) {
        refused = crate::auth::check_api_token(req.request()).await.err();
    }
    let mut res = match refused {
        Some(problem) => req.error_response(problem).map_into_right_body(),
        None => next.call(req).await?.map_into_left_body(),
    };
    if french {
        res = in_french(res);
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    if let Some((csp, hsts)) = security {
        add_security_headers(res.headers_mut(), csp, hsts);
    }
    if let Some(path) = path {
        log::info!(
            target: "access",
            "{method} {path} {} {:.1}ms id={id}",
            res.status().as_u16(),
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(res)
}

/// A problem answered in English, again with its `detail` in French (the client asked for it with
/// `Accept-Language`). Problems keep their `ApiError` in the response's extensions for this.
fn in_french<B: MessageBody + 'static>(
    res: ServiceResponse<actix_web::body::EitherBody<B>>,
) -> ServiceResponse<actix_web::body::EitherBody<B>> {
    let problem = res
        .response()
        .extensions()
        .get::<crate::http::problem::ApiError>()
        .map(|e| e.to_problem_in(crate::types::Locale::Fr));
    let Some(problem) = problem else {
        return res;
    };
    let body = serde_json::to_string(&problem).unwrap_or_default();
    let mut res = res.map_body(|_, _| actix_web::body::EitherBody::right(actix_web::body::BoxBody::new(body)));
    // This middleware runs outside compression: the English body it replaces may have been
    // compressed, the French one is not (and its length is its own).
    res.headers_mut().remove(actix_web::http::header::CONTENT_ENCODING);
    res.headers_mut().remove(actix_web::http::header::CONTENT_LENGTH);
    res.headers_mut().insert(actix_web::http::header::CONTENT_LANGUAGE, HeaderValue::from_static("fr"));
    res
}

/// A GET of the API with an `Authorization` header that holds no valid bearer token is a 401,
/// even on a public route: a client must learn that its session is over instead of being served
/// quietly as a visitor. (Protected routes and writes check tokens in their extractors.)
fn bad_credentials(req: &ServiceRequest) -> Option<crate::http::problem::ApiError> {
    if !is_public_read(req) {
        return None;
    }
    crate::auth::check_credentials(req.request()).err()
}

fn is_public_read(req: &ServiceRequest) -> bool {
    req.method() == actix_web::http::Method::GET && req.path().starts_with("/api/")
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
    let bare = res.headers().get(CONTENT_TYPE).is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
    if !bare || !(status.is_client_error() || status.is_server_error()) {
        return Ok(res.map_into_left_body());
    }
    let allow = res.headers().get(ALLOW).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty()).map(str::to_string);
    let (req, _) = res.into_parts();
    let response = match status {
        StatusCode::METHOD_NOT_ALLOWED => {
            // actix's own 405 names no methods: the contract does.
            let allow = allow.or_else(|| crate::app::fallback::allowed_methods(&req));
            crate::app::fallback::unmatched(&req, Some(allow.unwrap_or_default())).error_response()
        }
        StatusCode::NOT_FOUND => crate::app::fallback::unmatched(&req, None).error_response(),
        _ => crate::http::problem::bare_problem(status, &format!("{} {}", req.method(), req.path())),
    };
    Ok(ServiceResponse::new(req, response).map_into_right_body())
}

/// The security headers every response carries (built once from the settings, kept in the
/// app's data, added by `security_headers`).
#[derive(Clone)]
pub struct SecurityHeaders {
    /// For the web app: its own scripts, styles, fonts and images only, plus images from
    /// `MARKDOWN_IMAGE_HOSTS`; nothing may frame it.
    app_csp: HeaderValue,
    /// For Swagger UI at `/api/docs`: like the app's (its scripts are files too).
    docs_csp: HeaderValue,
    /// For API answers: JSON is never a document to run anything in.
    api_csp: HeaderValue,
    /// In production only: a browser that once reached the site over HTTPS never tries plain
    /// HTTP again (useless, and confusing, on a developer's http://localhost).
    hsts: bool,
}

/// The only inline styles the web app may apply, by hash: react-dsfr writes a `<style>`
/// element with `:root { color-scheme: dark; }` or `light` as the reader switches themes. Any
/// other inline style (an injected `<style>`, a `style=""` attribute) is refused.
const APP_STYLE_HASHES: &str = "'sha256-xVQ4mcypV0CvOtZpQgVcKpcoNvdUkR9BrwZBrtBbU+w=' \
     'sha256-HzhUjVBe6Oi2wcxUM7bmy2Rp9VdLMHYDdYr9MalNmOY='";

/// Swagger UI's logo is an SVG with a `<style>` inside: that one, by hash.
const DOCS_STYLE_HASHES: &str = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

impl SecurityHeaders {
    pub fn new(production: bool, image_hosts: &[String]) -> SecurityHeaders {
        let mut img = String::from("'self' data:");
        for host in image_hosts {
            img.push_str(" https://");
            img.push_str(host);
        }
        let page = |img: &str, styles: &str| {
            format!(
                "default-src 'self'; script-src 'self'; style-src 'self' {styles}; img-src {img}; \
                 font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; \
                 object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
            )
        };
        let value = |s: String| HeaderValue::from_str(&s).expect("CSP is ASCII");
        SecurityHeaders {
            app_csp: value(page(&img, APP_STYLE_HASHES)),
            docs_csp: value(page("'self' data:", DOCS_STYLE_HASHES)),
            api_csp: HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
            hsts: production,
        }
    }
}

/// Adds the security headers to a response (headers a handler set itself are kept). `csp` was
/// chosen from the request's path (`SecurityHeaders::for_path`).
fn add_security_headers(headers: &mut actix_web::http::header::HeaderMap, csp: HeaderValue, hsts: bool) {
    use actix_web::http::header;
    let mut set = |name: HeaderName, value: HeaderValue| {
        if !headers.contains_key(&name) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_SECURITY_POLICY, csp);
    set(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    set(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    set(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"),
    );
    set(HeaderName::from_static("cross-origin-opener-policy"), HeaderValue::from_static("same-origin"));
    if hsts {
        set(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
}

impl SecurityHeaders {
    /// The headers for the answers actix-http writes itself, before any middleware (a 400 for
    /// an unparsable request, a 431, a 408): the API's, as those answers have no body to run.
    /// Set through the patch in `vendor/actix-http` (see `vendor/README.md`).
    pub fn for_refusals(&self) -> actix_web::http::header::HeaderMap {
        let mut headers = actix_web::http::header::HeaderMap::new();
        add_security_headers(&mut headers, self.api_csp.clone(), self.hsts);
        headers
    }

    /// The policy for a path: Swagger UI's, the API's, or the web app's.
    fn for_path(&self, path: &str) -> HeaderValue {
        if path.starts_with("/api/docs") {
            self.docs_csp.clone()
        } else if path.starts_with("/api/") || path == "/healthz" || path == "/readyz" {
            self.api_csp.clone()
        } else {
            self.app_csp.clone()
        }
    }
}
