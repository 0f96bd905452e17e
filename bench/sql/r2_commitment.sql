-- R2  GET /api/v1/commitments/FR0041   (a commitment with its milestones)
-- Same statements as backend/src/commitments/routes.rs `load_one`: commitments::find_row (by
-- code), commitments::present (action plan refs; milestone progress GROUP BY), and
-- milestones::for_commitment (milestones joined with their commitment's code).
-- Variables (pgbench -D, from bench/run.sh):
--   :code            FR0041
--   :plan_ids        int8[] literal of the commitment's action plan id, e.g. {2}
--   :commitment_ids  int8[] literal of the commitment id, e.g. {41}
\set one 1
SELECT "commitments"."id", "commitments"."action_plan_id", "commitments"."code", "commitments"."number", "commitments"."title", "commitments"."summary", "commitments"."description", "commitments"."policy_areas", "commitments"."lead_institution", "commitments"."support_institutions", "commitments"."ogp_principles", "commitments"."ambitions", "commitments"."status", "commitments"."starred", "commitments"."start_year", "commitments"."end_year", "commitments"."irm_report", "commitments"."irm_starred", "commitments"."irm_early_results", "commitments"."irm_verifiable", "commitments"."irm_relevance", "commitments"."irm_potential_impact", "commitments"."irm_completion", "commitments"."irm_analysis", "commitments"."created_at", "commitments"."updated_at", "commitments"."description_html", "commitments"."irm_analysis_html", "commitments"."archived_at" FROM "commitments" WHERE ("commitments"."code" = :code) LIMIT :one \gset c_
SELECT "action_plans"."id", "action_plans"."slug", "action_plans"."title" FROM "action_plans" WHERE ("action_plans"."id" = ANY(:plan_ids));
SELECT "milestones"."commitment_id", "milestones"."status", COUNT(*) FROM "milestones" WHERE (("milestones"."commitment_id" = ANY(:commitment_ids)) AND ("milestones"."archived_at" IS NULL)) GROUP BY "milestones"."commitment_id", "milestones"."status";
SELECT "milestones"."id", "milestones"."commitment_id", "milestones"."code", "milestones"."title", "milestones"."description", "milestones"."due_date", "milestones"."due_period", "milestones"."status", "milestones"."position", "milestones"."created_at", "milestones"."updated_at", "milestones"."description_html", "milestones"."archived_at", "commitments"."code" FROM ("milestones" INNER JOIN "commitments" ON ("milestones"."commitment_id" = "commitments"."id")) WHERE (("milestones"."commitment_id" = :c_id) AND ("milestones"."archived_at" IS NULL)) ORDER BY "milestones"."position" ASC, "milestones"."id" ASC;
