//! Formats: the written method of a kind of forum, versioned. A format's versions are
//! published once and never changed; each forum records the version it followed, and the page
//! of a format shows what changed between two versions, word by word.

mod document;
mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::{FormatChoice, FormatContent, FormatRef, NewFormatRequest, NewVersionRequest, Question, QuestionKind};

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: a new version must be written from the latest one, and another was published
        /// since the one it was written from.
        STALE_VERSION => ("stale_version", "Une version plus récente a été publiée depuis celle que vous avez modifiée : relisez-la et reportez vos changements."),
        /// 409: a published format version never changes; publish a new one.
        VERSION_PUBLISHED => ("version_published", "Une version publiée ne change plus : publiez une nouvelle version avec une note de changement."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        FORMAT_CREATED => "format.created",
        FORMAT_UPDATED => "format.updated",
        FORMAT_VERSION_PUBLISHED => "format.version_published",
    }
}

/// Formats of forums.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "formats",
        "Forum formats: the written method of a kind of forum, in versions that never change once published",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_formats)
            .service(handlers::create_format)
            .service(handlers::compare_versions)
            .service(handlers::publish_version)
            .service(handlers::get_version)
            .service(handlers::change_version)
            .service(handlers::get_format)
            .service(handlers::update_format);
    }),
    at_root: None,
    unique: &[
        ("formats_slug_key", "Another format already uses this slug."),
        (
            "format_versions_number_key",
            "Another version with this number was published at the same time; read the format again.",
        ),
    ],
    schemas: crate::schemas![],
    events: events::ALL,
    codes: codes::ALL,
    change_feed: Some("format"),
    record: Some(&RECORD),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /formats/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/formats/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, &id.to_string())?;
    crate::registry::json(queries::present(conn, row)?)
}
