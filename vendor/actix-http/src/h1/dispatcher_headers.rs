//! Open d'État patch (see `vendor/README.md`): headers the application wants on every answer,
//! added to the ones the HTTP/1 dispatcher writes itself — a 400 for an unparsable request, a
//! 431 for an oversized head, a 408 for a slow one — which never reach the application's
//! middleware.

use std::sync::OnceLock;

use crate::header::HeaderMap;

static HEADERS: OnceLock<HeaderMap> = OnceLock::new();

/// Sets, once per process, the headers added to the dispatcher's own answers. Returns `false`
/// (and changes nothing) if they were already set.
pub fn set_dispatcher_headers(headers: HeaderMap) -> bool {
    HEADERS.set(headers).is_ok()
}

/// Adds the configured headers that `headers` does not already hold.
pub(crate) fn stamp(headers: &mut HeaderMap) {
    if let Some(extra) = HEADERS.get() {
        for (name, value) in extra.iter() {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
    }
}
