//! `/auth/oidc/…`: leaving for the provider, coming back, proving an account (the rest:
//! `management`).
//!
//! The browser leaves for the provider from `start` and comes back to `callback`, which always
//! answers with a redirection to a page of the web app: signed in (`/connexion/fournisseur`), an
//! account to prove first (`/connexion/lier`), or what went wrong (`/connexion/echec?raison=…`):
//! a person never lands on a bare error.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{get, http::header, post, web, HttpRequest, HttpResponse};
use validator::Validate;

use super::dto::{CallbackQuery, ConfirmLink, PendingLink, StartQuery};
use super::queries::{self, Outcome};
use crate::auth::oidc::{Failure, Flow, ProviderId, SignedIn};
use crate::auth::user::User;
use crate::db;
use crate::db::ids::UserId;
use crate::http::extract::ApiJson;
use crate::http::problem::{ApiError, ApiResult};
use crate::resources::accounts::Session;
use crate::AppState;

/// The cookie that carries a flow under way (`auth::oidc::Flow`), and the one that carries a
/// sign-in waiting for its account to be proved. Both are for these routes only, signed, and
/// `SameSite=Lax`: the browser comes back from the provider's site, a cross-site navigation
/// that a `Strict` cookie would not follow.
const FLOW: &str = "od_oidc";
const PENDING: &str = "od_oidc_link";
const COOKIE_PATH: &str = "/api/v1/auth/oidc";
/// Time to sign in at the provider, and to prove one's account after.
const FLOW_MINUTES: i64 = 10;

