//! `GET /search`: French full-text search over commitments, milestones, forums and public
//! comments — accent-insensitive (`fr_unaccent` configuration), ranked, paginated.
//!
//! Design (see docs/ARCHITECTURE.md): every searchable row stores its `tsvector` (a generated
//! column with a GIN index), so nothing is parsed at query time. Plans, commitments, milestones
//! and forums are few and ranked in full with weights (title A, summary B, body C). Comments are
//! many: ranking all matches of a common word means reading and scoring tens of thousands of
//! vectors, so ranking is bounded to the `COMMENT_CANDIDATES` most recent matching public
//! comments (found through the recency index or the GIN index, as the planner sees fit). A
//! discussion platform's readers want recent answers first; an old comment with a rare word
//! is still found, because a rare word has few matches.
//!
//! The comment filter spells out `websearch_to_tsquery(…, $1)` instead of reading it from the
//! `query` CTE: an immutable function of a bound value is folded into a constant, so the planner
//! sees the word's frequency and walks the recency index for a common word. Read from the CTE,
//! the query is opaque, the planner guesses "rare", and a bitmap scan fetches all 240,000
//! matches of a common word (6 s on the large dataset instead of a few ms).

use actix_web::{get, web, HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Float4, Nullable, Text, Timestamptz};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::resources::comments::{CommentTarget, Target};
use crate::db;
use crate::http::problem::{ApiError, ApiResult};
use crate::http::page::{finish_page, page_response, PageParams};
use crate::AppState;

/// How many of the most recent matching comments are ranked.
pub const COMMENT_CANDIDATES: i64 = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Commitment,
    Milestone,
    Forum,
    Comment,
}

impl SearchKind {
    fn as_str(self) -> &'static str {
        match self {
            SearchKind::Commitment => "commitment",
            SearchKind::Milestone => "milestone",
            SearchKind::Forum => "forum",
            SearchKind::Comment => "comment",
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// Words to look for (web-search syntax: `"exact phrase"`, `or`, `-excluded`), 1 to 200
    /// characters, not blank. Accents and case are ignored; French stemming applies.
    #[param(min_length = 1, max_length = 200, pattern = r"\S")]
    pub q: String,
    /// Only this kind of result.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<SearchKind>,
}

/// One result.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHit {
    #[serde(rename = "type")]
    pub kind: SearchKind,
    pub id: i64,
    /// Title of the commitment, milestone or forum; the beginning of a comment.
    pub title: String,
    /// Passage around the matches, as HTML-escaped text where matches are wrapped in `<mark>`.
    pub excerpt_html: String,
    /// Relevance (higher is better); comparable within a result list only.
    pub rank: f32,
    /// Last update (commitments, milestones), start (forums) or posting time (comments).
    pub at: DateTime<Utc>,
    /// What a comment is about (comments only).
    pub target: Option<CommentTarget>,
    /// Title of what a comment is about (comments only).
    pub target_title: Option<String>,
    /// How that target is addressed in URLs: forum slug, commitment code, milestone id.
    pub target_key: Option<String>,
    /// The commitment a milestone belongs to (milestones only).
    pub commitment_id: Option<i64>,
}

crate::page_type!(
    SearchPage,
    SearchHit,
    "A page of search results, best first."
);

#[derive(QueryableByName)]
struct HitRow {
    #[diesel(sql_type = Text)]
    kind: String,
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Text)]
    title: String,
    #[diesel(sql_type = Text)]
    excerpt: String,
    #[diesel(sql_type = Float4)]
    rank: f32,
    #[diesel(sql_type = Timestamptz)]
    at: DateTime<Utc>,
    #[diesel(sql_type = Nullable<BigInt>)]
    forum_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    commitment_id: Option<i64>,
    #[diesel(sql_type = Nullable<BigInt>)]
    milestone_id: Option<i64>,
}

// Control characters mark the matches in ts_headline's output; the text is HTML-escaped
// afterwards and they become <mark> tags, so user text can never inject markup.
const SEARCH_SQL: &str = "
WITH query AS (SELECT websearch_to_tsquery('public.fr_unaccent', $1) AS q),
hits AS (
    SELECT 'commitment'::text AS kind, c.id, c.code || ' — ' || c.title AS title,
           coalesce(c.summary, c.description, c.title) AS body,
           ts_rank(c.search_vector, query.q)::float4 AS rank, c.updated_at AS at,
           NULL::int8 AS forum_id, NULL::int8 AS commitment_id, NULL::int8 AS milestone_id
      FROM commitments c, query
     WHERE $2 IN ('all', 'commitment') AND c.search_vector @@ query.q AND c.archived_at IS NULL
    UNION ALL
    SELECT 'milestone', m.id, m.code || ' — ' || m.title, coalesce(m.description, m.title),
           ts_rank(m.search_vector, query.q)::float4, m.updated_at, NULL, m.commitment_id, NULL
      FROM milestones m, query
     WHERE $2 IN ('all', 'milestone') AND m.search_vector @@ query.q AND m.archived_at IS NULL
    UNION ALL
    SELECT 'forum', f.id, f.title, f.title || ' — ' || f.description,
           ts_rank(f.search_vector, query.q)::float4, f.starts_at, NULL, NULL, NULL
      FROM forums f, query
     WHERE $2 IN ('all', 'forum') AND f.search_vector @@ query.q AND f.archived_at IS NULL
    UNION ALL
    SELECT 'comment', r.id, left(r.body, 120), r.body,
           ts_rank(r.search_vector, query.q)::float4, r.created_at,
           r.forum_id, r.commitment_id, r.milestone_id
      FROM (SELECT c.id, c.body, c.search_vector, c.created_at, c.forum_id, c.commitment_id, c.milestone_id
              FROM comments c
             WHERE $2 IN ('all', 'comment') AND c.deleted_at IS NULL AND c.hidden_at IS NULL
               AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT $3) r, query
)
SELECT page.kind, page.id, page.title,
       ts_headline('public.fr_unaccent', page.body, query.q,
                   'StartSel=\u{1}, StopSel=\u{2}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"') AS excerpt,
       page.rank, page.at, page.forum_id, page.commitment_id, page.milestone_id
  FROM (SELECT * FROM hits {AFTER} ORDER BY rank DESC, kind DESC, id DESC LIMIT {LIMIT}) page, query
 ORDER BY page.rank DESC, page.kind DESC, page.id DESC";

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\u{1}' => out.push_str("<mark>"),
            '\u{2}' => out.push_str("</mark>"),
            c => out.push(c),
        }
    }
    out
}

