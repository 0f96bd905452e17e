//! HTTP caching of the API's reads: a strong `ETag` on every public GET and a 304 for a matching
//! `If-None-Match` decided *before* the handler runs, `Cache-Control` and `Vary` per route.
//!
//! The tag is not a hash of the body (that would render the body to answer 304). It hashes
//! what the representation depends on: the version of the public record (`public_version`, a
//! table every committed write to a public table raises in its own transaction, by trigger: see
//! its migration), the request's path and query, its `Accept`, `Accept-Language` and
//! `Accept-Encoding` (each encoding is its own representation, so its own strong tag), the
//! build's contract (a new release may shape the same data differently), and the current minute
//! (some answers move with the clock alone: an upcoming forum becomes past, a deadline passes).
//! The version is read *before* the handler renders: a write that commits in between gives the
//! body a newer state than its tag, never an older one, so the next revalidation answers 200.
//! It is read by the handler's first trip to the database, on the same connection, just before
//! its own statements (`db::with_first_read`: one hand-off to the blocking pool, not two);
//! an answer that never reached the database depends on no version, and gets the one read after
//! it. Only a request that may be answered 304 reads the version alone, before the handler.
//!
//! Personal answers (`Authorization` sent, or a route the contract secures) are
//! `private, no-store` and never 304: their content depends on who asks, which the version does
//! not cover.

use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ResourceDef, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse};
use base64::Engine as _;
use diesel::sql_types::BigInt;
use diesel::{QueryableByName, RunQueryDsl};
use sha2::{Digest, Sha256};

use crate::http::problem::{ApiError, ErrorCode};

/// How long a shared or private cache may reuse an anonymous public answer without asking, and
/// how much longer it may serve it stale while it revalidates in the background. Short: the
/// record is a live discussion; the 304 makes revalidating cheap.
pub const PUBLIC_CACHE_CONTROL: &str = "public, max-age=10, stale-while-revalidate=30";
/// Feeds and calendars (`.atom`, `.ics`) are polled by readers that keep them longer; their
/// handlers say so themselves, and a 304 for them says the same.
pub const FEED_CACHE_CONTROL: &str = "public, max-age=300";
/// Answers that depend on who asks: no cache keeps them.
pub const PRIVATE_CACHE_CONTROL: &str = "private, no-store";
/// What public answers vary on (compression adds `Accept-Encoding` itself when it encodes; it
/// is named here too so that identity answers say it).
pub const VARY: &str = "Accept, Accept-Language, Authorization, Cookie, Accept-Encoding";
/// Answers move with the clock alone at this granularity at most (see the module's note).
const CLOCK_SECONDS: i64 = 60;
/// The change feed reads only events of transactions older than every running one of this
/// database (`events_horizon()`), so its answer also depends on that horizon: its tag hashes it
/// (other routes do not, to keep 304s frequent while unrelated transactions come and go).
const HORIZON_ROUTES: &[&str] = &["/api/v1/changes"];

/// The API's GET routes as the contract declares them, and the build's fingerprint.
#[derive(Clone)]
pub struct Caching(Arc<Inner>);

struct Inner {
    /// GET routes readable without a token (`security` absent or optional).
    public: Vec<Route>,
    /// GET routes that need a token: personal whatever is sent.
    personal: Vec<Route>,
    /// Hash of the contract's bytes: answers of another release get other tags.
    build: [u8; 32],
}

impl Caching {
    pub fn from_contract(doc: &utoipa::openapi::OpenApi, contract: &[u8]) -> Caching {
        let mut public = Vec::new();
        let mut personal = Vec::new();
        for (path, item) in &doc.paths.paths {
            let Some(get) = &item.get else { continue };
            match kind_of_get(path, get) {
                Some(true) => personal.push(Route::new(path)),
                Some(false) => public.push(Route::new(path)),
                None => {}
            }
        }
        Caching(Arc::new(Inner { public, personal, build: Sha256::digest(contract).into() }))
    }

    fn classify(&self, path: &str) -> Kind {
        if self.0.personal.iter().any(|r| r.is_match(path)) {
            Kind::Personal
        } else if self.0.public.iter().any(|r| r.is_match(path)) {
            Kind::Public
        } else {
            Kind::Other
        }
    }
}

