//! `/webhooks/{id}/…`: what was sent to an endpoint — a test message on demand, the delivery
//! log, a message sent again. Who may: as for the endpoint itself (`handlers::manager`).

use actix_web::{get, post, web, HttpRequest, HttpResponse};

use super::dispatch;
use super::dto::{QueuedDelivery, WebhookAttemptPage, WebhookAttemptView};
use super::handlers::{manager, not_found};
use super::queries::{self, WebhookDeliveryId, WebhookEndpointId};
use crate::auth::AuthUser;
use crate::db;
use crate::http::page::{self, PageParams};
use crate::http::problem::{ApiError, ApiResult};
use crate::AppState;

/// Send a test message (`webhook.test`) now, to check the receiver: it shows in the delivery
/// log like any other.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id")),
    responses(
        (status = 202, description = "Queued", body = QueuedDelivery),
        (status = 409, description = "The endpoint is off (`webhook_disabled`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/test")]
pub async fn send_test(state: web::Data<AppState>, auth: AuthUser, id: web::Path<i64>) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    let (delivery, message_id) = db::transaction(&state.pool, move |conn| {
        let endpoint = queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        if !endpoint.enabled {
            return Err(disabled());
        }
        Ok(dispatch::queue_test(conn, &endpoint)?)
    })
    .await?;
    Ok(HttpResponse::Accepted().json(QueuedDelivery { delivery_id: delivery.get(), message_id }))
}

fn disabled() -> ApiError {
    ApiError::Conflict {
        code: super::codes::WEBHOOK_DISABLED,
        detail: "This endpoint is off: turn it on first.".into(),
    }
}

/// The endpoint's delivery log: every attempt, the newest first, kept 30 days.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id"), PageParams),
    responses((status = 200, description = "A page of attempts", body = WebhookAttemptPage))
)]
#[get("/webhooks/{id}/attempts")]
pub async fn attempts(
    req: HttpRequest,
    state: web::Data<AppState>,
    auth: AuthUser,
    id: web::Path<i64>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let id = WebhookEndpointId(id.into_inner());
    let limit = page.limit()?;
    let after: Option<i64> = page.cursor()?;
    let rows = db::transaction(&state.pool, move |conn| {
        queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        Ok(queries::attempts(conn, id, after, limit + 1)?)
    })
    .await?;
    let (rows, next) = page::finish_page(rows, limit, |a| a.id);
    let items = rows
        .into_iter()
        .map(|a| WebhookAttemptView {
            id: a.id,
            delivery_id: a.delivery_id.get(),
            message_id: a.message_id,
            event_type: a.event_type,
            at: a.at,
            attempt: a.attempt,
            status_code: a.status_code,
            duration_ms: a.duration_ms,
            error: a.error,
            delivery_state: a.delivery_state,
        })
        .collect();
    Ok(page::respond::<WebhookAttemptPage, _>(&req, items, next))
}

/// Send a message again now (its next attempt), whatever became of it: the same `webhook-id`
/// and body, signed anew.
#[utoipa::path(
    tag = "webhooks",
    security(("bearer" = ["webhooks"])),
    params(("id" = i64, Path, description = "Endpoint id"), ("delivery" = i64, Path, description = "Delivery id")),
    responses(
        (status = 202, description = "Queued", body = QueuedDelivery),
        (status = 409, description = "The endpoint is off (`webhook_disabled`)", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[post("/webhooks/{id}/deliveries/{delivery}/resend")]
pub async fn resend(
    state: web::Data<AppState>,
    auth: AuthUser,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    let manager = manager(&auth)?;
    let (id, delivery) = path.into_inner();
    let (id, delivery) = (WebhookEndpointId(id), WebhookDeliveryId(delivery));
    let queued = db::transaction(&state.pool, move |conn| {
        let endpoint = queries::find_managed(conn, id, manager)?.ok_or_else(not_found)?;
        if !endpoint.enabled {
            return Err(disabled());
        }
        let delivery = queries::find_delivery(conn, id, delivery)?.ok_or_else(|| ApiError::not_found("Delivery"))?;
        queries::resend(conn, &delivery)?;
        Ok(QueuedDelivery { delivery_id: delivery.id.get(), message_id: delivery.message_id })
    })
    .await?;
    Ok(HttpResponse::Accepted().json(queued))
}
