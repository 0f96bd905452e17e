-- R6  GET /api/v1/action-items?forum=forum-large-busy-1&limit=100   (a held forum's page)
-- Same statements as backend/src/resources/action_items/handlers.rs `list_action_items` +
-- queries::list and queries::present: the page of the forum's items (the forum found by slug
-- in a subquery; due date order, with the overdue flag computed in Paris by paris_today()),
-- then, batched, the forum, the commitments
-- the items serve and every item's history with who made each change. No milestone query: the
-- seeded items serve commitments only.
-- Variables (pgbench -D, from bench/run.sh):
--   :slug            the held forum (forum-large-busy-1, seeded with minutes and 100 items)
--   :forum_ids       int8[] literal: its id
--   :item_ids        int8[] literal: the ids of its first 100 items
--   :commitment_ids  int8[] literal: the commitments they serve (each once)
--   :institution_ids int8[] literal: the institutions that own them (each once)
--   :not_closed      text[] literal {open,in_progress}: the statuses that can be overdue
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
\set page_limit 101
SELECT "action_items"."id", "action_items"."forum_id", "action_items"."title", "action_items"."description", "action_items"."description_html", "action_items"."owner_kind", "action_items"."owner_name", "action_items"."due_on", "action_items"."commitment_id", "action_items"."milestone_id", "action_items"."status", "action_items"."outcome", "action_items"."closed_at", "action_items"."subject_id", "action_items"."created_by", "action_items"."created_at", "action_items"."updated_at", "action_items"."owner_institution_id", (("action_items"."due_on" < paris_today()) AND ("action_items"."status" = ANY(:not_closed))) FROM "action_items" WHERE ("action_items"."forum_id" = (SELECT "forums"."id" FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one)) ORDER BY "action_items"."due_on", "action_items"."id" LIMIT :page_limit;
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."starts_at" FROM "forums" WHERE ("forums"."id" = ANY(:forum_ids));
SELECT "commitments"."id", "commitments"."code", "commitments"."title" FROM "commitments" WHERE ("commitments"."id" = ANY(:commitment_ids));
SELECT "institutions"."id", "institutions"."slug", "institutions"."name", "institutions"."acronym", "institutions"."kind" FROM "institutions" WHERE ("institutions"."id" = ANY(:institution_ids));
SELECT "action_item_history"."action_item_id", "action_item_history"."status", "action_item_history"."note", "action_item_history"."outcome", "action_item_history"."changed_at", "users"."display_name" FROM ("action_item_history" LEFT OUTER JOIN "users" ON ("action_item_history"."changed_by" = "users"."id")) WHERE ("action_item_history"."action_item_id" = ANY(:item_ids)) ORDER BY "action_item_history"."action_item_id", "action_item_history"."id";
