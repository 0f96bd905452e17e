//! A commitment's progress updates as an Atom feed: what its institutions report on its
//! milestones, the most recently posted first (corrections included, as the log keeps them).

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::prelude::*;

use super::dto::EvidenceLink;
use super::queries::ProgressRow;
use crate::db;
use crate::db::schema::{milestones, progress_updates};
use crate::http::atom::{self, FeedEntry, FeedHead};
use crate::http::problem::ApiResult;
use crate::markdown::escape;
use crate::resources::commitments::queries as commitment_queries;
use crate::types::Completion;
use crate::AppState;

/// OGP's completion levels as the French interface names them.
fn completion_fr(c: Completion) -> &'static str {
    match c {
        Completion::NoEvidence => "aucune donnée",
        Completion::NotStarted => "non commencé",
        Completion::Limited => "limité",
        Completion::Substantial => "substantiel",
        Completion::Complete => "achevé",
    }
}

/// The entry's HTML: the level and date, the note (sanitised when written) and the evidence.
fn content(r: &ProgressRow) -> String {
    let mut html = format!(
        "<p>Niveau d'achèvement : {} (au {}).</p>{}",
        completion_fr(r.completion),
        r.as_of.format("%d/%m/%Y"),
        r.note_html
    );
    let evidence: Vec<EvidenceLink> = serde_json::from_value(r.evidence.clone()).unwrap_or_default();
    let links: Vec<String> = evidence
        .iter()
        .filter(|e| e.url.starts_with("https://") || e.url.starts_with("http://"))
        .map(|e| format!("<li><a href=\"{}\">{}</a></li>", escape(&e.url), escape(&e.title)))
        .collect();
    if !links.is_empty() {
        html.push_str(&format!("<p>Sources :</p><ul>{}</ul>", links.concat()));
    }
    html
}

/// A commitment's progress updates as an Atom 1.0 feed (RFC 4287): the 50 most recently
/// posted on its milestones, each with its milestone, completion level, date, note, evidence
/// and author. A correction is an entry of its own, as in the log.
#[utoipa::path(
    tag = "progress",
    params(("id" = String, Path, description = "Commitment id or OGP code")),
    responses(
        (status = 200, description = "An Atom 1.0 feed (RFC 4287)", body = String, content_type = "application/atom+xml"),
        (status = 404, description = "No such commitment", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/commitments/{id}/progress.atom")]
pub async fn commitment_progress_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let site = state.public_url.trim_end_matches('/').to_string();
    let url = format!("{site}{}", req.path());
    let xml = db::run(&state.read_pool, move |conn| {
        let c = commitment_queries::find(conn, &key)?;
        let rows: Vec<(ProgressRow, String, String)> = progress_updates::table
            .inner_join(milestones::table)
            .filter(milestones::commitment_id.eq(c.id))
            .order((progress_updates::created_at.desc(), progress_updates::id.desc()))
            .limit(atom::ENTRIES)
            .select((ProgressRow::as_select(), milestones::code, milestones::title))
            .load(conn)?;
        let page = format!("{site}/engagements/{}", c.code);
        let entries = rows
            .into_iter()
            .map(|(r, code, title)| FeedEntry {
                id: format!("{site}/api/v1/progress-updates/{}", r.id.get()),
                title: format!("{code} {title} : {}", completion_fr(r.completion)),
                link: page.clone(),
                published: r.created_at,
                updated: r.created_at,
                html: content(&r),
                author: r.author_name,
                lang: None,
            })
            .collect();
        let head = FeedHead {
            url,
            title: format!("Open d'État — Avancement de l'engagement {} : {}", c.code, c.title),
            page,
            since: c.created_at,
        };
        Ok(atom::render(head, entries))
    })
    .await?;
    Ok(atom::respond(xml))
}