/// A GET route of the contract, and the text before its first parameter: a path that does not
/// start with it cannot match, which spares the pattern's regular expression on nearly every
/// route (matching every route's pattern on every request was 2 % of the server's time).
struct Route {
    prefix: String,
    def: ResourceDef,
}

impl Route {
    fn new(path: &str) -> Route {
        let prefix = path.split('{').next().unwrap_or_default().to_string();
        Route { prefix, def: ResourceDef::new(path) }
    }

    fn is_match(&self, path: &str) -> bool {
        path.starts_with(&self.prefix) && self.def.is_match(path)
    }
}

/// Whether a GET of the contract answers personal data (`Some(true)`), public data
/// (`Some(false)`), or is outside `/api/v1` or a stream (`None`). The contract's `HttpCaching` documents
/// the same split.
pub fn kind_of_get(path: &str, get: &utoipa::openapi::path::Operation) -> Option<bool> {
    // A stream is an endless answer: no tag, no 304; it says `no-store` itself.
    if !path.starts_with("/api/v1/") || is_stream(get) {
        return None;
    }
    // `[{}]` among the requirements makes the token optional.
    let secured = get.security.as_ref().is_some_and(|s| !s.is_empty() && s.iter().all(is_required));
    Some(secured || path == "/api/v1/me" || path.starts_with("/api/v1/me/"))
}

/// Whether a GET answers a `text/event-stream`.
fn is_stream(get: &utoipa::openapi::path::Operation) -> bool {
    get.responses.responses.get("200").is_some_and(|r| match r {
        utoipa::openapi::RefOr::T(r) => r.content.contains_key("text/event-stream"),
        utoipa::openapi::RefOr::Ref(_) => false,
    })
}

fn is_required(requirement: &utoipa::openapi::security::SecurityRequirement) -> bool {
    // An empty requirement (`{}`) serialises as an empty object.
    serde_json::to_value(requirement).is_ok_and(|v| v.as_object().is_some_and(|o| !o.is_empty()))
}

enum Kind {
    Public,
    Personal,
    /// Not a GET route of `/api/v1` (a 404 or 405 follows, or another part of the site).
    Other,
}

/// What an `If-None-Match` asks (RFC 9110 §13.1.2).
#[derive(Debug, PartialEq, Eq)]
pub enum Condition {
    /// `*`: any current representation.
    Any,
    /// The opaque parts of the listed tags (weak or strong alike: If-None-Match compares weakly).
    Tags(Vec<String>),
}

/// The grammar of an `If-None-Match` field (RFC 9110 §13.1.2: `*` or a list of entity tags,
/// empty list elements tolerated), as the contract states it. Stricter than the RFC on one point:
/// only ASCII inside tags (no obs-text), which the server never issues.
pub const IF_NONE_MATCH_PATTERN: &str = r#"^[ \t]*(\*|(,[ \t]*)*(W/)?"[\x21\x23-\x7E]*"([ \t]*,([ \t]*,)*[ \t]*(W/)?"[\x21\x23-\x7E]*")*([ \t]*,)*)[ \t]*$"#;

static IF_NONE_MATCH: std::sync::LazyLock<regex::bytes::Regex> =
    std::sync::LazyLock::new(|| regex::bytes::Regex::new(IF_NONE_MATCH_PATTERN).expect("the pattern compiles"));

/// Parses every `If-None-Match` field of the request (`None`: there is none). A field that is
/// neither `*` nor a list of entity tags is an error: a client that sends a broken validator
/// should hear it rather than get full answers forever.
pub fn parse_if_none_match(headers: &HeaderMap) -> Result<Option<Condition>, ApiError> {
    let mut tags = Vec::new();
    let mut any = false;
    let mut seen = false;
    for value in headers.get_all(header::IF_NONE_MATCH) {
        seen = true;
        let bytes = value.as_bytes();
        if !IF_NONE_MATCH.is_match(bytes) {
            return Err(malformed());
        }
        if bytes.trim_ascii() == b"*" {
            any = true;
            continue;
        }
        // Checked above: the quotes pair up around the opaque parts (which hold no quote).
        let text = std::str::from_utf8(bytes).map_err(|_| malformed())?;
        tags.extend(text.split('"').skip(1).step_by(2).map(str::to_string));
    }
    if any && !tags.is_empty() {
        // `*` is the whole field value, never an element of a list.
        return Err(malformed());
    }
    Ok(match (seen, any) {
        (false, _) => None,
        (true, true) => Some(Condition::Any),
        (true, false) => Some(Condition::Tags(tags)),
    })
}

