-- W1  POST /api/v1/forums/{slug}/comments as a signed-in member
-- Same statements as the request, backend/src/resources/comments/handlers.rs `create_for`, in
-- one transaction — after the posting limit per account (auth::ip_limit, `RATE_LIMIT_POSTING`:
-- one GCRA upsert, in its own statement so the budget row is locked only for it) —: the
-- author's account (BearerToken::authorize, users::find), subjects::resolve
-- (the forum by slug), the INSERT ... RETURNING id, created_at (the rest of the answer is known
-- without a read-back), and its `comment.created` event with the notifications' fan-out job
-- (events::record: one statement, INSERT INTO events within INSERT INTO jobs; the job itself
-- runs later, in a worker, and costs the poster nothing — W1f posts where 10,000 people
-- follow, with these same statements). The columns the API
-- binds as NULL are written /*null*/NULL: pgbench variables cannot be NULL, and bench/report.py
-- reads the marker as a bound parameter.
-- Variables (pgbench -D, from bench/run.sh):
--   :user_id     the benchmark member's id
--   :sid         the session its token carries (the lookup asks whether it is still on)
--   :posting_key, :posting_interval, :posting_window   the account's posting budget as
--                auth::ip_limit computes it (the run sets RATE_LIMIT_POSTING very high)
--   :slug        the forum written to (forum-large-busy-4: R1 reads busy-0, so W1 never changes
--                what R1 measures); :subject_id its subject (the API reuses the row it found)
--   :body, :body_html   the comment and its rendering, as the API stores them
--   :event_type, :event_kind, :audited, :payload   the event as the API writes it
--                (comment.created, comment, false, and the payload of the probe's event)
--   :job_kinds   {notifications_fan_out}: the kinds of job the event is queued for
-- :c_id comes from the INSERT (\gset), as the API uses the id it got back.
\set one 1
\set depth 0
INSERT INTO rate_limits AS r (key, tat) VALUES (:posting_key, now() + make_interval(secs => :posting_interval)) ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, now()) + make_interval(secs => :posting_interval) WHERE greatest(r.tat, now()) + make_interval(secs => :posting_interval) <= now() + make_interval(secs => :posting_window) RETURNING r.tat;
BEGIN;
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message", "users"."erased_at", "users"."handle", "users"."handle_changed_at", "users"."two_factor_at", (SELECT CASE WHEN s.ended_at IS NOT NULL THEN 0 WHEN s.provider_second_factor THEN 2 ELSE 1 END::int2 FROM sessions s WHERE s.id = :sid AND s.user_id = users.id) FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
SELECT "forums"."id", "forums"."subject_id", "forums"."slug", ("forums"."archived_at" IS NOT NULL) FROM "forums" WHERE ("forums"."slug" = :slug) LIMIT :one;
INSERT INTO "comments" ("subject_id", "parent_id", "root_id", "depth", "author_id", "body", "body_html") VALUES (:subject_id, /*null*/NULL, /*null*/NULL, :depth, :user_id, :body, :body_html) RETURNING "comments"."id", "comments"."created_at" \gset c_
\set max_attempts 8
WITH e AS (INSERT INTO events (type, subject_kind, subject_ref, subject_key, actor_id, audited, payload) VALUES (:event_type, :event_kind, :c_id, :c_id, :user_id, :audited, :payload) RETURNING id) INSERT INTO jobs (kind, payload, max_attempts) SELECT k, jsonb_build_object('event_id', e.id), :max_attempts FROM e, unnest(:job_kinds::text[]) AS k RETURNING id;
COMMIT;
