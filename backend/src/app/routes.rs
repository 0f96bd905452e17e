//! The routes of every resource (`resources::RESOURCES`): `/api/v1` and the probes at the root.

use std::collections::BTreeSet;
use std::sync::Arc;

use actix_web::guard::{Guard, GuardContext};
use actix_web::App;
use percent_encoding::percent_decode_str;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};

pub use crate::resources::RESOURCES;

/// Every `/api/v1` route. Registering here is what puts a handler in the OpenAPI contract.
pub fn api_v1(cfg: &mut ServiceConfig) {
    for resource in RESOURCES {
        if let Some(configure) = resource.api_v1 {
            configure(cfg);
        }
    }
}

/// The `/api/v1` routes as the server matches them: one scope per first segment of their paths
/// (`me`, `forums`, `auth`…), entered only by requests whose path starts with it, and holding
/// the resources that declare a route under it (in `RESOURCES` order, so routes that share a
/// segment keep their order). The contract is the same as `api_v1`'s.
///
/// Why: actix tries a scope's routes one after the other, and each dynamic route it tries runs
/// a regex with captures (an allocation and a search) even when the path's first segment
/// already rules it out. In one scope of 219 routes, a request for a route registered late —
/// the unread count every page of the web app asks for — paid for the ones before it: a
/// quarter of the server's time on that request (`bench/README.md`, "Routes by first segment,
/// and the session lookup prepared").
#[derive(Clone)]
pub struct ApiGroups(Arc<[ApiGroup]>);

struct ApiGroup {
    segment: Arc<str>,
    resources: Vec<fn(&mut ServiceConfig)>,
}

impl ApiGroups {
    /// Groups the resources by the first segments of their paths, read from the contract each
    /// one's routes make.
    pub fn from_resources() -> Self {
        let mut groups: Vec<ApiGroup> = Vec::new();
        for configure in RESOURCES.iter().filter_map(|r| r.api_v1) {
            let (_, doc) =
                App::new().into_utoipa_app().service(scope::scope(API_V1).configure(configure)).split_for_parts();
            let segments: BTreeSet<&str> = doc.paths.paths.keys().filter_map(|path| first_segment(path)).collect();
            for segment in segments {
                // A request's first segment picks its group: a route whose path began with a
                // parameter would be in no group a request can enter.
                assert!(!segment.starts_with('{'), "/api/v1/{segment}…: a path must begin with a fixed segment");
                match groups.iter_mut().find(|g| &*g.segment == segment) {
                    Some(group) => group.resources.push(configure),
                    None => groups.push(ApiGroup { segment: segment.into(), resources: vec![configure] }),
                }
            }
        }
        ApiGroups(groups.into())
    }

    /// Registers one `/api/v1` scope per group.
    pub fn configure(&self, cfg: &mut ServiceConfig) {
        for group in self.0.iter() {
            let resources = group.resources.clone();
            cfg.service(scope::scope(API_V1).guard(FirstSegment(group.segment.clone())).configure(move |cfg| {
                for configure in resources {
                    configure(cfg);
                }
            }));
        }
    }
}

const API_V1: &str = "/api/v1";

/// The first segment after `/api/v1/` (`me` in `/api/v1/me/notifications`).
fn first_segment(path: &str) -> Option<&str> {
    path.strip_prefix(API_V1)?.strip_prefix('/')?.split('/').next()
}

/// Lets a request into a group's scope when its path's first segment is the group's. The
/// segment is compared decoded, as actix's router compares paths (`/api/v1/m%65/…` is `me`'s).
struct FirstSegment(Arc<str>);

impl Guard for FirstSegment {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        match first_segment(ctx.head().uri.path()) {
            Some(segment) if segment.contains('%') => {
                percent_decode_str(segment).decode_utf8().is_ok_and(|decoded| *decoded == *self.0)
            }
            Some(segment) => segment == &*self.0,
            None => false,
        }
    }
}

/// The routes outside `/api/v1` (probes).
pub fn at_root(cfg: &mut ServiceConfig) {
    for resource in RESOURCES {
        if let Some(configure) = resource.at_root {
            configure(cfg);
        }
    }
}

/// Every resource's unique constraints, for the 409s (`http::problem`).
pub fn unique_constraints() -> impl Iterator<Item = (&'static str, &'static str)> {
    RESOURCES.iter().flat_map(|r| r.unique.iter().copied())
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn enters(segment: &str, uri: &str) -> bool {
        FirstSegment(segment.into()).check(&TestRequest::with_uri(uri).to_srv_request().guard_ctx())
    }

    #[test]
    fn a_request_enters_the_group_of_its_first_segment_only() {
        assert!(enters("me", "/api/v1/me/notifications/unread-count"));
        assert!(enters("me", "/api/v1/me"));
        assert!(enters("me", "/api/v1/me?x=1"));
        assert!(enters("me", "/api/v1/m%65/notifications"), "compared decoded, as the router compares");
        assert!(!enters("me", "/api/v1/mentions"));
        assert!(!enters("me", "/api/v1/forums/me"));
        assert!(!enters("me", "/api/v2/me"));
        assert!(!enters("me", "/me"));
        assert!(!enters("me", "/api/v1/%FF"));
    }

    #[test]
    fn every_path_of_the_contract_is_in_the_group_of_its_first_segment() {
        crate::registry::install(RESOURCES);
        let groups = ApiGroups::from_resources();
        let (_, contract) =
            App::new().into_utoipa_app().service(scope::scope(API_V1).configure(api_v1)).split_for_parts();
        let mut seen = 0;
        for group in groups.0.iter() {
            assert_eq!(groups.0.iter().filter(|g| g.segment == group.segment).count(), 1, "one group per segment");
            let resources = group.resources.clone();
            let (_, doc) = App::new()
                .into_utoipa_app()
                .service(scope::scope(API_V1).configure(move |cfg| resources.into_iter().for_each(|f| f(cfg))))
                .split_for_parts();
            for path in contract.paths.paths.keys().filter(|p| first_segment(p) == Some(&*group.segment)) {
                assert!(
                    doc.paths.paths.get(path) == contract.paths.paths.get(path),
                    "{path}: its group lacks its operations"
                );
                seen += 1;
            }
        }
        assert_eq!(seen, contract.paths.paths.len(), "every /api/v1 path has its group");
    }
}
