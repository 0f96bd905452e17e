-- R9s GET /api/v1/action-plans/plan-large-co-creation/proposals/summary   (the summary page's counts)
-- Same statements as backend/src/resources/proposals/handlers.rs `proposal_summary` +
-- queries::counts, for an anonymous reader (no drafts to count): the plan by slug, then its
-- proposals counted by published state and origin in one grouped read, from the plan's state
-- index alone (it includes the origin).
-- Variables (pgbench -D, from bench/run.sh):
--   :slug     the plan (plan-large-co-creation: 5,000 proposals);  :plan_id  its id
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
SELECT "action_plans"."id", "action_plans"."slug", "action_plans"."country", "action_plans"."title", "action_plans"."period_start", "action_plans"."period_end", "action_plans"."description", "action_plans"."created_at", "action_plans"."updated_at", "action_plans"."subject_id", "action_plans"."lang", "action_plans"."status", "action_plans"."coordinating_institution_id", "action_plans"."timeline_published_at", "action_plans"."timeline_late_reason" FROM "action_plans" WHERE ("action_plans"."slug" = :slug) LIMIT :one;
SELECT "proposals"."state", "proposals"."origin", COUNT(*) FROM "proposals" WHERE ("proposals"."action_plan_id" = :plan_id) GROUP BY "proposals"."state", "proposals"."origin";
