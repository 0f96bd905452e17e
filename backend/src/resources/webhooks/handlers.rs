//! `/webhooks`: an app (with an app token holding `webhooks`) manages its endpoints; signed in,
//! the account an app's tokens act for manages that app's endpoints (but does not register
//! them), and admins manage every endpoint.

use actix_web::{delete, get, patch, post, web, HttpRequest, HttpResponse};
use chrono::Utc;
use validator::Validate;

use super::dto::{
    NewWebhookEndpoint, SubjectFilter, WebhookEndpointPage, WebhookEndpointPatch, WebhookEndpointView,
    WebhookEndpointWithSecret, WebhookEventType,
};
use super::queries::{self, Endpoint, EndpointChanges, Manager, NewEndpoint, WebhookEndpointId};
use crate::auth::api_token::ApiTokenId;
use crate::auth::AuthUser;
use crate::db;
use crate::http::extract::AuthedBody;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult, ErrorCode, FieldError};
use crate::types::Role;
use crate::AppState;

/// Who manages what this request reaches: the app of its app token; signed in, an admin (every
/// endpoint) or anyone else (the endpoints of the apps whose tokens act for them).
pub(super) fn manager(auth: &AuthUser) -> ApiResult<Manager> {
    match (auth.app_token, &auth.token_scopes) {
        (Some(token), _) => Ok(Manager::App(token)),
        (None, None) if auth.acting_role() == Role::Admin => Ok(Manager::Admin),
        // An admin until a second factor is on, where one is required.
        (None, None) if auth.role == Role::Admin => Err(AuthUser::second_factor_missing()),
        (None, None) => Ok(Manager::Owner(auth.id)),
        _ => Err(ApiError::Forbidden(
            "Webhook endpoints are managed with an app token holding `webhooks`, or signed in.".into(),
        )),
    }
}

/// The event types asked for, as stored: each once; every type (stored empty) when `*` is
/// among them.
fn event_types(asked: &[WebhookEventType]) -> Vec<String> {
    if asked.iter().any(|t| t.0 == "*") {
        return Vec::new();
    }
    let mut types: Vec<String> = Vec::new();
    for t in asked {
        if !types.contains(&t.0) {
            types.push(t.0.clone());
        }
    }
    types
}

/// `raw` checked: its form (422, as the contract's pattern says), then what depends on the
/// deployment and the DNS (409 `webhook_url_refused`: scheme allowed here, credentials, the
/// addresses its host resolves to), off the executor.
async fn checked_url(raw: String) -> ApiResult<String> {
    let lower = raw.get(..8).unwrap_or(&raw).to_ascii_lowercase();
    if !lower.starts_with("http://") && !lower.starts_with("https://") {
        return Err(ApiError::field("url", "pattern", "A webhook URL starts with https:// (or http://)."));
    }
    let settings = crate::config::webhooks();
    web::block(move || super::address::check(&raw, &settings))
        .await
        .map_err(|_| ApiError::internal("URL check cancelled"))?
        .map(|u| u.to_string())
        .map_err(|(code, message)| ApiError::FieldConflict {
            code: super::codes::WEBHOOK_URL_REFUSED,
            errors: vec![FieldError::new("url", code, &message)],
        })
}

fn view(e: Endpoint) -> WebhookEndpointView {
    let now = Utc::now();
    WebhookEndpointView {
        id: e.id.get(),
        url: e.url,
        description: e.description,
        event_types: if e.event_types.is_empty() {
            vec![WebhookEventType("*".into())]
        } else {
            e.event_types.into_iter().map(WebhookEventType).collect()
        },
        subject: match (e.subject_kind, e.subject_key) {
            (Some(kind), Some(key)) => {
                crate::subjects::SubjectKind::parse(&kind).map(|kind| SubjectFilter { kind, key })
            }
            _ => None,
        },
        app_token_id: e.app_token_id.map(|t| t.get()),
        enabled: e.enabled,
        disabled_reason: e.disabled_reason,
        failing_since: e.failing_since,
        secret_rotating_until: e.previous_secret_until.filter(|until| *until > now),
        created_at: e.created_at,
        updated_at: e.updated_at,
    }
}

