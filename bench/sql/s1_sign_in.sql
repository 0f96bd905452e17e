-- S1  POST /api/v1/auth/login with the right password (the benchmark member)
-- Same statements as backend/src/resources/accounts/handlers.rs `login`: the per-address budget
-- (auth::ip_limit, GCRA upsert), the per-account throttle counting the attempt in advance
-- (auth::throttle::admit), the account by email; then, after the argon2id check, which no SQL
-- ceiling can show (see the row's hashing ceiling), the throttle cleared.
-- Variables (pgbench -D, from bench/run.sh):
--   :bucket     sign_in:127.0.0.1
--   :interval   seconds between two requests in the budget, :burst_window  its whole window
--               (the benchmark server's RATE_LIMIT_SIGN_IN is set so high that none is refused)
--   :email      the benchmark member's address (its throttle key is the same, lowercased)
\set one 1
\set free_failures 5
\set first_block 30
\set window 900
\set max_block 900
INSERT INTO rate_limits AS r (key, tat) VALUES (:bucket, now() + make_interval(secs => :interval)) ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, now()) + make_interval(secs => :interval) WHERE greatest(r.tat, now()) + make_interval(secs => :interval) <= now() + make_interval(secs => :burst_window) RETURNING r.tat;
INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until) VALUES (:email, 1, now(), CASE WHEN 1 >= :free_failures THEN now() + make_interval(secs => :first_block) END) ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.failures + 1 ELSE 1 END, window_started_at = CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.window_started_at ELSE now() END, blocked_until = (SELECT CASE WHEN n >= :free_failures THEN now() + make_interval(secs => least(:first_block * power(2, least(n - :free_failures, 10)), :max_block)) END FROM (SELECT CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.failures + 1 ELSE 1 END AS n) AS next) WHERE t.blocked_until IS NULL OR t.blocked_until <= now() RETURNING t.blocked_until;
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message" FROM "users" WHERE lower(email) = lower(:email) LIMIT :one;
DELETE FROM "login_throttle" WHERE ("login_throttle"."key" = :email);
