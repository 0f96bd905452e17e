-- R8  GET /api/v1/institutions/institution-large/record   (an institution's record)
-- Same statements as backend/src/resources/questions/record.rs `institution_record`: the
-- institution by slug, then the aggregates triggers maintain (institution_records by primary
-- key, the working-days histogram), the open questions counted on the partial index of
-- unanswered ones (never the 40,000 questions), the action items it owns and the progress
-- updates it posted, each a grouped count on an index.
-- Variables (pgbench -D, from bench/run.sh):
--   :slug             institution-large (40 % of the large seed's 100,000 questions)
--   :institution_ids  int8[] literal: its id
-- HTTP caching (app/caching.rs): the version of the public record, read before the handler.
SELECT coalesce(sum(version), 0)::int8 AS version, 0::int8 AS horizon FROM public_version;
\set one 1
SELECT "institutions"."id", "institutions"."slug", "institutions"."name", "institutions"."acronym", "institutions"."kind", "institutions"."siren", "institutions"."website", "institutions"."lang", "institutions"."created_at", "institutions"."updated_at" FROM "institutions" WHERE ("institutions"."slug" = :slug) LIMIT :one;
SELECT "institution_records"."institution_id", "institution_records"."questions_received", "institution_records"."questions_answered", "institution_records"."answered_on_time" FROM "institution_records" WHERE ("institution_records"."institution_id" = ANY(:institution_ids));
SELECT "institution_answer_days"."institution_id", "institution_answer_days"."working_days", "institution_answer_days"."answers" FROM "institution_answer_days" WHERE ("institution_answer_days"."institution_id" = ANY(:institution_ids));
SELECT "questions"."institution_id", count(*) FILTER (WHERE questions.due_on >= (SELECT paris_today())), count(*) FILTER (WHERE questions.due_on < (SELECT paris_today())), count(*) FILTER (WHERE questions.long_due_on < (SELECT paris_today())) FROM "questions" WHERE (("questions"."institution_id" = ANY(:institution_ids)) AND ("questions"."answered_on" IS NULL)) GROUP BY "questions"."institution_id";
SELECT "action_items"."owner_institution_id", COUNT(*), count(*) FILTER (WHERE action_items.status IN ('done', 'dropped')), count(*) FILTER (WHERE action_items.status IN ('done', 'dropped') AND (action_items.closed_at AT TIME ZONE 'Europe/Paris')::date <= action_items.due_on), count(*) FILTER (WHERE action_items.status IN ('open', 'in_progress') AND action_items.due_on < (SELECT paris_today())) FROM "action_items" WHERE ("action_items"."owner_institution_id" = ANY(:institution_ids)) GROUP BY "action_items"."owner_institution_id";
SELECT "progress_updates"."institution_id", COUNT(*) FROM "progress_updates" WHERE ("progress_updates"."institution_id" = ANY(:institution_ids)) GROUP BY "progress_updates"."institution_id";
