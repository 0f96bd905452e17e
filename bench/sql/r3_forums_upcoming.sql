-- R3  GET /api/v1/forums?when=upcoming   (first page: 20 forums, soonest first)
-- Same statements as backend/src/resources/forums/handlers.rs `list_forums` + forums::present:
-- the page of forums (ends_at >= now), then their commitments in one batched join.
-- Variables (pgbench -D, from bench/run.sh):
--   :now        the instant the run started (the API binds Utc::now())
--   :forum_ids  int8[] literal: ids of the forums on that page
\set page_limit 21
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at", "forums"."subject_id", "forums"."lang" FROM "forums" WHERE (("forums"."ends_at" >= :now) AND ("forums"."archived_at" IS NULL)) ORDER BY "forums"."starts_at" ASC, "forums"."id" ASC LIMIT :page_limit;
SELECT "forum_commitments"."forum_id", "commitments"."id", "commitments"."code", "commitments"."title" FROM ("forum_commitments" INNER JOIN "commitments" ON ("forum_commitments"."commitment_id" = "commitments"."id")) WHERE ("forum_commitments"."forum_id" = ANY(:forum_ids)) ORDER BY "commitments"."code" ASC;
