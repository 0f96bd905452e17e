//! The forums as an Atom feed: new and changed forums, the most recently changed first, for
//! people and portals that follow what the platform announces.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::db;
use crate::db::schema::forums;
use crate::http::atom::{self, FeedEntry, FeedHead};
use crate::http::problem::ApiResult;
use crate::types::{ForumStatus, Locale};
use crate::AppState;

/// One forum as its entry shows it.
type FeedForum = (i64, String, String, Option<String>, String, ForumStatus, Locale, DateTime<Utc>, DateTime<Utc>);

/// What people call a forum's state.
fn status_fr(status: ForumStatus) -> &'static str {
    match status {
        ForumStatus::Planned => "Annoncé",
        ForumStatus::Open => "Inscriptions ouvertes",
        ForumStatus::Held => "Tenu",
        ForumStatus::Cancelled => "Annulé",
    }
}

fn entry(site: &str, f: FeedForum) -> FeedEntry {
    let (id, slug, title, description_html, starts, status, lang, created_at, updated_at) = f;
    let when = format!("<p>{} — {starts} (heure de Paris)</p>", status_fr(status));
    FeedEntry {
        id: format!("{site}/api/v1/forums/{id}"),
        title,
        link: format!("{site}/forums/{slug}"),
        published: created_at,
        updated: updated_at,
        author: "Open d'État".into(),
        // The description's HTML is rendered from markdown and sanitised when written.
        html: format!("{when}{}", description_html.unwrap_or_default()),
        lang: Some(lang.as_str()),
    }
}

/// New and changed forums as an Atom 1.0 feed (RFC 4287): the 50 most recently created or
/// changed (archived ones aside), each with its state, its start in Paris time and its
/// description. A forum that changes (new date, cancelled) comes back to the top with a new
/// `updated`.
#[utoipa::path(
    tag = "forums",
    responses((status = 200, description = "An Atom 1.0 feed (RFC 4287)", body = String, content_type = "application/atom+xml"))
)]
#[get("/forums.atom")]
pub async fn forums_feed(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let site = state.public_url.trim_end_matches('/').to_string();
    let url = format!("{site}{}", req.path());
    let rows: Vec<FeedForum> = db::run(&state.read_pool, move |conn| {
        Ok(forums::table
            .filter(forums::archived_at.is_null())
            .order((forums::updated_at.desc(), forums::id.desc()))
            .limit(atom::ENTRIES)
            .select((
                forums::id,
                forums::slug,
                forums::title,
                forums::description_html,
                sql::<Text>("to_char(forums.starts_at AT TIME ZONE 'Europe/Paris', 'DD/MM/YYYY HH24:MI')"),
                forums::status,
                forums::lang,
                forums::created_at,
                forums::updated_at,
            ))
            .load(conn)?)
    })
    .await?;
    let head = FeedHead {
        url,
        title: "Open d'État — Forums".into(),
        page: format!("{site}/forums"),
        since: rows.iter().map(|r| r.7).min().unwrap_or(DateTime::UNIX_EPOCH),
    };
    Ok(atom::respond(atom::render(head, rows.into_iter().map(|f| entry(&site, f)).collect())))
}
