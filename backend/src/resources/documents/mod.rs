//! Documents, by knowledge level (« découverte », « intermédiaire », « expert »): attached to
//! forums, formats, commitments, milestones and proposals; a link, or a file kept in the object
//! store (`storage`) with every earlier version, judged by its content, served so that a
//! browser runs nothing of it. Progress updates cite them as evidence. Anyone reads; officials
//! and admins write; admins remove.

pub mod content;
pub mod dto;
mod files;
pub mod handlers;
pub mod model;
pub mod queries;

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the file's content is none of the allowed types, whatever its name says.
        FILE_TYPE_NOT_ALLOWED => ("file_type_not_allowed", "Ce fichier n'est pas d'un type accepté (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, CSV ou texte), quel que soit son nom."),
        /// 409: a link that is not a URL, or leads to a local or private address.
        LINK_REFUSED => ("link_refused", "Ce lien mène à une adresse locale ou privée : donnez une adresse publique."),
        /// 409: a file is uploaded to a document that is a link.
        DOCUMENT_IS_LINK => ("document_is_link", "Ce document est un lien : modifiez son adresse."),
        /// 409: `stage` (before or after) is for a forum's documents.
        STAGE_FOR_FORUMS => ("stage_for_forums", "Seuls les documents d'un forum se lisent avant ou après lui."),
        /// 409: a link is given to a document that is a file.
        NOT_A_LINK => ("not_a_link", "Ce document est un fichier : déposez-en une nouvelle version."),
    }
}

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        DOCUMENT_ADDED => notifying "document.added",
        DOCUMENT_UPDATED => "document.updated",
        DOCUMENT_FILE_UPLOADED => notifying "document.file_uploaded",
        DOCUMENT_REMOVED => "document.removed",
    }
}

/// Documents.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "documents",
        "Documents by knowledge level, attached to forums, formats, commitments, milestones and proposals",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_forum_documents)
            .service(handlers::create_forum_document)
            .service(handlers::list_format_documents)
            .service(handlers::create_format_document)
            .service(handlers::list_commitment_documents)
            .service(handlers::create_commitment_document)
            .service(handlers::list_milestone_documents)
            .service(handlers::create_milestone_document)
            .service(handlers::list_proposal_documents)
            .service(handlers::create_proposal_document)
            .service(handlers::get_document)
            .service(handlers::update_document)
            .service(handlers::delete_document)
            .service(files::upload_file)
            .service(files::download_file)
            .service(files::download_version);
    }),
    events: events::ALL,
    codes: codes::ALL,
    ..crate::registry::Resource::NONE
};
