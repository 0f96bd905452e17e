-- W1  POST /api/v1/forums/{slug}/comments as a signed-in member
-- Same statements as the request: the AuthUser extractor's user lookup (users::find, outside
-- the transaction), then backend/src/comments/routes.rs `create_for` in one transaction:
-- forums::find_row (by slug), the INSERT ... RETURNING id, and the read-back with the author
-- join (comments::find).
-- Variables (pgbench -D, from bench/run.sh):
--   :user_id    the benchmark member's id
--   :slug       the forum written to (forum-large-busy-4: R1 reads busy-0, so W1 never changes
--               what R1 measures)
--   :body, :body_html   the comment and its rendering, as the API stores them
\set one 1
\set depth 0
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at" FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
BEGIN;
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html" FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one \gset f_
INSERT INTO "comments" ("forum_id", "commitment_id", "milestone_id", "parent_id", "root_id", "depth", "author_id", "body", "body_html") VALUES (:f_id, DEFAULT, DEFAULT, DEFAULT, DEFAULT, :depth, :user_id, :body, :body_html) RETURNING "comments"."id" \gset n_
SELECT c.id, c.forum_id, c.commitment_id, c.milestone_id, c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, u.display_name AS author_name, u.role AS author_role, u.organisation AS author_organisation FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = :n_id;
COMMIT;
