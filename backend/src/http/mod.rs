//! What every resource's handlers share: the one error type and its problem+json rendering,
//! the request extractors, keyset pages, lookups by id or key, list filters, and validation.

pub mod csv;
pub mod extract;
pub mod filters;
pub mod lookup;
pub mod page;
pub mod problem;
pub mod validation;

/// A resource, as the application sees it: its OpenAPI tags, its routes, and what a clash on
/// each of its unique constraints means to a client. `app::routes` lists every resource once.
pub struct Resource {
    /// `(name, description)` of each OpenAPI tag its operations use.
    pub tags: &'static [(&'static str, &'static str)],
    /// Registers its handlers under `/api/v1`.
    pub api_v1: Option<fn(&mut utoipa_actix_web::service_config::ServiceConfig)>,
    /// Registers its handlers at the root (probes).
    pub at_root: Option<fn(&mut utoipa_actix_web::service_config::ServiceConfig)>,
    /// `(constraint, detail)`: the 409 a client gets when a write breaks that constraint.
    pub unique: &'static [(&'static str, &'static str)],
    /// Schemas the contract needs that no route's types reach (types of query parameters,
    /// recursive fields): `http::schemas![TypeA, TypeB]`.
    pub schemas: fn() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)>,
}

/// The schemas of these types, for `Resource::schemas`.
#[macro_export]
macro_rules! schemas {
    ($($t:ty),* $(,)?) => {{
        fn collect() -> Vec<(String, utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>)> {
            #[allow(unused_mut)]
            let mut out = Vec::new();
            $(
                out.push((<$t as utoipa::ToSchema>::name().into_owned(), <$t as utoipa::PartialSchema>::schema()));
                <$t as utoipa::ToSchema>::schemas(&mut out);
            )*
            out
        }
        collect
    }};
}