pub(super) fn not_found() -> ApiError {
    ApiError::not_found("Webhook endpoint")
}

/// Register an endpoint: from now on, each event of the types asked for (about the subject,
/// if one is given) is POSTed to it, signed per Standard Webhooks. The answer holds the signing
/// secret, shown this once.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    request_body = NewWebhookEndpoint,
    responses(
        (status = 201, description = "Registered: the secret is in `secret`, shown this once", body = WebhookEndpointWithSecret),
        (status = 403, description = "Neither an app token holding `webhooks` nor an admin (an app's owner manages its endpoints signed in, but the app registers them)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
        (status = 409, description = "The app already has 20 endpoints (`too_many_endpoints`); `subject` names no record (`unknown_reference`); the URL is refused here (`webhook_url_refused`, its `errors` naming why: `https_required`, `credentials_in_url`, `invalid_url`, `unresolvable_host`, `private_address`)", body = crate::http::problem::Problem, content_type = "application/problem+json",
            example = json!({
                "type": "https://opendetat.fr/problems/webhook_url_refused", "title": "Conflict", "status": 409,
                "code": "webhook_url_refused", "detail": "This URL cannot receive webhooks here.",
                "errors": [{"field": "url", "code": "private_address", "message": "The host \"10.0.0.7\" resolves to a loopback, private, link-local or otherwise reserved address, which webhooks may not call."}]
            })),
    )
)]
#[post("/webhooks")]
pub async fn create(
    state: web::Data<AppState>,
    auth: AuthUser,
    body: AuthedBody<NewWebhookEndpoint>,
) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    if let Manager::Owner(_) = manager {
        return Err(ApiError::Forbidden(
            "An app registers its endpoints with its own token (scope `webhooks`); admins register the platform's."
                .into(),
        ));
    }
    let req = body?.into_inner();
    req.validate()?;
    let types = event_types(&req.event_types);
    let url = checked_url(req.url.clone()).await?;
    let secret = super::sign::new_secret();
    let shown = secret.clone();
    let endpoint = db::transaction(&state.pool, move |conn| {
        let subject = match &req.subject {
            Some(s) => Some(crate::subjects::resolve(conn, s.kind, &s.key).map_err(|_| {
                ApiError::conflict_field(ErrorCode::UnknownReference, "subject.key", "unknown", "names no record")
            })?),
            None => None,
        };
        let app_token_id = match manager {
            Manager::App(token) => Some(token),
            Manager::Admin | Manager::Owner(_) => None,
        };
        // Serialised per app by the token's row, so that two registrations at once cannot pass
        // the cap together (the platform's cap is for admins only, who do not race themselves).
        if let Some(token) = app_token_id {
            use diesel::prelude::*;
            crate::db::schema::api_tokens::table
                .filter(crate::db::schema::api_tokens::id.eq(token))
                .select(crate::db::schema::api_tokens::id)
                .for_update()
                .first::<ApiTokenId>(conn)?;
        }
        if queries::count_of(conn, app_token_id)? >= queries::MAX_ENDPOINTS {
            return Err(ApiError::Conflict {
                code: super::codes::TOO_MANY_ENDPOINTS,
                detail: format!("At most {} endpoints per app: delete one first.", queries::MAX_ENDPOINTS),
            });
        }
        let endpoint = queries::insert(
            conn,
            &NewEndpoint {
                app_token_id,
                created_by: auth.id,
                url: &url,
                description: req.description.trim(),
                event_types: &types,
                subject_kind: subject.as_ref().map(|s| s.kind.as_str()),
                subject_ref: subject.as_ref().map(|s| s.ref_id),
                subject_key: subject.as_ref().map(|s| s.key.as_str()),
                secret: &secret,
            },
        )?;
        Ok(endpoint)
    })
    .await?;
    Ok(HttpResponse::Created().json(WebhookEndpointWithSecret { secret: shown, endpoint: view(endpoint) }))
}

