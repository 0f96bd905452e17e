//! Webhooks, per the Standard Webhooks specification: apps (with an app token holding
//! `webhooks`) and admins register endpoints; each event of a public record they asked for is
//! POSTed to them, signed, retried for about three days, with a delivery log. How events reach
//! endpoints is in `dispatch` (a consumer of the event log) and `delivery` (one job per
//! message); what addresses may be called, in `address`.

mod address;
mod deliveries;
mod delivery;
mod dispatch;
mod dto;
mod handlers;
mod queries;
mod sign;

/// The events this resource's writes record: private (never in the change feed nor sent to
/// webhooks), audited.
pub mod events {
    crate::event_types! {
        ENDPOINT_CREATED => private "webhook_endpoint.created",
        ENDPOINT_UPDATED => private "webhook_endpoint.updated",
        ENDPOINT_DISABLED => private "webhook_endpoint.disabled",
        SECRET_ROTATED => private "webhook_endpoint.secret_rotated",
        ENDPOINT_DELETED => private "webhook_endpoint.deleted",
    }
}

/// The problem codes of this resource.
pub mod codes {
    crate::problem_codes! {
        /// 409: a test or a resend for an endpoint that is off.
        WEBHOOK_DISABLED => ("webhook_disabled", "Ce point de réception est désactivé : réactivez-le d'abord."),
        /// 409: an app (or the platform) already has `queries::MAX_ENDPOINTS` endpoints.
        TOO_MANY_ENDPOINTS => ("too_many_endpoints", "Trop de points de réception : supprimez-en un d'abord."),
        /// 409: a URL this deployment will not call (its `errors` say why: `private_address`…).
        WEBHOOK_URL_REFUSED => ("webhook_url_refused", "Cette adresse ne peut pas recevoir de webhooks ici."),
    }
}

/// Webhooks.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "webhooks",
        "Webhooks (Standard Webhooks): endpoints registered by apps and admins, signed deliveries, retries, the delivery log",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list)
            .service(handlers::create)
            .service(handlers::get_one)
            .service(handlers::update)
            .service(handlers::remove)
            .service(handlers::rotate_secret)
            .service(deliveries::send_test)
            .service(deliveries::attempts)
            .service(deliveries::resend);
    }),
    schemas: crate::schemas![],
    events: events::ALL,
    codes: codes::ALL,
    jobs: &[
        crate::jobs::worker::JobKind { kind: dispatch::DISPATCH_JOB, run: dispatch::run_dispatch, routine: true },
        crate::jobs::worker::JobKind { kind: delivery::DELIVERY_JOB, run: delivery::run_delivery, routine: false },
    ],
    housekeeping: &[dispatch::housekeeping],
    ..crate::registry::Resource::NONE
};
