//! What every resource's handlers share: the one error type and its problem+json rendering,
//! the request extractors, keyset pages, lookups by id or key, list filters, validation, CSV and
//! Atom feeds.

pub mod address;
pub mod atom;
pub mod checks;
pub mod codes;
pub mod csv;
pub mod database_errors;
pub mod extract;
pub mod filters;
pub mod lookup;
pub mod page;
pub mod problem;
pub mod validation;

/// The answer to a DELETE of something that is archived once people contributed to it
/// (`db::archive`): 200 with the archived record, or 204 when it was deleted.
pub fn removed<T: serde::Serialize>(archived: Option<T>) -> actix_web::HttpResponse {
    match archived {
        Some(record) => actix_web::HttpResponse::Ok().json(record),
        None => actix_web::HttpResponse::NoContent().finish(),
    }
}