fn malformed() -> ApiError {
    ApiError::BadRequest {
        code: ErrorCode::InvalidIfNoneMatch,
        detail: "If-None-Match must be * or a comma-separated list of entity tags such as \"abc\" or W/\"abc\" \
                 (RFC 9110, section 13.1.2)."
            .into(),
    }
}

/// The version of the public record, and the change feed's horizon (see `HORIZON_ROUTES`).
#[derive(QueryableByName, Clone)]
struct Version {
    #[diesel(sql_type = BigInt)]
    version: i64,
    #[diesel(sql_type = BigInt)]
    horizon: i64,
}

fn read_version(conn: &mut diesel::PgConnection, with_horizon: bool) -> diesel::QueryResult<Version> {
    // 64 rows on one page; prepared once per connection. The horizon (`events_horizon()`, which
    // reads pg_stat_activity when transactions are running) only where the answer depends on it.
    let sql = if with_horizon {
        "SELECT coalesce(sum(version), 0)::int8 AS version, \
                events_horizon()::text::int8 AS horizon FROM public_version"
    } else {
        "SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version"
    };
    crate::db::Prepared(diesel::sql_query(sql)).get_result(conn)
}

/// The strong tag of the answer to `req` at `version` (quoted, as sent).
fn entity_tag(caching: &Caching, req: &actix_web::HttpRequest, version: &Version, minute: i64) -> String {
    let mut h = Sha256::new();
    h.update(caching.0.build);
    h.update(version.version.to_be_bytes());
    if HORIZON_ROUTES.contains(&req.path()) {
        h.update(version.horizon.to_be_bytes());
    }
    h.update(minute.to_be_bytes());
    for part in [req.path().as_bytes(), req.query_string().as_bytes()] {
        h.update(part);
        h.update([0]);
    }
    for name in [header::ACCEPT, header::ACCEPT_LANGUAGE, header::ACCEPT_ENCODING] {
        for value in req.headers().get_all(&name) {
            h.update(value.as_bytes());
            h.update([b',']);
        }
        h.update([0]);
    }
    let digest = h.finalize();
    format!("\"{}\"", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..18]))
}

/// The middleware (inside CORS and compression, so that both see its answers).
pub async fn conditional_get<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    // HEAD was turned into GET at the edge (`middleware::request_id_and_log`).
    let caching = req.app_data::<Caching>().cloned();
    let (true, Some(caching)) = (req.method() == Method::GET && req.path().starts_with("/api/v1/"), caching) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let route = caching.classify(req.path());
    if matches!(route, Kind::Public) {
        // Checked even when a token makes the answer personal: the contract documents the
        // header on these routes, and a client that sends a broken one should hear it.
        if let Err(problem) = parse_if_none_match(req.headers()) {
            return Ok(req.error_response(problem).map_into_right_body());
        }
    }
    let personal = req.headers().contains_key(header::AUTHORIZATION);
    match route {
        Kind::Other => Ok(next.call(req).await?.map_into_left_body()),
        Kind::Personal => Ok(private(next.call(req).await?).map_into_left_body()),
        Kind::Public if personal => Ok(private(next.call(req).await?).map_into_left_body()),
        Kind::Public => {
            let Some(state) = req.app_data::<actix_web::web::Data<crate::AppState>>().cloned() else {
                return Ok(next.call(req).await?.map_into_left_body());
            };
            public(caching, state, req, next).await
        }
    }
}