/// The endpoints the caller manages (an app: its own; signed in, an admin: all; anyone else: those
/// of the apps whose tokens act for them), the newest first.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(PageParams),
    responses((status = 200, description = "A page of endpoints", body = WebhookEndpointPage))
)]
#[get("/webhooks")]
pub async fn list(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let rows = db::run(&state.read_pool, move |conn| {
        Ok(queries::list(conn, manager, after.map(WebhookEndpointId), limit + 1)?)
    })
    .await?;
    let (rows, next) = page::finish_page(rows, limit, |e| e.id.get());
    Ok(page::respond::<WebhookEndpointPage, _>(&req, rows.into_iter().map(view).collect(), next))
}

/// One endpoint the caller manages.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id")),
    responses((status = 200, description = "The endpoint", body = WebhookEndpointView))
)]
#[get("/webhooks/{id}")]
pub async fn get_one(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    let endpoint =
        db::transaction(&state.pool, move |conn| queries::find_managed(conn, id, manager)?.ok_or_else(not_found))
            .await?;
    Ok(HttpResponse::Ok().json(view(endpoint)))
}

/// Change an endpoint: its URL (checked as at registration), event types, description, or
/// whether it is on. Turning it on again clears why it was off and its failure streak.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id")),
    request_body = WebhookEndpointPatch,
    responses(
        (status = 200, description = "Changed", body = WebhookEndpointView),
        (status = 409, description = "The URL is refused here, as at registration (`webhook_url_refused`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/webhooks/{id}")]
pub async fn update(
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    body: AuthedBody<WebhookEndpointPatch>,
) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    let req = body?.into_inner();
    req.validate()?;
    let types = req.event_types.as_deref().map(event_types);
    let url = match req.url {
        Some(raw) => Some(checked_url(raw).await?),
        None => None,
    };
    let endpoint = db::transaction(&state.pool, move |conn| {
        let before = queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        let changes = EndpointChanges {
            url,
            description: req.description.map(|d| d.trim().to_string()),
            event_types: types,
            enabled: req.enabled,
            disabled_reason: req.enabled.map(|on| if on { None } else { Some("owner".to_string()) }),
            failing_since: req.enabled.filter(|on| *on).map(|_| None),
            ..Default::default()
        };
        Ok(queries::update(conn, &before, changes, super::events::ENDPOINT_UPDATED, Some(auth.id))?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view(endpoint)))
}

/// Delete an endpoint, with its delivery log: nothing more is sent to it.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id")),
    responses((status = 204, description = "Deleted"))
)]
#[delete("/webhooks/{id}")]
pub async fn remove(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    db::transaction(&state.pool, move |conn| {
        let endpoint = queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        Ok(queries::delete(conn, &endpoint, auth.id)?)
    })
    .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Rotate the signing secret: the answer holds the new one, shown this once. For 24 hours
/// both sign (`webhook-signature` then carries two signatures), so that the receiver can
/// switch without losing a message.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id")),
    responses((status = 200, description = "Rotated: the new secret is in `secret`", body = WebhookEndpointWithSecret))
)]
#[post("/webhooks/{id}/secret")]
pub async fn rotate_secret(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    let secret = super::sign::new_secret();
    let shown = secret.clone();
    let endpoint = db::transaction(&state.pool, move |conn| {
        let before = queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        let changes = EndpointChanges {
            previous_secret: Some(Some(before.secret.clone())),
            previous_secret_until: Some(Some(Utc::now() + queries::ROTATION_OVERLAP)),
            secret: Some(secret),
            ..Default::default()
        };
        Ok(queries::update(conn, &before, changes, super::events::SECRET_ROTATED, Some(auth.id))?)
    })
    .await?;
    Ok(HttpResponse::Ok().json(WebhookEndpointWithSecret { secret: shown, endpoint: view(endpoint) }))
}
