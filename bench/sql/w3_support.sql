-- W3  POST /api/v1/proposals/{id}/supports as a member
-- Same statements as backend/src/resources/proposals/handlers.rs `support_proposal`: the
-- account behind the token (BearerToken::authorize, users::find: the members' tokens carry no
-- session, as W2's), then in one transaction the proposal, its plan (still in preparation?),
-- writes::support — the support inserted (a second is a 409), the count raised under the
-- proposal's row lock, returning the row — and the private `proposal.supported` event.
-- Each transaction is the next (member, proposal) pair, as in the API run (proposals first,
-- members second): the line marked /*bench*/ draws it from a sequence (the API gets it from the
-- request) and is left out of the SQL check; it costs one trivial statement more than the API.
-- Variables (pgbench -D, from bench/run.sh):
--   :first_user      the first of the large seed's 10,000 members (their ids follow each other)
--   :users           10000
--   :first_proposal  the first of the run's 100 pgbench proposals (bench-w3; ids follow each other)
--   :proposals       100;  :plan_id  their plan
--   :event_type, :event_kind, :f, :payload   the constants the API binds (see run.sh)
\set one 1
/*bench*/ SELECT :first_user + (n / :proposals) % :users AS user_id, :first_proposal + n % :proposals AS proposal_id FROM (SELECT nextval('bench_w3_seq') AS n) s \gset
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message", "users"."erased_at", "users"."handle", "users"."handle_changed_at", "users"."two_factor_at" FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
BEGIN;
SELECT "proposals"."id", "proposals"."action_plan_id", "proposals"."phase_id", "proposals"."title", "proposals"."problem", "proposals"."problem_html", "proposals"."solution", "proposals"."solution_html", "proposals"."theme", "proposals"."commitment_id", "proposals"."possible_lead", "proposals"."lang", "proposals"."origin", "proposals"."forum_id", "proposals"."author_id", "proposals"."spoken_by", "proposals"."entered_by", "proposals"."merged_into_id", "proposals"."support_count", "proposals"."state", "proposals"."reason", "proposals"."reason_html", "proposals"."responded_at", "proposals"."responded_by", "proposals"."draft_state", "proposals"."draft_reason", "proposals"."drafted_by", "proposals"."drafted_at", "proposals"."subject_id", "proposals"."created_at", "proposals"."updated_at" FROM "proposals" WHERE ("proposals"."id" = :proposal_id) LIMIT :one;
SELECT "action_plans"."id", "action_plans"."slug", "action_plans"."country", "action_plans"."title", "action_plans"."period_start", "action_plans"."period_end", "action_plans"."description", "action_plans"."created_at", "action_plans"."updated_at", "action_plans"."subject_id", "action_plans"."lang", "action_plans"."status", "action_plans"."coordinating_institution_id", "action_plans"."timeline_published_at", "action_plans"."timeline_late_reason" FROM "action_plans" WHERE ("action_plans"."id" = :plan_id) LIMIT :one;
INSERT INTO "proposal_supports" ("proposal_id", "user_id") VALUES (:proposal_id, :user_id) ON CONFLICT DO NOTHING;
UPDATE "proposals" SET "support_count" = ("proposals"."support_count" + :one) WHERE ("proposals"."id" = :proposal_id) RETURNING "proposals"."id", "proposals"."action_plan_id", "proposals"."phase_id", "proposals"."title", "proposals"."problem", "proposals"."problem_html", "proposals"."solution", "proposals"."solution_html", "proposals"."theme", "proposals"."commitment_id", "proposals"."possible_lead", "proposals"."lang", "proposals"."origin", "proposals"."forum_id", "proposals"."author_id", "proposals"."spoken_by", "proposals"."entered_by", "proposals"."merged_into_id", "proposals"."support_count", "proposals"."state", "proposals"."reason", "proposals"."reason_html", "proposals"."responded_at", "proposals"."responded_by", "proposals"."draft_state", "proposals"."draft_reason", "proposals"."drafted_by", "proposals"."drafted_at", "proposals"."subject_id", "proposals"."created_at", "proposals"."updated_at";
INSERT INTO "events" ("type", "subject_kind", "subject_ref", "subject_key", "actor_id", "audited", "payload") VALUES (:event_type, :event_kind, :proposal_id, :proposal_id, :user_id, :f, :payload);
COMMIT;