fn target_of(row: &HitRow) -> Option<Target> {
    if row.kind != "comment" {
        return None;
    }
    Some(match (row.forum_id, row.commitment_id, row.milestone_id) {
        (Some(id), _, _) => Target::Forum(id),
        (_, Some(id), _) => Target::Commitment(id),
        (_, _, Some(id)) => Target::Milestone(id),
        _ => Target::Forum(0),
    })
}

fn to_hit(row: HitRow, targets: &std::collections::HashMap<Target, (String, String)>) -> SearchHit {
    let kind = match row.kind.as_str() {
        "commitment" => SearchKind::Commitment,
        "milestone" => SearchKind::Milestone,
        "forum" => SearchKind::Forum,
        _ => SearchKind::Comment,
    };
    let t = target_of(&row);
    let described = t.and_then(|t| targets.get(&t));
    let target = t.map(CommentTarget::from);
    let title: String = row
        .title
        .chars()
        .filter(|c| !c.is_control() || *c == ' ')
        .collect();
    SearchHit {
        kind,
        id: row.id,
        title: title.split_whitespace().collect::<Vec<_>>().join(" "),
        excerpt_html: escape_html(&row.excerpt),
        rank: row.rank,
        at: row.at,
        commitment_id: if kind == SearchKind::Milestone {
            row.commitment_id
        } else {
            None
        },
        target,
        target_title: described.map(|d| d.0.clone()),
        target_key: described.map(|d| d.1.clone()),
    }
}

/// Search commitments, milestones, forums and public comments.
#[utoipa::path(
    tag = "search",
    params(SearchParams, PageParams),
    responses((status = 200, description = "A page of results, best first", body = SearchPage))
)]
#[get("/search")]
pub async fn search(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: web::Query<SearchParams>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    // The contract's rule, as written: 1 to 200 characters as sent, not all blank.
    let len = params.q.chars().count();
    if len == 0 || len > 200 {
        return Err(ApiError::field(
            "q",
            "length",
            "must be between 1 and 200 characters",
        ));
    }
    let q = params.q.trim().to_string();
    if q.is_empty() {
        return Err(ApiError::field("q", "blank", "must not be blank"));
    }
    let kind = params.kind.map_or("all", SearchKind::as_str);
    let after: Option<(f32, String, i64)> = page.cursor()?;
    let rows = db::run(&state.read_pool, move |conn| {
        let sql = SEARCH_SQL.replace("{LIMIT}", &(limit + 1).to_string());
        let rows: Vec<HitRow> = match after {
            None => diesel::sql_query(sql.replace("{AFTER}", ""))
                .bind::<Text, _>(&q)
                .bind::<Text, _>(kind)
                .bind::<BigInt, _>(COMMENT_CANDIDATES)
                .load(conn)?,
            Some((rank, k, id)) => {
                diesel::sql_query(sql.replace("{AFTER}", "WHERE (rank, kind, id) < ($4, $5, $6)"))
                    .bind::<Text, _>(&q)
                    .bind::<Text, _>(kind)
                    .bind::<BigInt, _>(COMMENT_CANDIDATES)
                    .bind::<Float4, _>(rank)
                    .bind::<Text, _>(k)
                    .bind::<BigInt, _>(id)
                    .load(conn)?
            }
        };
        let (rows, next) = finish_page(rows, limit, |r: &HitRow| (r.rank, r.kind.clone(), r.id));
        let wanted: Vec<Target> = rows.iter().filter_map(target_of).collect();
        let targets = crate::resources::comments::describe_targets(conn, &wanted)?;
        Ok((rows, next, targets))
    })
    .await?;
    let (rows, next, targets) = rows;
    let body = SearchPage {
        items: rows.into_iter().map(|r| to_hit(r, &targets)).collect(),
        next_cursor: next.clone(),
    };
    Ok(page_response(&req, &body, next.as_deref()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn excerpts_are_escaped_and_marked() {
        assert_eq!(
            super::escape_html("<script>\u{1}débat\u{2} & \"x\""),
            "&lt;script&gt;<mark>débat</mark> &amp; &quot;x&quot;"
        );
    }
}

/// French full-text search.
pub const RESOURCE: crate::http::Resource = crate::http::Resource {
    tags: &[("search", "French full-text search")],
    api_v1: Some(|cfg| {
        cfg.service(search);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![SearchKind],
};
