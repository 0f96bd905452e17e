-- R4  GET /api/v1/commitments?action_plan=fr-2018-2020&policy_area=E-Government
-- Same statements as backend/src/resources/commitments/handlers.rs `list_commitments` + commitments::present:
-- the action plan slug lookup, the filtered page (limit 20 + 1), action plan refs, the
-- milestone progress GROUP BY over the page's commitments, and their lead and support
-- institutions, the proposals each came from (from_proposals) and when each last had news
-- (commitment_news, for the six-month flag).
-- Variables (pgbench -D, from bench/run.sh):
--   :plan_slug       fr-2018-2020
--   :policy_areas    text[] literal of the one policy area, e.g. {"E-Government"}
--   :plan_ids        int8[] literal of the plans on the page, e.g. {2}
--   :commitment_ids  int8[] literal of the commitment ids on the page
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
\set page_limit 21
SELECT "action_plans"."id" FROM "action_plans" WHERE ("action_plans"."slug" = :plan_slug) LIMIT :one \gset p_
SELECT "commitments"."id", "commitments"."action_plan_id", "commitments"."code", "commitments"."number", "commitments"."title", "commitments"."summary", "commitments"."description", "commitments"."policy_areas", "commitments"."lead_institution", "commitments"."support_institutions", "commitments"."ogp_principles", "commitments"."ambitions", "commitments"."status", "commitments"."starred", "commitments"."start_year", "commitments"."end_year", "commitments"."irm_report", "commitments"."irm_starred", "commitments"."irm_early_results", "commitments"."irm_verifiable", "commitments"."irm_relevance", "commitments"."irm_potential_impact", "commitments"."irm_completion", "commitments"."irm_analysis", "commitments"."created_at", "commitments"."updated_at", "commitments"."description_html", "commitments"."irm_analysis_html", "commitments"."archived_at", "commitments"."subject_id", "commitments"."lang" FROM "commitments" WHERE ((("commitments"."action_plan_id" = :p_id) AND ("commitments"."policy_areas" @> :policy_areas)) AND ("commitments"."archived_at" IS NULL)) ORDER BY "commitments"."code" ASC LIMIT :page_limit;
SELECT "action_plans"."id", "action_plans"."slug", "action_plans"."title" FROM "action_plans" WHERE ("action_plans"."id" = ANY(:plan_ids));
SELECT "milestones"."commitment_id", "milestones"."status", COUNT(*) FROM "milestones" WHERE (("milestones"."commitment_id" = ANY(:commitment_ids)) AND ("milestones"."archived_at" IS NULL)) GROUP BY "milestones"."commitment_id", "milestones"."status";
SELECT "commitment_institutions"."commitment_id", "commitment_institutions"."lead", "institutions"."id", "institutions"."slug", "institutions"."name", "institutions"."acronym", "institutions"."kind" FROM ("commitment_institutions" INNER JOIN "institutions" ON ("commitment_institutions"."institution_id" = "institutions"."id")) WHERE ("commitment_institutions"."commitment_id" = ANY(:commitment_ids)) ORDER BY "commitment_institutions"."commitment_id", "commitment_institutions"."position", "institutions"."id";
SELECT "proposal_commitments"."commitment_id", "proposals"."id", "proposals"."title" FROM ("proposal_commitments" INNER JOIN "proposals" ON ("proposal_commitments"."proposal_id" = "proposals"."id")) WHERE ("proposal_commitments"."commitment_id" = ANY(:commitment_ids)) ORDER BY "proposals"."id" ASC;
SELECT "commitment_news"."commitment_id", "commitment_news"."last_update_at" FROM "commitment_news" WHERE ("commitment_news"."commitment_id" = ANY(:commitment_ids));
