//! Institutions: ministries, agencies, local authorities and civil-society bodies as records.
//! Commitments name their lead and support institutions, officials speak for one, action items
//! may be owned by one; an institution's page gathers all of it.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use crate::resources::shared::refs::InstitutionRef;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        INSTITUTION_CREATED => "institution.created",
        INSTITUTION_UPDATED => "institution.updated",
    }
}

/// Institutions.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("institutions", "Ministries, agencies, local authorities and civil-society bodies")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_institutions)
            .service(handlers::create_institution)
            .service(handlers::get_institution)
            .service(handlers::update_institution);
    }),
    at_root: None,
    unique: &[
        ("institutions_slug_key", "Another institution already uses this slug."),
        ("institutions_name_key", "Another institution already has this name."),
    ],
    schemas: crate::schemas![],
    events: events::ALL,
    ..crate::registry::Resource::NONE
};
