//! The search query: one statement over every searchable table (see the module's note).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Float4, Nullable, Text, Timestamptz};

use super::dto::{SearchHit, SearchKind, COMMENT_CANDIDATES};
use crate::db::ids::SubjectId;
use crate::resources::comments::dto::CommentTarget;
use crate::subjects::{self, Described, SubjectKind};
use crate::types::Locale;

/// Where a page of results starts: after this `(rank, kind, id)`.
pub type After = Option<(f32, String, i64)>;

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
    /// The milestone's commitment (milestones only).
    #[diesel(sql_type = Nullable<BigInt>)]
    commitment_id: Option<i64>,
    /// What the comment is about (comments only), its kind and record.
    #[diesel(sql_type = Nullable<BigInt>)]
    subject_id: Option<SubjectId>,
    #[diesel(sql_type = Nullable<Text>)]
    subject_kind: Option<SubjectKind>,
    #[diesel(sql_type = Nullable<BigInt>)]
    subject_ref: Option<i64>,
    /// The language of a commitment's, a milestone's or a forum's texts (not for comments).
    #[diesel(sql_type = Nullable<Text>)]
    lang: Option<Locale>,
}

// Control characters mark the matches in ts_headline's output; the text is HTML-escaped
// afterwards and they become <mark> tags, so user text can never inject markup.
const SEARCH_SQL: &str = "
WITH query AS (SELECT websearch_to_tsquery('public.fr_unaccent', $1) AS q),
hits AS (
    SELECT 'commitment'::text AS kind, c.id, c.code || ' — ' || c.title AS title,
           coalesce(c.summary, c.description, c.title) AS body,
           ts_rank(c.search_vector, query.q)::float4 AS rank, c.updated_at AS at,
           NULL::int8 AS commitment_id, NULL::int8 AS subject_id, c.lang
      FROM commitments c, query
     WHERE $2 IN ('all', 'commitment') AND c.search_vector @@ query.q AND c.archived_at IS NULL
    UNION ALL
    SELECT 'milestone', m.id, m.code || ' — ' || m.title, coalesce(m.description, m.title),
           ts_rank(m.search_vector, query.q)::float4, m.updated_at, m.commitment_id, NULL, m.lang
      FROM milestones m, query
     WHERE $2 IN ('all', 'milestone') AND m.search_vector @@ query.q AND m.archived_at IS NULL
    UNION ALL
    SELECT 'forum', f.id, f.title, f.title || ' — ' || f.description,
           ts_rank(f.search_vector, query.q)::float4, f.starts_at, NULL, NULL, f.lang
      FROM forums f, query
     WHERE $2 IN ('all', 'forum') AND f.search_vector @@ query.q AND f.archived_at IS NULL
    UNION ALL
    SELECT 'comment', r.id, left(r.body, 120), r.body,
           ts_rank(r.search_vector, query.q)::float4, r.created_at,
           NULL, r.subject_id, NULL
      FROM (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id
              FROM comments c
             WHERE $2 IN ('all', 'comment') AND c.deleted_at IS NULL AND c.hidden_at IS NULL
               AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT $3) r, query
)
SELECT page.kind, page.id, page.title,
       ts_headline('public.fr_unaccent', page.body, query.q,
                   'StartSel=\u{1}, StopSel=\u{2}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"') AS excerpt,
       page.rank, page.at, page.commitment_id, page.subject_id, s.kind AS subject_kind,
       s.ref_id AS subject_ref, page.lang
  FROM (SELECT * FROM hits {AFTER} ORDER BY rank DESC, kind DESC, id DESC LIMIT {LIMIT}) page
 CROSS JOIN query
  LEFT JOIN subjects s ON s.id = page.subject_id
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

/// Rows of `HitRow` made into results, with what comments are about (one batched query).
fn to_hits(conn: &mut PgConnection, rows: Vec<HitRow>) -> QueryResult<Vec<SearchHit>> {
    // The page's own join read each comment's subject: only the records are left to read.
    let wanted: Vec<(SubjectId, SubjectKind, i64)> =
        rows.iter().filter_map(|r| Some((r.subject_id?, r.subject_kind?, r.subject_ref?))).collect();
    let described: HashMap<SubjectId, Described> = subjects::describe_known(conn, wanted)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let kind = match row.kind.as_str() {
                "commitment" => SearchKind::Commitment,
                "milestone" => SearchKind::Milestone,
                "forum" => SearchKind::Forum,
                _ => SearchKind::Comment,
            };
            let subject = row.subject_id.and_then(|s| described.get(&s)).cloned();
            let title: String = row.title.chars().filter(|c| !c.is_control() || *c == ' ').collect();
            SearchHit {
                kind,
                id: row.id,
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                excerpt_html: escape_html(&row.excerpt),
                rank: row.rank,
                at: row.at,
                commitment_id: if kind == SearchKind::Milestone { row.commitment_id } else { None },
                target: subject.as_ref().map(|s| CommentTarget { kind: s.kind, id: s.id }),
                target_title: subject.as_ref().map(|s| s.title.clone()),
                target_key: subject.as_ref().map(|s| s.key.clone()),
                lang: row.lang,
                subject,
            }
        })
        .collect())
}

/// One page of results for `q` (already checked), of one kind or all (`kind`), best first.
pub fn search(
    conn: &mut PgConnection,
    q: &str,
    kind: Option<SearchKind>,
    after: After,
    limit: i64,
) -> QueryResult<(Vec<SearchHit>, Option<String>)> {
    let kind = kind.map_or("all", SearchKind::as_str);
    let sql = SEARCH_SQL.replace("{LIMIT}", &(limit + 1).to_string());
    let rows: Vec<HitRow> = match after {
        None => diesel::sql_query(sql.replace("{AFTER}", ""))
            .bind::<Text, _>(q)
            .bind::<Text, _>(kind)
            .bind::<BigInt, _>(COMMENT_CANDIDATES)
            .load(conn)?,
        Some((rank, k, id)) => diesel::sql_query(sql.replace("{AFTER}", "WHERE (rank, kind, id) < ($4, $5, $6)"))
            .bind::<Text, _>(q)
            .bind::<Text, _>(kind)
            .bind::<BigInt, _>(COMMENT_CANDIDATES)
            .bind::<Float4, _>(rank)
            .bind::<Text, _>(k)
            .bind::<BigInt, _>(id)
            .load(conn)?,
    };
    let (rows, next) = crate::http::page::finish_page(rows, limit, |r: &HitRow| (r.rank, r.kind.clone(), r.id));
    Ok((to_hits(conn, rows)?, next))
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
