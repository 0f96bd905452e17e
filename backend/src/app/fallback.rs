//! What no route takes: a known path with another method (405 with `Allow`, from the
//! contract) or an unknown path (404), both as problems.

use actix_web::{HttpRequest, HttpResponse};

use crate::http::problem::ApiError;

/// The API's paths and the methods each answers, from the contract, so that a request no
/// route took can be told apart: a known path with another method (405 with `Allow`) or an
/// unknown path (404).
#[derive(Clone)]
pub struct RouteTable(std::sync::Arc<Vec<(actix_web::dev::ResourceDef, String)>>);

impl RouteTable {
    pub fn from_contract(doc: &utoipa::openapi::OpenApi) -> RouteTable {
        let routes = doc
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let mut methods: Vec<&str> = Vec::new();
                let ops = [
                    ("GET", &item.get),
                    ("POST", &item.post),
                    ("PUT", &item.put),
                    ("PATCH", &item.patch),
                    ("DELETE", &item.delete),
                ];
                for (name, op) in ops {
                    if op.is_some() {
                        methods.push(name);
                    }
                    if name == "GET" && op.is_some() {
                        // Every GET route answers HEAD too (see `middleware::request_id_and_log`).
                        methods.push("HEAD");
                    }
                }
                (actix_web::dev::ResourceDef::new(path.as_str()), methods.join(", "))
            })
            .collect();
        RouteTable(std::sync::Arc::new(routes))
    }

    fn allowed(&self, path: &str) -> Option<&str> {
        self.0.iter().find(|(def, _)| def.is_match(path)).map(|(_, methods)| methods.as_str())
    }
}

/// The methods the contract has for the request's path, if it has the path.
pub(crate) fn allowed_methods(req: &HttpRequest) -> Option<String> {
    req.app_data::<RouteTable>().and_then(|routes| routes.allowed(req.path())).map(str::to_string)
}

/// The error for a request no route took: 405 naming `allow` when its path answers other
/// methods, 404 when there is no such path.
pub(crate) fn unmatched(req: &HttpRequest, allow: Option<String>) -> ApiError {
    let what = format!("{} {}", req.method(), req.path());
    match allow {
        Some(allow) => {
            ApiError::MethodNotAllowed { detail: format!("{what} is not supported; this path answers {allow}."), allow }
        }
        None => ApiError::NotFound(format!("No route matches {what}.")),
    }
}

pub async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(unmatched(&req, allowed_methods(&req)))
}
