-- R9  GET /api/v1/action-plans/plan-large-co-creation/proposals?limit=20   (the summary page's list)
-- Same statements as backend/src/resources/proposals/handlers.rs `list_proposals` +
-- queries::list and queries::present, for an anonymous reader (no supports of theirs to read):
-- the plan by slug, the page (newest first, one more than the page to know if another
-- follows), then, batched, the commitments the proposals are about, the forums they were
-- collected at, their authors, those merged into them, and the commitments they became. No
-- lookup of the plan's slug (the handler read the plan) nor of proposals they were merged
-- into: none of this page's was merged, and present() skips a lookup with no ids.
-- Variables (pgbench -D, from bench/run.sh):
--   :slug            the plan (plan-large-co-creation: 5,000 proposals)
--   :plan_id         its id
--   :commitment_ids  int8[] literal: the commitments the page's proposals are about (as listed)
--   :forum_ids       int8[] literal: the forums they were collected at
--   :author_ids      int8[] literal: their authors
--   :page_ids        int8[] literal: the page's 20 proposals, newest first
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
\set page_limit 21
SELECT "action_plans"."id", "action_plans"."slug", "action_plans"."country", "action_plans"."title", "action_plans"."period_start", "action_plans"."period_end", "action_plans"."description", "action_plans"."created_at", "action_plans"."updated_at", "action_plans"."subject_id", "action_plans"."lang", "action_plans"."status", "action_plans"."coordinating_institution_id", "action_plans"."timeline_published_at", "action_plans"."timeline_late_reason" FROM "action_plans" WHERE ("action_plans"."slug" = :slug) LIMIT :one;
SELECT "proposals"."id", "proposals"."action_plan_id", "proposals"."phase_id", "proposals"."title", "proposals"."problem", "proposals"."problem_html", "proposals"."solution", "proposals"."solution_html", "proposals"."theme", "proposals"."commitment_id", "proposals"."possible_lead", "proposals"."lang", "proposals"."origin", "proposals"."forum_id", "proposals"."author_id", "proposals"."spoken_by", "proposals"."entered_by", "proposals"."merged_into_id", "proposals"."support_count", "proposals"."state", "proposals"."reason", "proposals"."reason_html", "proposals"."responded_at", "proposals"."responded_by", "proposals"."draft_state", "proposals"."draft_reason", "proposals"."drafted_by", "proposals"."drafted_at", "proposals"."subject_id", "proposals"."created_at", "proposals"."updated_at" FROM "proposals" WHERE ("proposals"."action_plan_id" = :plan_id) ORDER BY "proposals"."id" DESC LIMIT :page_limit;
SELECT "commitments"."id", "commitments"."code", "commitments"."title" FROM "commitments" WHERE ("commitments"."id" = ANY(:commitment_ids));
SELECT "forums"."id", "forums"."slug", "forums"."title" FROM "forums" WHERE ("forums"."id" = ANY(:forum_ids));
SELECT "users"."id", "users"."display_name" FROM "users" WHERE ("users"."id" = ANY(:author_ids));
SELECT "proposals"."id", "proposals"."title", "proposals"."merged_into_id" FROM "proposals" WHERE ("proposals"."merged_into_id" = ANY(:page_ids)) ORDER BY "proposals"."id" ASC;
SELECT "proposal_commitments"."proposal_id", "commitments"."id", "commitments"."code", "commitments"."title" FROM ("proposal_commitments" INNER JOIN "commitments" ON ("proposal_commitments"."commitment_id" = "commitments"."id")) WHERE ("proposal_commitments"."proposal_id" = ANY(:page_ids)) ORDER BY "commitments"."code" ASC;
