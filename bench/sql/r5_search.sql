-- R5  GET /api/v1/search?q=transparence&type=comment   (first page, 20 results)
-- backend/src/resources/search/queries.rs `search`: the query SEARCH_SQL with the comment arm
-- only, as for `type=comment` (first page: {AFTER}
-- empty, {LIMIT} 21; the page joins each comment's subject), then subjects::describe_known:
-- the records of each kind found (commitments and forums here: a kind with no hit is not
-- queried; since issue 22, 5b, the newest matches include an answer on a commitment).
-- The ts_headline markers are written E'\x01' / E'\x02' here, the values the Rust string holds.
-- Variables (pgbench -D, from bench/run.sh):
--   :q           the searched word (transparence: in about a quarter of the comments)
--   :kind        comment
--   :candidates  search::COMMENT_CANDIDATES (read from the source)
--   :forum_ids   int8[] literal: the forums the hits are about, from the API's own answer to
--                the probe request
--   :commitment_ids  the same for commitments
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
WITH query AS (SELECT websearch_to_tsquery('public.fr_unaccent', :q) AS q),
hits AS (
    SELECT * FROM (
    SELECT 'comment'::text, r.id, left(r.body, 120), r.body,
           ts_rank(r.search_vector, query.q)::float4, r.created_at,
           NULL::int8, r.subject_id, NULL::text
      FROM ((SELECT r.id, r.body, r.search_vector, r.created_at, r.subject_id
              FROM (SELECT max(id) AS top FROM comments
                     WHERE :kind IN ('all', 'comment')
                       AND querytree(websearch_to_tsquery('public.fr_unaccent', :q)) <> 'T') m
             CROSS JOIN LATERAL generate_series(m.top / 32768, 0, -1) AS coarse(n)
             CROSS JOIN LATERAL (
                   SELECT count(*) AS hits FROM (SELECT FROM comments c
                    WHERE c.id / 32768 = coarse.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                      AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', :q)
                    LIMIT :candidates + 1) c) cnt
             CROSS JOIN LATERAL (
                   (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
                     WHERE cnt.hits BETWEEN 1 AND :candidates
                       AND c.id / 32768 = coarse.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                       AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', :q)
                     ORDER BY c.id DESC)
                   UNION ALL
                   (SELECT f.* FROM generate_series(least(m.top / 2048, coarse.n * 16 + 15), coarse.n * 16, -1) AS fine(n)
                     CROSS JOIN LATERAL (
                           SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
                            WHERE c.id / 2048 = fine.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                              AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', :q)
                            ORDER BY c.id DESC) f
                     WHERE cnt.hits > :candidates)) r
             LIMIT :candidates)
            UNION ALL
            (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
              WHERE :kind IN ('all', 'comment')
                AND querytree(websearch_to_tsquery('public.fr_unaccent', :q)) = 'T'
                AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', :q)
              ORDER BY c.id DESC
              LIMIT :candidates)) r, query
    ) AS comment(kind, id, title, body, rank, at, commitment_id, subject_id, lang)
)
SELECT page.kind, page.id, page.title,
       ts_headline('public.fr_unaccent', page.body, query.q,
                   E'StartSel=\x01, StopSel=\x02, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS excerpt,
       page.rank, page.at, page.commitment_id, page.subject_id, s.kind AS subject_kind,
       s.ref_id AS subject_ref, page.lang
  FROM (SELECT * FROM hits  ORDER BY rank DESC, kind DESC, id DESC LIMIT 21) page
 CROSS JOIN query
  LEFT JOIN subjects s ON s.id = page.subject_id
 ORDER BY page.rank DESC, page.kind DESC, page.id DESC;
SELECT "commitments"."id", "commitments"."code", "commitments"."title", "commitments"."lang" FROM "commitments" WHERE ("commitments"."id" = ANY(:commitment_ids));
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."lang" FROM "forums" WHERE ("forums"."id" = ANY(:forum_ids));
