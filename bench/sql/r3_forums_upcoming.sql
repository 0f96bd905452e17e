-- R3  GET /api/v1/forums?when=upcoming   (first page: 20 forums, soonest first)
-- Same statements as backend/src/resources/forums/handlers.rs `list_forums` + forums::present:
-- the page of forums (ends_at >= now), then their commitments in one batched join, then the
-- format versions they follow (issue 10; the API skips it when none does, and skips the
-- cycles' query, as none of these forums is in a cycle).
-- Variables (pgbench -D, from bench/run.sh):
--   :now        the instant the run started (the API binds Utc::now())
--   :forum_ids  int8[] literal: ids of the forums on that page
--   :format_version_ids  int8[] literal: the format versions they follow (each once)
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set page_limit 21
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at", "forums"."subject_id", "forums"."lang", "forums"."format_version_id", "forums"."ical_sequence", "forums"."cycle_id", "forums"."feedback_closes_at", "forums"."filling_notified_at", "forums"."full_notified_at", "forums"."registration_closes_at", "forums"."reserved_seats", "forums"."reserved_for", "forums"."reserved_until" FROM "forums" WHERE (("forums"."ends_at" >= :now) AND ("forums"."archived_at" IS NULL)) ORDER BY "forums"."starts_at" ASC, "forums"."id" ASC LIMIT :page_limit;
SELECT "forum_commitments"."forum_id", "commitments"."id", "commitments"."code", "commitments"."title" FROM ("forum_commitments" INNER JOIN "commitments" ON ("forum_commitments"."commitment_id" = "commitments"."id")) WHERE ("forum_commitments"."forum_id" = ANY(:forum_ids)) ORDER BY "commitments"."code" ASC;
SELECT "format_versions"."id", "formats"."slug", "formats"."name", "format_versions"."version", "formats"."latest_version" FROM ("format_versions" INNER JOIN "formats" ON ("format_versions"."format_id" = "formats"."id")) WHERE ("format_versions"."id" = ANY(:format_version_ids));
