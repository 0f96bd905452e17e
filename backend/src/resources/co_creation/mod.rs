//! Co-creating an action plan: the timeline of its co-creation (phases with dates and what
//! people can do in each), published at least 14 days before it starts or with a public reason,
//! and the phases' openings told to the plan's followers. Anyone reads; admins write.

mod calendar;
pub mod dto;
mod handlers;
pub mod model;
pub mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 422: a timeline published, or a phase of a published one set, to open less than 14
        /// days ahead without a reason.
        NOTICE_TOO_SHORT => ("notice_too_short", "Le calendrier doit être publié au moins 14 jours avant l'ouverture de la première phase, sauf raison indiquée."),
        /// 409: the timeline is already published.
        TIMELINE_PUBLISHED => ("timeline_published", "Le calendrier de ce plan est déjà publié."),
        /// 409: the timeline has no phase.
        TIMELINE_EMPTY => ("timeline_empty", "Ajoutez les phases du calendrier avant de le publier."),
        /// 409: the plan is not in preparation.
        NOT_IN_PREPARATION => ("not_in_preparation", "Ce plan d'action n'est pas en préparation."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`): the plan's, since
/// the timeline is part of the plan.
pub mod events {
    crate::event_types! {
        ACTION_PLAN_PHASE_ADDED => "action_plan.phase_added",
        ACTION_PLAN_PHASE_UPDATED => "action_plan.phase_updated",
        ACTION_PLAN_PHASE_REMOVED => "action_plan.phase_removed",
        ACTION_PLAN_TIMELINE_PUBLISHED => notifying "action_plan.timeline_published",
        ACTION_PLAN_PHASE_OPENED => notifying "action_plan.phase_opened",
    }
}

/// The co-creation timeline.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("co-creation", "Co-creating an action plan: its published timeline and phases")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::get_timeline)
            .service(handlers::timeline_calendar)
            .service(handlers::create_phase)
            .service(handlers::update_phase)
            .service(handlers::delete_phase)
            .service(handlers::publish_timeline);
    }),
    events: events::ALL,
    codes: codes::ALL,
    housekeeping: &[queries::announce_openings],
    ..crate::registry::Resource::NONE
};
