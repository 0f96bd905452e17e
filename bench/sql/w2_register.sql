-- W2  POST /api/v1/forums/{slug}/registrations as a member (a seat is free)
-- Same statements as backend/src/resources/registrations/handlers.rs `register_for_forum`, in
-- one transaction: the account behind the token (BearerToken::authorize), the forum by slug,
-- then queries::register — the forum locked (SELECT … FOR UPDATE: registrations for one forum
-- take their turn, which is what keeps the seats exact), no active registration of the person,
-- the seats taken (also what the organiser's 80 %/100 % mails go by; no seat is reserved, so
-- reserved ones are not counted), the INSERT, its `registration.created` event, the forum's
-- time as the mail words it, the confirmation mail's job, and whether the forum's reminder job
-- is queued (it is, after the first registration).
-- Each transaction is the next (member, forum) pair, as in the API run: the line marked
-- /*bench*/ draws it from a sequence (the API gets it from the request) and is left out of the
-- SQL check; it costs one trivial statement more than the API's transaction.
-- Variables (pgbench -D, from bench/run.sh):
--   :first_user   the first of the large seed's 10,000 members (their ids follow each other)
--   :users        10000;  :forums  how many of the run's forums (bench-w2-pg-1…)
--   :starts_at    those forums' start; :reminder_at  48 hours before
--   :payload      a confirmation mail's job payload, as the API writes one; :event_payload the
--                 registration.created event's
--   :cancelled, :registered, :f, :queued, :event_type, :event_kind, :mail_kind,
--   :reminders_kind, :when_format   the constants the API binds (see run.sh)
\set one 1
\set max_attempts 8
/*bench*/ SELECT :first_user + n % :users AS user_id, 'bench-w2-pg-' || (1 + (n / :users) % :forums) AS slug, upper(substr(md5(random()::text || n), 1, 10)) AS code FROM (SELECT nextval('bench_w2_seq') AS n) s \gset
BEGIN;
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message", "users"."erased_at", "users"."handle", "users"."handle_changed_at", "users"."two_factor_at" FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at", "forums"."subject_id", "forums"."lang", "forums"."format_version_id", "forums"."ical_sequence", "forums"."cycle_id", "forums"."feedback_closes_at", "forums"."filling_notified_at", "forums"."full_notified_at", "forums"."registration_closes_at", "forums"."reserved_seats", "forums"."reserved_for", "forums"."reserved_until" FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one \gset f_
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."theme", "forums"."description", "forums"."starts_at", "forums"."ends_at", "forums"."location", "forums"."online_url", "forums"."capacity", "forums"."status", "forums"."created_by", "forums"."created_at", "forums"."updated_at", "forums"."description_html", "forums"."archived_at", "forums"."subject_id", "forums"."lang", "forums"."format_version_id", "forums"."ical_sequence", "forums"."cycle_id", "forums"."feedback_closes_at", "forums"."filling_notified_at", "forums"."full_notified_at", "forums"."registration_closes_at", "forums"."reserved_seats", "forums"."reserved_for", "forums"."reserved_until" FROM "forums" WHERE ("forums"."id" = :f_id) LIMIT :one FOR UPDATE;
SELECT "registrations"."id", "registrations"."forum_id", "registrations"."user_id", "registrations"."status", "registrations"."code", "registrations"."created_at", "registrations"."updated_at", "registrations"."promoted_at", "registrations"."cancelled_at", "registrations"."checked_in_at", "registrations"."checked_in_by", "registrations"."reminded_for", "registrations"."reserved" FROM "registrations" WHERE ((("registrations"."forum_id" = :f_id) AND ("registrations"."user_id" = :user_id)) AND ("registrations"."status" != :cancelled)) LIMIT :one;
SELECT COUNT(*) FROM "registrations" WHERE (("registrations"."forum_id" = :f_id) AND ("registrations"."status" = :registered));
INSERT INTO "registrations" ("forum_id", "user_id", "status", "code", "reserved") VALUES (:f_id, :user_id, :registered, :code, :f) RETURNING "registrations"."id", "registrations"."forum_id", "registrations"."user_id", "registrations"."status", "registrations"."code", "registrations"."created_at", "registrations"."updated_at", "registrations"."promoted_at", "registrations"."cancelled_at", "registrations"."checked_in_at", "registrations"."checked_in_by", "registrations"."reminded_for", "registrations"."reserved" \gset r_
INSERT INTO "events" ("type", "subject_kind", "subject_ref", "subject_key", "actor_id", "audited", "payload") VALUES (:event_type, :event_kind, :r_id, :r_id, :user_id, :f, :event_payload);
SELECT to_char(:starts_at::timestamptz AT TIME ZONE 'Europe/Paris', :when_format);
SELECT "forums"."id", "forums"."slug", "forums"."title", "forums"."description", "forums"."location", "forums"."online_url", "forums"."status", "forums"."ical_sequence", "forums"."created_at", "forums"."updated_at", (forums.starts_at AT TIME ZONE 'Europe/Paris'), (forums.ends_at AT TIME ZONE 'Europe/Paris') FROM "forums" WHERE ("forums"."id" = :f_id) LIMIT :one;
INSERT INTO "jobs" ("kind", "payload", "run_at", "max_attempts") VALUES (:mail_kind, :payload, :now, :max_attempts) RETURNING "jobs"."id";
SELECT EXISTS (SELECT "jobs"."id", "jobs"."kind", "jobs"."payload", "jobs"."state", "jobs"."run_at", "jobs"."attempts", "jobs"."max_attempts", "jobs"."locked_at", "jobs"."locked_by", "jobs"."last_error", "jobs"."created_at", "jobs"."finished_at" FROM "jobs" WHERE (((("jobs"."kind" = :reminders_kind) AND ("jobs"."state" = :queued)) AND (payload ->> 'forum_id') = :f_id) AND ("jobs"."run_at" = :reminder_at)));
COMMIT;