fn cookie(state: &AppState, name: &'static str, value: String) -> Cookie<'static> {
    Cookie::build(name, value)
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(state.session_cookie_secure)
        .same_site(SameSite::Lax)
        .max_age(actix_web::cookie::time::Duration::minutes(FLOW_MINUTES))
        .finish()
}

fn removal(state: &AppState, name: &'static str) -> Cookie<'static> {
    let mut gone = cookie(state, name, String::new());
    gone.make_removal();
    gone
}

/// A path of the web app to go back to; anything else (`//other.site`, a full address) is `/`.
fn safe_next(raw: Option<&str>) -> String {
    match raw {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && p.len() <= 500
                && !p.chars().any(char::is_control) =>
        {
            p.to_string()
        }
        _ => "/".into(),
    }
}

fn encoded(value: &str) -> String {
    url::form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// A configured provider, or 404.
fn configured(state: &AppState, raw: &str) -> ApiResult<ProviderId> {
    ProviderId::parse(raw)
        .filter(|id| state.identity_providers.configured().contains(id))
        .ok_or_else(|| ApiError::not_found("Identity provider"))
}

/// The web app's page that says what went wrong, with the flow's cookies gone.
fn failed(state: &AppState, provider: ProviderId, why: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/connexion/echec?raison={why}&fournisseur={}", provider.as_str())))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(removal(state, FLOW))
        .cookie(removal(state, PENDING))
        .finish()
}

/// Sign in with a provider: the browser is sent to the provider's sign-in page (the
/// authorization code flow with PKCE, `state` and `nonce`), and comes back to
/// `/auth/oidc/{provider}/callback`. A provider that cannot be reached sends the browser to the
/// web app's page that says so. Begun from a signed-in session (the web app's cookie), the
/// identity is linked to that account, whatever e-mail the provider gives.
#[utoipa::path(
    tag = "auth",
    params(("provider" = ProviderId, Path, description = "The provider"), StartQuery),
    responses(
        (status = 303, description = "To the provider's sign-in page (`Location`), the flow kept in a short-lived cookie; or, when the provider cannot be reached, to the web app's `/connexion/echec?raison=unavailable`"),
        (status = 404, description = "No such provider, or it is not configured here", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/oidc/{provider}/start")]
pub async fn start(
    state: web::Data<AppState>,
    signed_in: Result<crate::auth::OptionalAuth, ApiError>,
    provider: web::Path<String>,
    query: web::Query<StartQuery>,
) -> ApiResult<HttpResponse> {
    let id = configured(&state, &provider)?;
    let next = safe_next(query.next.as_deref());
    // A session (never an API token) links the identity to its account; an ended or expired one
    // is simply not signed in here.
    let link_to = match signed_in {
        Ok(crate::auth::OptionalAuth(Some(user))) if user.token_scopes.is_none() => {
            Some((user.id.get(), user.session.map(|s| s.get())))
        }
        _ => None,
    };
    let at = state.identity_providers.clone();
    let begun = web::block(move || at.begin(id, next, link_to)).await.map_err(ApiError::internal)?;
    match begun {
        None => Err(ApiError::not_found("Identity provider")),
        Some(Err(why)) => Ok(failed(&state, id, why.code())),
        Some(Ok((url, flow))) => {
            let sealed = state
                .tokens
                .seal(FLOW, &flow, std::time::Duration::from_secs(60 * FLOW_MINUTES as u64))
                .map_err(ApiError::internal)?;
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, url))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .cookie(cookie(&state, FLOW, sealed))
                .cookie(removal(&state, PENDING))
                .finish())
        }
    }
}

/// A sign-in at a provider, with where to go next: what the pending cookie carries.
#[derive(serde::Serialize, serde::Deserialize)]
struct Pending {
    signed: SignedIn,
    next: String,
}

/// Where the provider sends the browser back. The answer must belong to the flow this browser
/// began (its `state`, in the flow's cookie); the code is exchanged, the ID token checked, and:
/// the identity's account is signed in (the web app's session cookie is set); or a new account
/// is made for a new person; or, when an account already has the e-mail, the person is asked to
/// prove it (`/auth/oidc/pending`). Every outcome is a redirection to a page of the web app.
#[utoipa::path(
    tag = "auth",
    params(("provider" = ProviderId, Path, description = "The provider"), CallbackQuery),
    responses(
        (status = 303, description = "To `/connexion/fournisseur?suite=…` (signed in, the session cookie set), `/connexion/lier?suite=…` (an account has this e-mail: prove it), or `/connexion/echec?raison=…` (`state`: not a flow this browser began or one already finished; `denied`: cancelled or refused at the provider; `code`: the code was refused, e.g. used twice; `token`: the ID token failed its checks; `email`: no verified e-mail; `unavailable`: the provider could not be reached; `suspended`; `taken`: the identity is another account's)"),
        (status = 404, description = "No such provider, or it is not configured here", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/oidc/{provider}/callback")]
pub async fn callback(
    http: HttpRequest,
    state: web::Data<AppState>,
    provider: web::Path<String>,
    query: web::Query<CallbackQuery>,
) -> ApiResult<HttpResponse> {
    let id = configured(&state, &provider)?;
    let query = query.into_inner();
    let flow: Option<Flow> =
        http.cookie(FLOW).and_then(|c| state.tokens.open(FLOW, c.value())).filter(|f: &Flow| f.provider == id);
    // A refusal names no code to misuse: with a flow of this browser under way, it is the
    // person cancelling (some providers leave `state` out of it, against RFC 6749 §4.1.2.1).
    if query.error.is_some() && flow.is_some() {
        return Ok(failed(&state, id, Failure::Denied.code()));
    }
    let Some(flow) = flow.filter(|f| query.state.as_deref() == Some(f.state.as_str())) else {
        return Ok(failed(&state, id, Failure::State.code()));
    };
    let Some(code) = query.code else {
        return Ok(failed(&state, id, Failure::State.code()));
    };
    let at = state.identity_providers.clone();
    let next = flow.next.clone();
    let link_to = flow.link_to;
    let finished = web::block(move || at.finish(&flow, &code)).await.map_err(ApiError::internal)?;
    let signed = match finished {
        None => return Ok(failed(&state, id, Failure::Unavailable.code())),
        Some(Err(why)) => return Ok(failed(&state, id, why.code())),
        Some(Ok(signed)) => signed,
    };
    let locale = crate::resources::accounts::request_locale(&http);
    let trust = state.proconnect_trust_institutions;
    let resolving = signed.clone();
    let outcome = db::transaction(&state.pool, move |conn| match link_to {
        Some((account, replaced)) => {
            let user = queries::link_to(conn, UserId(account), &resolving, trust)?;
            // The session that asked is replaced by the new one (which knows its provider).
            if let Some(sid) = replaced {
                crate::auth::session::end(conn, user.id, crate::db::ids::SessionId(sid))?;
            }
            Ok(Outcome::SignIn(Box::new(user)))
        }
        None => queries::resolve(conn, &resolving, locale, trust),
    })
    .await;
    match outcome {
        Ok(Outcome::SignIn(user)) => signed_in(&http, &state, *user, &signed, &next).await,
        Ok(Outcome::Pending) => {
            let sealed = state
                .tokens
                .seal(
                    PENDING,
                    &Pending { signed, next: next.clone() },
                    std::time::Duration::from_secs(60 * FLOW_MINUTES as u64),
                )
                .map_err(ApiError::internal)?;
            Ok(HttpResponse::SeeOther()
                .insert_header((header::LOCATION, format!("/connexion/lier?suite={}", encoded(&next))))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .cookie(removal(&state, FLOW))
                .cookie(cookie(&state, PENDING, sealed))
                .finish())
        }
        Err(ApiError::Conflict { .. }) => Ok(failed(&state, id, "taken")),
        Err(e) => {
            log::error!("sign-in at {}: {e}", id.name());
            Ok(failed(&state, id, Failure::Unavailable.code()))
        }
    }
}

/// Starts the session of `user`, signed in at `signed`'s provider, and sends the browser on to
/// the web app with the session cookie (a suspended account goes to the failure page).
async fn signed_in(
    http: &HttpRequest,
    state: &AppState,
    user: User,
    signed: &SignedIn,
    next: &str,
) -> ApiResult<HttpResponse> {
    if user.is_suspended() {
        return Ok(failed(state, signed.provider, "suspended"));
    }
    let (token, expires_at) = start_session(http, state, &user, signed).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/connexion/fournisseur?suite={}", encoded(next))))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .cookie(crate::auth::cookie::holding(&token, expires_at, state.session_cookie_secure))
        .cookie(removal(state, FLOW))
        .cookie(removal(state, PENDING))
        .finish())
}

/// A session of `user` begun at `signed`'s provider: its token and expiry.
async fn start_session(
    http: &HttpRequest,
    state: &AppState,
    user: &User,
    signed: &SignedIn,
) -> ApiResult<(String, chrono::DateTime<chrono::Utc>)> {
    let device = crate::auth::session::device(http.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()));
    let family = crate::auth::address_family(http);
    let expires_at = state.tokens.expiry();
    let (user_id, provider, id_token, strong) = (user.id, signed.provider, signed.id_token.clone(), signed.strong);
    let sid = db::run(&state.pool, move |conn| {
        Ok(crate::auth::session::start_at(
            conn,
            user_id,
            &device,
            family,
            expires_at,
            Some(crate::auth::session::AtProvider {
                provider: provider.as_str(),
                id_token: &id_token,
                second_factor: strong,
            }),
        )?)
    })
    .await?;
    state.tokens.issue(user.id.get(), user.session_version, Some(sid.get()), expires_at).map_err(ApiError::internal)
}

fn pending(http: &HttpRequest, state: &AppState) -> ApiResult<Pending> {
    // A 404: this browser holds no such thing (or no longer: it lasts ten minutes).
    http.cookie(PENDING).and_then(|c| state.tokens.open(PENDING, c.value())).ok_or_else(|| {
        ApiError::NotFound(
            "No sign-in at a provider is waiting here, or it was more than 10 minutes ago: sign in again.".into(),
        )
    })
}

/// The sign-in at a provider waiting for its account to be proved: which provider, and the
/// e-mail of the account.
#[utoipa::path(
    tag = "auth",
    responses(
        (status = 200, description = "The sign-in waiting", body = PendingLink),
        (status = 404, description = "None waits in this browser, or it expired (ten minutes)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/auth/oidc/pending")]
pub async fn pending_link(http: HttpRequest, state: web::Data<AppState>) -> ApiResult<web::Json<PendingLink>> {
    let found = pending(&http, &state)?;
    Ok(web::Json(PendingLink { provider: found.signed.provider, email: found.signed.email }))
}

/// Prove the account that has the provider's e-mail with its password: the identity is linked
/// to it (from then on the provider signs it in) and the account is signed in, in the web app's
/// session cookie. A wrong password counts toward the same limits as a failed sign-in.
#[utoipa::path(
    tag = "auth",
    request_body = ConfirmLink,
    responses(
        (status = 200, description = "Linked and signed in (the session is in the cookie)", body = Session),
        (status = 403, description = "Wrong password (`wrong_password`), or the account is suspended", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The identity is linked to another account, or this account has another identity at this provider (`identity_taken`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No sign-in waits in this browser, or it expired (ten minutes), or the account is gone", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts for this account from this address; retry after `Retry-After` seconds", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/auth/oidc/pending")]
pub async fn confirm_link(
    http: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<ConfirmLink>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    req.validate()?;
    let found = pending(&http, &state)?;
    let email = found.signed.email.clone();
    let client = state.ip_limits.client_bucket(&http);
    let lookup = email.clone();
    let (admitted, account) = db::run(&state.pool, move |conn| {
        let admitted = crate::auth::throttle::admit(conn, &lookup, &client)?;
        Ok((admitted, crate::auth::user::find_by_email(conn, &lookup)?))
    })
    .await?;
    let account = account
        .ok_or_else(|| ApiError::NotFound("The account with this e-mail no longer exists: sign in again.".into()))?;
    if !state.hasher.verify(req.password, Some(account.password_hash.clone())).await? {
        if let Some(until) = admitted.blocked_until_if_wrong {
            return Err(crate::auth::throttle::too_many(until));
        }
        return Err(ApiError::FieldForbidden {
            code: crate::resources::accounts::codes::WRONG_PASSWORD,
            errors: vec![crate::http::problem::FieldError::new(
                "password",
                "mismatch",
                "is not the account's password",
            )],
        });
    }
    if account.is_suspended() {
        return Err(ApiError::Forbidden("This account is suspended.".into()));
    }
    let trust = state.proconnect_trust_institutions;
    let signed = found.signed.clone();
    let client = state.ip_limits.client_bucket(&http);
    let user = db::transaction(&state.pool, move |conn| {
        crate::auth::throttle::clear(conn, &email, &client)?;
        let account =
            crate::auth::user::find_live_for_update(conn, account.id)?.ok_or_else(|| ApiError::not_found("Account"))?;
        queries::link(conn, account, &signed, trust)
    })
    .await?;
    let (token, expires_at) = start_session(&http, &state, &user, &found.signed).await?;
    Ok(HttpResponse::Ok()
        .cookie(crate::auth::cookie::holding(&token, expires_at, state.session_cookie_secure))
        .cookie(removal(&state, PENDING))
        .json(Session { token_type: None, access_token: None, expires_at, user: user.into() }))
}
