//! Formats: the written method of a kind of forum, versioned. A format's versions are
//! published once and never changed; each forum records the version it followed, and the page
//! of a format shows what changed between two versions, word by word.

mod document;
mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::{FormatChoice, FormatContent, FormatRef, NewFormatRequest, NewVersionRequest, Question, QuestionKind};

/// Formats of forums.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
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
};
