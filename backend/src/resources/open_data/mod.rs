//! Open data: every public record the platform holds, as datasets to download whole (CSV and
//! JSON Lines, streamed a batch at a time), with their catalogue and a Frictionless data
//! package (Licence Ouverte / Etalab 2.0). Reads only, and only what is public.

mod co_creation;
pub mod datasets;
mod dcat;
mod dto;
mod fields;
mod handlers;
mod ogp;
pub mod queries;
mod rows;

/// Open data.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "open-data",
        "Open data: every dataset as CSV and JSON Lines, its catalogue and its Frictionless data package (Licence Ouverte / Etalab 2.0)",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::open_data_catalogue)
            .service(handlers::open_data_dcat)
            .service(handlers::open_data_package)
            .service(handlers::download_dataset_csv)
            .service(handlers::download_dataset_jsonl);
    }),
    schemas: crate::schemas![dto::DatasetName],
    ..crate::registry::Resource::NONE
};
