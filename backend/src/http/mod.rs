//! What every resource's handlers share: the one error type and its problem+json rendering,
//! the request extractors, keyset pages, lookups by id or key, list filters, validation and CSV.

pub mod csv;
pub mod extract;
pub mod filters;
pub mod lookup;
pub mod page;
pub mod problem;
pub mod validation;
