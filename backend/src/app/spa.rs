//! The built web app, served at `/`: its files, and `index.html` for the pages its router
//! takes. A missing file (a stale bundle's `/assets/…` after a deploy, `/favicon.png`) is a 404,
//! never the page's HTML served as JavaScript; a path that is no page of the app gets the app's
//! own "page introuvable" with a 404 status and `X-Robots-Tag: noindex`. The app's pages come
//! from `routes.json`, which the web app's build writes beside `index.html` (its route table);
//! without it, every path is a page (200), as before the table existed.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::dev::ResourceDef;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};

/// The app's pages, from its route table (`/forums/:slug` → `/forums/{slug}`).
#[derive(Clone)]
struct Pages(Option<Arc<Vec<ResourceDef>>>);

impl Pages {
    fn read(dir: &str) -> Pages {
        let path = Path::new(dir).join("routes.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            log::warn!("{} is missing: every path is served as a page of the web app (200)", path.display());
            return Pages(None);
        };
        match serde_json::from_str::<Vec<String>>(&text) {
            Ok(patterns) => {
                Pages(Some(Arc::new(patterns.iter().map(|p| ResourceDef::new(actix_pattern(p))).collect())))
            }
            Err(e) => {
                log::warn!("{} is not a list of paths ({e}): every path is served as a page", path.display());
                Pages(None)
            }
        }
    }

    /// Whether `path` is one of the app's pages (`true` when the app gave no table).
    fn has(&self, path: &str) -> bool {
        match &self.0 {
            None => true,
            Some(defs) => defs.iter().any(|d| d.is_match(path)),
        }
    }
}

/// A router path (`/forums/:slug`, `/admin/*`) as actix writes it (`/forums/{slug}`,
/// `/admin/{tail}*`).
fn actix_pattern(route: &str) -> String {
    route
        .split('/')
        .map(|segment| match segment {
            "*" => "{tail}*".to_string(),
            s if s.starts_with(':') => format!("{{{}}}", s.trim_start_matches(':').trim_end_matches('?')),
            s => s.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a path names a file rather than a page: under the build's asset folders, or with an
/// extension in its last segment.
fn names_a_file(path: &str) -> bool {
    path.starts_with("/assets/")
        || path.starts_with("/dsfr/")
        || path.rsplit('/').next().is_some_and(|last| last.contains('.'))
}

/// The app's files, and its pages through `index.html`.
pub fn files(dir: &str) -> actix_files::Files {
    let index: PathBuf = Path::new(dir).join("index.html");
    let pages = Pages::read(dir);
    actix_files::Files::new("/", dir).index_file("index.html").default_handler(web::to(move |req: HttpRequest| {
        let (index, pages) = (index.clone(), pages.clone());
        async move {
            let path = req.path().to_string();
            if names_a_file(&path) {
                return Ok(crate::http::problem::bare_problem(StatusCode::NOT_FOUND, &format!("no file {path}")));
            }
            let mut page = actix_files::NamedFile::open_async(index).await?.into_response(&req);
            if !pages.has(&path) {
                // The app shows its own "page introuvable"; the status says so to crawlers and tools.
                *page.status_mut() = StatusCode::NOT_FOUND;
                page.headers_mut().insert(
                    actix_web::http::header::HeaderName::from_static("x-robots-tag"),
                    actix_web::http::header::HeaderValue::from_static("noindex"),
                );
            }
            Ok::<HttpResponse, actix_web::Error>(page)
        }
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn router_paths_become_actix_patterns() {
        assert_eq!(actix_pattern("/forums/:slug"), "/forums/{slug}");
        assert_eq!(actix_pattern("/admin/*"), "/admin/{tail}*");
        assert!(ResourceDef::new(actix_pattern("/forums/:slug")).is_match("/forums/mon-forum"));
        assert!(!ResourceDef::new(actix_pattern("/forums/:slug")).is_match("/forums/a/b"));
        assert!(ResourceDef::new(actix_pattern("/admin/*")).is_match("/admin/forums/3"));
    }

    #[test]
    fn files_are_told_from_pages() {
        assert!(names_a_file("/assets/nope.js"));
        assert!(names_a_file("/favicon.png"));
        assert!(!names_a_file("/forums/mon-forum"));
    }
}
