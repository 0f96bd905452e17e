-- R1  GET /api/v1/forums/{slug}/comments   (first page: 20 threads, 3 replies each)
-- Same statements, in the same order, as backend/src/comments/routes.rs `list_for`:
--   forums::find_row (by slug), comments::threads (limit 20 + 1), comments::attach_replies
--   (per_parent 3 + 1) over the threads of the page that have replies.
-- Variables (pgbench -D, computed by bench/run.sh from the database):
--   :slug     forum slug (forum-large-busy-0, or forum-large-small for the 1.5x rule)
--   :parents  int8[] literal: ids of the page's threads whose reply_count > 0, newest first
-- :f_id comes from the first statement (\gset), as the API reuses the row it found.
\set one 1
\set page_limit 21
\set per_parent 4
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at" FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one \gset f_
SELECT c.id, c.forum_id, c.commitment_id, c.milestone_id, c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, u.display_name AS author_name, u.role AS author_role, u.organisation AS author_organisation FROM comments c JOIN users u ON u.id = c.author_id WHERE c.forum_id = :f_id AND c.parent_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT :page_limit;
SELECT c.id, c.forum_id, c.commitment_id, c.milestone_id, c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, u.display_name AS author_name, u.role AS author_role, u.organisation AS author_organisation FROM unnest(:parents::int8[]) AS p(id) CROSS JOIN LATERAL (SELECT * FROM comments r WHERE r.parent_id = p.id ORDER BY r.created_at, r.id LIMIT :per_parent) c JOIN users u ON u.id = c.author_id ORDER BY c.parent_id, c.created_at, c.id;
