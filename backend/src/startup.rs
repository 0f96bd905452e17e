//! Builds the actix-web application (routes, limits, error handlers, middleware) and runs it.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer};
use utoipa::OpenApi;
use utoipa_actix_web::service_config::ServiceConfig;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::error::{self, ApiError};
use crate::{
    action_plans, auth, comments, commitments, forums, health, milestones, search, users, AppState,
};

/// Largest accepted JSON body. Comments are capped at 20,000 characters; nothing needs more.
pub const MAX_JSON_BODY: usize = 64 * 1024;

/// Every `/api/v1` route. Registering here is what puts a handler in the OpenAPI contract.
fn api_v1(cfg: &mut ServiceConfig) {
    cfg.service(auth::routes::register)
        .service(auth::routes::login)
        .service(auth::routes::get_me)
        .service(auth::routes::update_me)
        .service(action_plans::list_action_plans)
        .service(action_plans::create_action_plan)
        .service(action_plans::get_action_plan)
        .service(action_plans::update_action_plan)
        .service(action_plans::delete_action_plan)
        .service(commitments::routes::list_commitments)
        .service(commitments::routes::create_commitment)
        .service(commitments::routes::get_commitment)
        .service(commitments::routes::update_commitment)
        .service(commitments::routes::delete_commitment)
        .service(commitments::routes::restore_commitment)
        .service(milestones::routes::list_all_milestones)
        .service(milestones::routes::list_milestones)
        .service(milestones::routes::create_milestone)
        .service(milestones::routes::get_milestone)
        .service(milestones::routes::update_milestone)
        .service(milestones::routes::delete_milestone)
        .service(milestones::routes::restore_milestone)
        .service(forums::routes::list_forums)
        .service(forums::routes::create_forum)
        .service(forums::routes::get_forum)
        .service(forums::routes::update_forum)
        .service(forums::routes::delete_forum)
        .service(forums::routes::restore_forum)
        .service(comments::routes::list_forum_comments)
        .service(comments::routes::create_forum_comment)
        .service(comments::routes::list_commitment_comments)
        .service(comments::routes::create_commitment_comment)
        .service(comments::routes::list_milestone_comments)
        .service(comments::routes::create_milestone_comment)
        .service(comments::routes::list_recent_comments)
        .service(comments::routes::get_comment)
        .service(comments::routes::list_replies)
        .service(comments::routes::update_comment)
        .service(comments::routes::delete_comment)
        .service(comments::routes::moderate_comment)
        .service(search::search)
        .service(users::routes::get_user)
        .service(users::routes::list_users)
        .service(users::routes::update_user);
}

/// Paths and schemas collected from the registered handlers (no database needed).
pub fn collect_openapi() -> utoipa::openapi::OpenApi {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(crate::openapi::ApiDoc::openapi())
        .service(scope::scope("/api/v1").configure(api_v1))
        .service(health::healthz)
        .service(health::readyz)
        .split_for_parts();
    doc
}

/// The API's paths and the methods each answers, from the contract, so that a request no
/// route took can be told apart: a known path with another method (405 with `Allow`) or an
/// unknown path (404).
#[derive(Clone)]
struct RouteTable(std::sync::Arc<Vec<(actix_web::dev::ResourceDef, String)>>);

impl RouteTable {
    fn from_contract(doc: &utoipa::openapi::OpenApi) -> RouteTable {
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
                (
                    actix_web::dev::ResourceDef::new(path.as_str()),
                    methods.join(", "),
                )
            })
            .collect();
        RouteTable(std::sync::Arc::new(routes))
    }

    fn allowed(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(def, _)| def.is_match(path))
            .map(|(_, methods)| methods.as_str())
    }
}

/// The methods the contract has for the request's path, if it has the path.
pub(crate) fn allowed_methods(req: &HttpRequest) -> Option<String> {
    req.app_data::<RouteTable>()
        .and_then(|routes| routes.allowed(req.path()))
        .map(str::to_string)
}

/// The error for a request no route took: 405 naming `allow` when its path answers other
/// methods, 404 when there is no such path.
pub(crate) fn unmatched(req: &HttpRequest, allow: Option<String>) -> ApiError {
    let what = format!("{} {}", req.method(), req.path());
    match allow {
        Some(allow) => ApiError::MethodNotAllowed {
            detail: format!("{what} is not supported; this path answers {allow}."),
            allow,
        },
        None => ApiError::NotFound(format!("No route matches {what}.")),
    }
}

async fn not_found(req: HttpRequest) -> Result<HttpResponse, ApiError> {
    Err(unmatched(&req, allowed_methods(&req)))
}

pub fn run(
    listener: TcpListener,
    state: AppState,
    static_dir: Option<String>,
    security: crate::middleware::SecurityHeaders,
) -> std::io::Result<Server> {
    let state = web::Data::new(state);
    let doc = crate::openapi::document();
    let routes = RouteTable::from_contract(&doc);
    let static_dir = static_dir.filter(|d| std::path::Path::new(d).join("index.html").is_file());
    if let Some(dir) = &static_dir {
        log::info!("serving the web app from {dir}");
    }
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(state.clone())
            .app_data(routes.clone())
            .app_data(security.clone())
            .app_data(
                web::JsonConfig::default()
                    .limit(MAX_JSON_BODY)
                    .error_handler(error::json_error),
            )
            .app_data(web::QueryConfig::default().error_handler(error::query_error))
            .app_data(web::PathConfig::default().error_handler(error::path_error))
            .service(scope::scope("/api/v1").configure(api_v1))
            .service(health::healthz)
            .service(health::readyz)
            .split_for_parts();
        let app = app
            .service(SwaggerUi::new("/api/docs/{_:.*}").url("/api/openapi.json", doc.clone()))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header(("Location", "/api/docs/"))
                        .finish()
                }),
            )
            .service(web::scope("/api").default_service(web::to(not_found)));
        let app = match &static_dir {
            Some(dir) => app.service(spa_files(dir)),
            None => app,
        };
        // Also the default of the `/api/v1` scope: an unknown API path is a 404 (or 405)
        // problem whether or not the web app is served.
        app.default_service(web::to(not_found))
            .wrap(from_fn(crate::middleware::problems_for_bare_errors))
            .wrap(cors())
            .wrap(Compress::default())
            .wrap(from_fn(crate::middleware::request_id_and_log))
    })
    .shutdown_timeout(25)
    .listen(listener)?
    .run();
    Ok(server)
}

/// Third-party web apps may call the API from any origin. Credentials are bearer tokens the
/// app sends explicitly (never cookies), so allowing every origin exposes nothing ambient.
fn cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([
            actix_web::http::header::AUTHORIZATION,
            actix_web::http::header::CONTENT_TYPE,
        ])
        .expose_headers(["Link", "Retry-After", "X-Request-Id", "Location"])
        .max_age(3600)
}

/// The built single-page app, with history fallback: unknown paths get `index.html` so the
/// client router can take them.
fn spa_files(dir: &str) -> actix_files::Files {
    let index = std::path::Path::new(dir).join("index.html");
    actix_files::Files::new("/", dir)
        .index_file("index.html")
        .default_handler(web::to(move |req: HttpRequest| {
            let index = index.clone();
            async move {
                actix_files::NamedFile::open_async(index)
                    .await
                    .map(|f| f.into_response(&req))
            }
        }))
}
