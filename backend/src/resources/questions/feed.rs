//! An institution's answers as an Atom feed: what it answered to the questions asked about its
//! commitments, the most recent first, with whether it answered within the deadline.

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::db;
use crate::db::schema::{comments, question_answers, questions, users};
use crate::http::atom::{self, FeedEntry, FeedHead};
use crate::http::problem::ApiResult;
use crate::markdown::escape;
use crate::resources::institutions::queries as institution_queries;
use crate::AppState;

type FeedAnswer = (i64, String, i64, String, Option<DateTime<Utc>>, DateTime<Utc>, i32, bool, Option<String>);

/// An institution's answers as an Atom 1.0 feed (RFC 4287): the 50 most recent, each with its
/// question, its text, who answered and whether it came within the deadline. An answer hidden
/// by a moderator, deleted or rejected appears nowhere; an edited one shows its current text
/// with a new `updated` (its earlier texts stay on the question's page).
#[utoipa::path(
    tag = "questions",
    params(("id" = String, Path, description = "Institution id or slug")),
    responses(
        (status = 200, description = "An Atom 1.0 feed (RFC 4287)", body = String, content_type = "application/atom+xml"),
        (status = 404, description = "No such institution", body = crate::http::problem::Problem, content_type = "application/problem+json"),
    )
)]
#[get("/institutions/{id}/answers.atom")]
pub async fn institution_answers_feed(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let key = id.into_inner();
    let site = state.public_url.trim_end_matches('/').to_string();
    let url = format!("{site}{}", req.path());
    let xml = db::run(&state.read_pool, move |conn| {
        let institution = institution_queries::find(conn, &key)?;
        let rows: Vec<FeedAnswer> = question_answers::table
            .inner_join(comments::table)
            .inner_join(questions::table)
            .left_join(users::table.on(users::id.nullable().eq(question_answers::answered_by)))
            .filter(question_answers::institution_id.eq(institution.id))
            .filter(question_answers::hidden_at.is_null())
            .filter(question_answers::rejected_at.is_null())
            .filter(comments::hidden_at.is_null())
            .filter(comments::deleted_at.is_null())
            .order((question_answers::answered_at.desc(), question_answers::id.desc()))
            .limit(atom::ENTRIES)
            .select((
                questions::id,
                questions::title,
                comments::id,
                comments::body_html,
                comments::edited_at,
                question_answers::answered_at,
                question_answers::working_days,
                question_answers::on_time,
                users::display_name.nullable(),
            ))
            .load(conn)?;
        let name = institution.name;
        let entries = rows
            .into_iter()
            .map(|(question, title, comment, body_html, edited_at, answered_at, days, on_time, by)| {
                let timing = if on_time { "dans le délai" } else { "après le délai" };
                FeedEntry {
                    id: format!("{site}/api/v1/comments/{comment}"),
                    title: format!("Réponse : {title}"),
                    link: format!("{site}/questions/{question}#comment-{comment}"),
                    published: answered_at,
                    updated: edited_at.unwrap_or(answered_at),
                    author: by.unwrap_or_else(|| name.clone()),
                    html: format!("<p>Réponse de {} {timing} ({days} jours ouvrés).</p>{body_html}", escape(&name)),
                    lang: None,
                }
            })
            .collect();
        let head = FeedHead {
            url,
            title: format!("Open d'État — Réponses de {name}"),
            page: format!("{site}/institutions/{}", institution.slug),
            since: institution.created_at,
        };
        Ok(atom::render(head, entries))
    })
    .await?;
    Ok(atom::respond(xml))
}
