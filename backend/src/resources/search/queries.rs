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
{ARMS}
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

/// The query for one kind (`"all"`: every declared arm, `registry::SearchArm`), each arm under
/// the same column names: built once per kind. A search of one kind sends only its arm: every
/// request plans its statement (the comment arm's word must be a constant to the planner), and
/// planning the arms that a kind rules out was 8 % of a comment search's time (bench row R5).
fn search_sql(kind: &str) -> &'static str {
    static SQL: std::sync::OnceLock<HashMap<&'static str, String>> = std::sync::OnceLock::new();
    let by_kind = SQL.get_or_init(|| {
        let arms = || crate::registry::get().search_arms();
        let statement = |kind: &str| {
            let arms: Vec<String> = arms()
                .filter(|arm| kind == "all" || arm.kind == kind)
                .map(|arm| {
                    format!(
                        "    SELECT * FROM ({}\n    ) AS {}(kind, id, title, body, rank, at, commitment_id, subject_id, lang)",
                        arm.sql, arm.kind
                    )
                })
                .collect();
            SEARCH_SQL.replace("{ARMS}", &arms.join("\n    UNION ALL\n"))
        };
        std::iter::once("all").chain(arms().map(|arm| arm.kind)).map(|kind| (kind, statement(kind))).collect()
    });
    &by_kind[kind]
}

/// The excerpt made safe as HTML, its match markers (PostgreSQL's `ts_headline` writes \u{1} and
/// \u{2}, which escaping leaves alone) made `<mark>` tags.
fn escape_html(s: &str) -> String {
    crate::markdown::escape(s).replace('\u{1}', "<mark>").replace('\u{2}', "</mark>")
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
            let kind = SearchKind::parse(&row.kind).unwrap_or_default();
            let subject = row.subject_id.and_then(|s| described.get(&s)).cloned();
            let title: String = row.title.chars().filter(|c| !c.is_control() || *c == ' ').collect();
            SearchHit {
                kind,
                id: row.id,
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                excerpt_html: escape_html(&row.excerpt),
                rank: row.rank,
                at: row.at,
                commitment_id: row.commitment_id,
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
    let sql = search_sql(kind).replace("{LIMIT}", &(limit + 1).to_string());
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
