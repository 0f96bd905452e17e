-- W1  POST /api/v1/forums/{slug}/comments as a signed-in member
-- Same statements as the request, backend/src/comments/routes.rs `create_for`, in one
-- transaction: the author's account (BearerToken::authorize, users::find), forums::find_row (by
-- slug), and the INSERT ... RETURNING id, created_at (the rest of the answer is known without
-- a read-back). The target columns the API binds as NULL are written /*null*/NULL: pgbench
-- variables cannot be NULL, and bench/report.py reads the marker as a bound parameter.
-- Variables (pgbench -D, from bench/run.sh):
--   :user_id    the benchmark member's id
--   :slug       the forum written to (forum-large-busy-4: R1 reads busy-0, so W1 never changes
--               what R1 measures)
--   :body, :body_html   the comment and its rendering, as the API stores them
\set one 1
\set depth 0
BEGIN;
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version" FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at" FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one \gset f_
INSERT INTO "comments" ("forum_id", "commitment_id", "milestone_id", "parent_id", "root_id", "depth", "author_id", "body", "body_html") VALUES (:f_id, /*null*/NULL, /*null*/NULL, /*null*/NULL, /*null*/NULL, :depth, :user_id, :body, :body_html) RETURNING "comments"."id", "comments"."created_at";
COMMIT;