/// A public GET: its tag, and a 304 where the client holds the answer.
async fn public<B: MessageBody + 'static>(
    caching: Caching,
    state: actix_web::web::Data<crate::AppState>,
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let condition = parse_if_none_match(req.headers()).unwrap_or(None);
    let with_horizon = HORIZON_ROUTES.contains(&req.path());
    // The clock is read before rendering, like the version.
    let minute = chrono::Utc::now().timestamp().div_euclid(CLOCK_SECONDS);
    let res = if let Some(Condition::Tags(tags)) = &condition {
        // The answer may not have to be rendered at all: the version first, on its own.
        let version = match crate::db::run(&state.read_pool, move |conn| Ok(read_version(conn, with_horizon)?)).await {
            Ok(v) => v,
            Err(problem) => return Ok(req.error_response(problem).map_into_right_body()),
        };
        let tag = entity_tag(&caching, req.request(), &version, minute);
        if tags.iter().any(|t| tag[1..tag.len() - 1] == *t) {
            // Nothing rendered: the tag says the client holds this very answer.
            let res = not_modified(&tag, cache_control_for(req.path()));
            return Ok(req.into_response(res).map_into_right_body());
        }
        (next.call(req).await?, tag)
    } else {
        // The handler's first trip to the database reads the version before its own
        // statements (one hand-off to the blocking pool instead of two: `db::with_first_read`).
        let read = Arc::new(std::sync::OnceLock::new());
        let fill = read.clone();
        let first: crate::db::FirstRead = Box::new(move |conn| {
            let _ = fill.set(read_version(conn, with_horizon).ok());
        });
        let (res, taken) = crate::db::with_first_read(first, next.call(req)).await;
        let res = res?;
        if res.status() != StatusCode::OK {
            return Ok(res.map_into_left_body());
        }
        let version = match read.get() {
            Some(version) => version.clone(),
            // The answer does not depend on the database: a version read now is as good.
            None if !taken => {
                crate::db::run(&state.read_pool, move |conn| Ok(read_version(conn, with_horizon)?)).await.ok()
            }
            None => None,
        };
        // Without a version there is no tag the next request could be checked against.
        let Some(version) = version else { return Ok(private(res).map_into_left_body()) };
        let tag = entity_tag(&caching, res.request(), &version, minute);
        (res, tag)
    };
    let (mut res, tag) = res;
    if res.status() != StatusCode::OK {
        return Ok(res.map_into_left_body());
    }
    let cc = cache_control_for(res.request().path());
    if condition == Some(Condition::Any) {
        // `*` matches any current representation: only the handler knows whether there is one
        // (a 404 stays a 404), so it ran; its body is dropped.
        let (req, _) = res.into_parts();
        return Ok(ServiceResponse::new(req, not_modified(&tag, cc)).map_into_right_body());
    }
    set_public(res.headers_mut(), &tag, cc);
    Ok(res.map_into_left_body())
}

/// What a public answer of this path says to caches (the same on its 200 and its 304).
fn cache_control_for(path: &str) -> &'static str {
    if path.ends_with(".atom") || path.ends_with(".ics") {
        FEED_CACHE_CONTROL
    } else {
        PUBLIC_CACHE_CONTROL
    }
}

fn not_modified(tag: &str, cache_control: &'static str) -> HttpResponse {
    let mut res = HttpResponse::NotModified().finish();
    set_public(res.headers_mut(), tag, cache_control);
    res
}

fn set_public(headers: &mut HeaderMap, tag: &str, cache_control: &'static str) {
    if let Ok(value) = HeaderValue::from_str(tag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
}

fn private<B>(mut res: ServiceResponse<B>) -> ServiceResponse<B> {
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE_CACHE_CONTROL));
    headers.insert(header::VARY, HeaderValue::from_static(VARY));
    headers.remove(header::ETAG);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(values: &[&str]) -> Result<Option<Condition>, ApiError> {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(header::IF_NONE_MATCH, HeaderValue::from_bytes(v.as_bytes()).unwrap());
        }
        parse_if_none_match(&headers)
    }

    #[test]
    fn if_none_match_follows_rfc_9110() {
        assert_eq!(parse(&[]).unwrap(), None);
        assert_eq!(parse(&["*"]).unwrap(), Some(Condition::Any));
        assert_eq!(
            parse(&["\"a\", W/\"b\"", " \"\" ,,"]).unwrap(),
            Some(Condition::Tags(vec!["a".into(), "b".into(), "".into()]))
        );
        for bad in ["a", "\"a", "\"a\" b", "*, \"a\"", "w/\"a\"", "\"a b\"", "W/ \"a\"", "", ",", "\"é\""] {
            assert!(parse(&[bad]).is_err(), "{bad:?}");
        }
        assert!(parse(&["*", "\"a\""]).is_err());
    }
}
