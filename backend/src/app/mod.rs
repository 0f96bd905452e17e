//! The actix-web application: the route table (`routes`), the contract (`openapi`), what no
//! route takes (`fallback`), the edge middleware (`middleware`), and `run`, which builds and
//! starts the server.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpResponse, HttpServer};
use utoipa::OpenApi;
use utoipa_actix_web::{scope, AppExt};
use utoipa_swagger_ui::SwaggerUi;

use crate::http::problem;
use crate::AppState;

pub mod caching;
pub mod fallback;
pub mod middleware;
pub mod openapi;
mod rate_limit;
mod request_rules;
pub mod routes;
mod session_cookie;
mod spa;

use fallback::{not_found, RouteTable};

/// Largest accepted JSON body. Comments are capped at 20,000 characters; nothing needs more.
pub const MAX_JSON_BODY: usize = 64 * 1024;

/// Paths and schemas collected from the registered handlers (no database needed).
pub fn collect_openapi() -> utoipa::openapi::OpenApi {
    let (_, doc) = App::new()
        .into_utoipa_app()
        .openapi(openapi::ApiDoc::openapi())
        .service(scope::scope("/api/v1").configure(routes::api_v1))
        .configure(routes::at_root)
        .split_for_parts();
    doc
}

pub fn run(
    listener: TcpListener,
    state: AppState,
    static_dir: Option<String>,
    security: middleware::SecurityHeaders,
) -> std::io::Result<Server> {
    problem::register_unique_constraints(routes::unique_constraints());
    // Once per process (a second server in the same process keeps the first one's headers).
    actix_http::h1::set_dispatcher_headers(security.for_refusals());
    let state = web::Data::new(state);
    rate_limit::share_counts_in_background(state.clone());
    let doc = openapi::document();
    let routes = RouteTable::from_contract(&doc);
    let scopes = crate::auth::scope::RouteScopes::from_contract(&doc);
    // The contract is served as bytes serialised once and shared by every worker: a copy of the
    // document per worker (what `SwaggerUi::url` keeps) costs megabytes of resident memory.
    let contract = web::Bytes::from(serde_json::to_vec(&doc).expect("OpenAPI document serialises"));
    let caching = caching::Caching::from_contract(&doc, &contract);
    drop(doc);
    let api_groups = routes::ApiGroups::from_resources();
    let static_dir = static_dir.filter(|d| std::path::Path::new(d).join("index.html").is_file());
    if let Some(dir) = &static_dir {
        log::info!("serving the web app from {dir}");
    }
    let server = HttpServer::new(move || {
        let (app, _) = App::new()
            .into_utoipa_app()
            .app_data(state.clone())
            .app_data(routes.clone())
            .app_data(scopes.clone())
            .app_data(security.clone())
            .app_data(caching.clone())
            .app_data(web::JsonConfig::default().limit(MAX_JSON_BODY).error_handler(problem::json_error))
            .app_data(web::QueryConfig::default().error_handler(problem::query_error))
            .app_data(web::PathConfig::default().error_handler(problem::path_error))
            .configure(|cfg| api_groups.configure(cfg))
            .configure(routes::at_root)
            .split_for_parts();
        let app = app
            .route(
                "/api/openapi.json",
                web::get().to({
                    let contract = contract.clone();
                    move || {
                        let contract = contract.clone();
                        async move { HttpResponse::Ok().content_type("application/json").body(contract) }
                    }
                }),
            )
            .service(SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::new(["/api/openapi.json"])))
            .route(
                "/api/docs",
                web::get().to(|| async {
                    HttpResponse::PermanentRedirect().insert_header(("Location", "/api/docs/")).finish()
                }),
            )
            .service(web::scope("/api").default_service(web::to(not_found)));
        let app = match &static_dir {
            Some(dir) => app.service(spa::files(dir)),
            None => app,
        };
        // Also the default of the `/api/v1` scope: an unknown API path is a 404 (or 405)
        // problem whether or not the web app is served.
        app.default_service(web::to(not_found))
            .wrap(from_fn(middleware::problems_for_bare_errors))
            // Inside CORS and compression: a 304 carries CORS headers, and the tag it compares
            // is the one of the encoding compression will choose (`caching::entity_tag`).
            .wrap(from_fn(caching::conditional_get))
            // Outside the cache check: a 304 counts, and says where the client stands.
            .wrap(from_fn(rate_limit::limit))
            // Outside the rate limits and the cache check: a request with the web app's session
            // cookie is, for them, a request with its bearer token.
            .wrap(from_fn(session_cookie::bearer_from_cookie))
            .wrap(cors())
            .wrap(Compress::default())
            .wrap(from_fn(middleware::request_id_and_log))
    })
    .shutdown_timeout(25)
    // `cli::serve` handles SIGTERM and SIGINT: it closes the streams first.
    .disable_signals()
    .listen(listener)?
    .run();
    Ok(server)
}

/// Third-party web apps may call the API from any origin. Credentials are bearer tokens the
/// app sends explicitly (never cookies: no `Access-Control-Allow-Credentials`), so allowing
/// every origin exposes nothing ambient. Apps may revalidate (`If-None-Match`, `ETag`) and read
/// the rate-limit fields; a preflight is cached for a day (browsers cap it lower: Chromium at
/// two hours, Firefox at one day).
fn cors() -> actix_cors::Cors {
    use actix_web::http::header;
    actix_cors::Cors::default()
        .allow_any_origin()
        .allowed_methods(["GET", "POST", "PUT", "PATCH", "DELETE"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_NONE_MATCH])
        .expose_headers(["Link", "Retry-After", "X-Request-Id", "Location", "ETag", "RateLimit", "RateLimit-Policy"])
        .max_age(86400)
}
