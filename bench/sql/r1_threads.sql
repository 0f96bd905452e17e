-- R1  GET /api/v1/forums/{slug}/comments   (first page: 20 threads, 3 replies each)
-- Same statements, in the same order, as backend/src/resources/comments/handlers.rs `list_for`
-- (a forum's discussion): subjects::resolve (the forum by slug), comments::queries::threads
-- (limit 20 + 1), comments::queries::attach_replies (per_parent 3 + 1) over the threads of the
-- page that have replies. Both read the subject's kind and record id with each comment.
-- Variables (pgbench -D, computed by bench/run.sh from the database):
--   :slug     forum slug (forum-large-busy-0, or forum-large-small for the 1.5x rule)
--   :parents  int8[] literal: ids of the page's threads whose reply_count > 0, newest first
--   :subject_id  the forum's subject id (the API reuses the row the first statement found)
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
\set page_limit 21
\set per_parent 4
SELECT "forums"."id", "forums"."subject_id", "forums"."slug", ("forums"."archived_at" IS NOT NULL) FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one;
SELECT c.id, c.subject_id, s.kind AS subject_kind, s.ref_id AS subject_ref, c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, c.on_record, c.useful_count, c.agree_count, c.disagree_count, u.display_name AS author_name, u.handle AS author_handle, u.role AS author_role, u.organisation AS author_organisation FROM comments c JOIN users u ON u.id = c.author_id JOIN subjects s ON s.id = c.subject_id WHERE c.subject_id = :subject_id AND c.parent_id IS NULL ORDER BY c.created_at DESC, c.id DESC LIMIT :page_limit;
SELECT c.id, c.subject_id, s.kind AS subject_kind, s.ref_id AS subject_ref, c.parent_id, c.root_id, c.depth, c.reply_count, c.author_id, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at, c.hidden_at, c.hidden_reason, c.on_record, c.useful_count, c.agree_count, c.disagree_count, u.display_name AS author_name, u.handle AS author_handle, u.role AS author_role, u.organisation AS author_organisation FROM unnest(:parents::int8[]) AS p(id) CROSS JOIN LATERAL (SELECT * FROM comments r WHERE r.parent_id = p.id ORDER BY r.created_at, r.id LIMIT :per_parent) c JOIN users u ON u.id = c.author_id JOIN subjects s ON s.id = c.subject_id ORDER BY c.parent_id, c.created_at, c.id;
