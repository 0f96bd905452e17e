//! Keyset pagination: an opaque cursor (base64url of the last item's sort key and id), a
//! capped `limit`, `{ "items", "next_cursor" }` bodies and a `Link: rel="next"` header.
//! Never OFFSET: page N costs the same as page 1.

use actix_web::{HttpRequest, HttpResponse};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::http::problem::ApiError;

pub const DEFAULT_LIMIT: i64 = 20;
pub const MAX_LIMIT: i64 = 100;

/// Paging parameters shared by every list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Page size, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    #[serde(default, deserialize_with = "crate::http::validation::query_int")]
    pub limit: Option<i64>,
    /// Opaque cursor from a previous page's `next_cursor`.
    pub cursor: Option<String>,
}

impl PageParams {
    pub fn limit(&self) -> Result<i64, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(l) if (1..=MAX_LIMIT).contains(&l) => Ok(l),
            Some(_) => Err(ApiError::field_with(
                "limit",
                "range",
                &format!("must be between 1 and {MAX_LIMIT}"),
                serde_json::json!({"min": 1, "max": MAX_LIMIT}),
            )),
        }
    }

    /// The decoded cursor; an empty `cursor=` counts as none.
    pub fn cursor<K: DeserializeOwned>(&self) -> Result<Option<K>, ApiError> {
        self.cursor.as_deref().filter(|c| !c.is_empty()).map(decode_cursor).transpose()
    }
}

pub fn encode_cursor<K: Serialize>(key: &K) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(key).unwrap_or_default())
}

/// Decodes a cursor. Cursors come back from clients, so a forged one is input like any other:
/// besides its shape, every text in it must be storable (no NUL) and every instant in it within
/// `validation::YEARS` (PostgreSQL refuses some years chrono reads). 400 `invalid_cursor`.
pub fn decode_cursor<K: DeserializeOwned>(raw: &str) -> Result<K, ApiError> {
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .filter(plausible)
        .and_then(|value| serde_json::from_value(value).ok())
        .ok_or_else(|| ApiError::BadRequest {
            code: crate::http::problem::ErrorCode::InvalidCursor,
            detail: "The cursor is not one this list produced; start again without it.".into(),
        })
}

fn plausible(value: &serde_json::Value) -> bool {
    use chrono::Datelike;
    use serde_json::Value;
    match value {
        Value::String(s) => {
            !s.contains('\0')
                && s.parse::<chrono::DateTime<chrono::FixedOffset>>()
                    .map_or(true, |at| crate::http::validation::YEARS.contains(&at.year()))
        }
        Value::Array(items) => items.iter().all(plausible),
        Value::Object(map) => map.values().all(plausible),
        _ => true,
    }
}

/// Trims the extra row fetched to learn whether another page exists, and makes its cursor.
pub fn finish_page<T, K: Serialize>(mut rows: Vec<T>, limit: i64, key: impl Fn(&T) -> K) -> (Vec<T>, Option<String>) {
    if rows.len() as i64 > limit {
        rows.truncate(limit as usize);
        let next = rows.last().map(|last| encode_cursor(&key(last)));
        (rows, next)
    } else {
        (rows, None)
    }
}

/// A JSON page response with its `Link` header.
pub fn page_response<P: Serialize>(req: &HttpRequest, body: &P, next_cursor: Option<&str>) -> HttpResponse {
    let mut res = HttpResponse::Ok();
    if let Some(cursor) = next_cursor {
        res.insert_header(("Link", format!("<{}>; rel=\"next\"", next_url(req, cursor))));
    }
    res.json(body)
}

fn next_url(req: &HttpRequest, cursor: &str) -> String {
    let mut pairs: Vec<String> = req
        .query_string()
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
        .map(str::to_string)
        .collect();
    pairs.push(format!("cursor={cursor}"));
    format!("{}?{}", req.path(), pairs.join("&"))
}

/// A page type (`{ items, next_cursor }`), as `page_type!` declares them.
pub trait PageBody<T>: Serialize {
    fn new(items: Vec<T>, next_cursor: Option<String>) -> Self;
}

/// The answer for one page of a list: the page type `P` and its `Link: rel="next"`.
pub fn respond<P: PageBody<T>, T>(req: &HttpRequest, items: Vec<T>, next: Option<String>) -> HttpResponse {
    let body = P::new(items, next.clone());
    page_response(req, &body, next.as_deref())
}

/// Declares a concrete page type (`{ items, next_cursor }`) for OpenAPI and responses.
#[macro_export]
macro_rules! page_type {
    ($name:ident, $item:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
        pub struct $name {
            pub items: Vec<$item>,
            /// Cursor of the next page, `null` on the last page.
            pub next_cursor: Option<String>,
        }

        impl $crate::http::page::PageBody<$item> for $name {
            fn new(items: Vec<$item>, next_cursor: Option<String>) -> Self {
                $name { items, next_cursor }
            }
        }
    };
}

/// The keyset predicate of a page that continues after the cursor `(va, vb)`: the rows past it
/// in the order `(a, b)`, ascending (`>`) or descending (`<`). `b` is the unique tie-breaker
/// (the id), so no row is skipped or repeated between pages.
///
/// ```ignore
/// q = q.filter(crate::keyset!((forums::starts_at, forums::id) > (at, id)));
/// ```
#[macro_export]
macro_rules! keyset {
    (($a:expr, $b:expr) > ($va:expr, $vb:expr)) => {
        $a.gt($va).or($a.eq($va).and($b.gt($vb)))
    };
    (($a:expr, $b:expr) < ($va:expr, $vb:expr)) => {
        $a.lt($va).or($a.eq($va).and($b.lt($vb)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_rejects_garbage() {
        let c = encode_cursor(&("2026-01-01T00:00:00Z", 42i64));
        let back: (String, i64) = decode_cursor(&c).unwrap();
        assert_eq!(back.1, 42);
        assert!(decode_cursor::<(String, i64)>("not-a-cursor!").is_err());
        assert!(decode_cursor::<(String, i64)>(&encode_cursor(&"x")).is_err());
        // Forged: a NUL (PostgreSQL cannot store it), an instant PostgreSQL cannot hold.
        assert!(decode_cursor::<String>("Ilx1MDAwMCI").is_err());
        assert!(decode_cursor::<(String, i64)>(&encode_cursor(&("a\0b", 1))).is_err());
        let far = encode_cursor(&("-200000-01-01T00:00:00Z", 1));
        assert!(decode_cursor::<(chrono::DateTime<chrono::Utc>, i64)>(&far).is_err());
    }

    #[test]
    fn limit_is_bounded() {
        let p = |l| PageParams { limit: Some(l), cursor: None };
        assert_eq!(p(5).limit().unwrap(), 5);
        assert!(p(0).limit().is_err());
        assert!(p(1_000_000).limit().is_err());
    }

    #[test]
    fn finish_page_sets_cursor_only_when_more() {
        let (items, next) = finish_page(vec![1, 2, 3], 2, |x| *x);
        assert_eq!(items, vec![1, 2]);
        assert_eq!(decode_cursor::<i32>(&next.unwrap()).unwrap(), 2);
        let (_, none) = finish_page(vec![1, 2], 2, |x| *x);
        assert!(none.is_none());
    }
}
