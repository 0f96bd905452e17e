//! Every `/api` request counts against its client's budget (`auth::api_limit`): 429 past it,
//! and on every answer the standard fields that say where the client stands.

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, Error};

use crate::auth::api_limit::{client_key, Policy, Standing};
use crate::AppState;

const RATE_LIMIT: HeaderName = HeaderName::from_static("ratelimit");
const RATE_LIMIT_POLICY: HeaderName = HeaderName::from_static("ratelimit-policy");

/// Who a request is counted as: its account (a session's, or a personal token's once this
/// instance has authorised it: `auth::api_token::personal_owner`), its app token, or its
/// address bucket. An invalid session counts as its address (the request will be refused anyway).
fn client(req: &ServiceRequest, state: &AppState) -> (Policy, String) {
    let bearer = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    if let Some(token) = bearer {
        if crate::auth::api_token::is_api_token(token) {
            let key = match crate::auth::api_token::personal_owner(&crate::auth::api_token::hash(token)) {
                Some(owner) => client_key("account", &owner.to_string()),
                None => client_key("token", token),
            };
            return (Policy::Authenticated, key);
        }
        if let Some((user, _)) = state.tokens.verify(token) {
            return (Policy::Authenticated, client_key("account", &user.to_string()));
        }
    }
    (Policy::Anonymous, client_key("address", &state.ip_limits.client_bucket(req.request())))
}

/// The client's standing under the API's budget, after the stricter one's when the answer is
/// that one's 429 (both are items of one list, as the draft allows).
fn add_headers(headers: &mut actix_web::http::header::HeaderMap, standing: &Standing) {
    for (name, ours) in [(RATE_LIMIT_POLICY, standing.policy_header()), (RATE_LIMIT, standing.header())] {
        let value = match headers.get(&name).and_then(|v| v.to_str().ok()) {
            Some(stricter) => format!("{stricter}, {ours}"),
            None => ours,
        };
        if let Ok(v) = HeaderValue::from_str(&value) {
            headers.insert(name, v);
        }
    }
}

pub async fn limit<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, Error> {
    let state = req.app_data::<web::Data<AppState>>().filter(|s| s.api_limits.is_on()).cloned();
    let (Some(state), true) = (state, req.path().starts_with("/api/")) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    let (policy, key) = client(&req, &state);
    let Some(standing) = state.api_limits.take(policy, &key) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    if standing.flush_now {
        // A twentieth of the budget spent here since the last batch: tell the other instances
        // (and hear from them) before going on. A database that does not answer does not stop
        // the request: the counts wait for the next batch.
        let limiter = state.api_limits.clone();
        let flushed = crate::db::run(&state.pool, move |conn| Ok(limiter.flush(conn, Some(&key))?)).await;
        if let Err(e) = flushed {
            log::warn!("rate limit counts not shared yet: {e}");
        }
    }
    if !standing.allowed {
        // The policy's fields are added below, as on every answer.
        let problem = crate::http::problem::ApiError::TooManyRequests {
            retry_after_secs: standing.reset_secs.max(1),
            policy: None,
        };
        let mut res = req.error_response(problem);
        add_headers(res.headers_mut(), &standing);
        return Ok(res.map_into_right_body());
    }
    let mut res = next.call(req).await?;
    add_headers(res.headers_mut(), &standing);
    Ok(res.map_into_left_body())
}

/// Adds the quiet clients' counts to the shared totals every second, and forgets old windows
/// now and then, for as long as the server runs.
pub fn share_counts_in_background(state: web::Data<AppState>) {
    if !state.api_limits.is_on() {
        return;
    }
    actix_web::rt::spawn(async move {
        let mut tick = actix_web::rt::time::interval(crate::auth::api_limit::FLUSH_EVERY);
        let mut n: u64 = 0;
        loop {
            tick.tick().await;
            n += 1;
            let limiter = state.api_limits.clone();
            let forget = n.is_multiple_of(600);
            let done = crate::db::run(&state.pool, move |conn| {
                limiter.flush(conn, None)?;
                if forget {
                    limiter.forget_old(conn)?;
                }
                Ok(())
            })
            .await;
            if let Err(e) = done {
                log::warn!("rate limit counts not shared: {e}");
            }
        }
    });
}
