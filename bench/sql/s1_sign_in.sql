-- S1  POST /api/v1/auth/login with the right password (the benchmark member)
-- Same statements as backend/src/resources/accounts/handlers.rs `login`: the per-address budget
-- (auth::ip_limit, GCRA upsert), the throttles counting the attempt in advance
-- (auth::throttle::admit: the account at this address, then the account from anywhere), the
-- account by email; then, after the argon2id check, which no SQL ceiling can show (see the
-- row's hashing ceiling), in one transaction the throttles cleared and the session recorded.
-- Variables (pgbench -D, from bench/run.sh):
--   :bucket     sign_in:127.0.0.1
--   :interval   seconds between two requests in the budget, :burst_window  its whole window
--               (the benchmark server's RATE_LIMIT_SIGN_IN is set so high that none is refused)
--   :email      the benchmark member's address
--   :pair_key, :account_key, :keys   the throttles' keys (the server keys them by a keyed hash
--               of the address, which only it can compute: same statements, other key text)
--   :user_id    the member;  :expires_at  the session's expiry
\set one 1
\set free_failures 5
\set first_block 30
\set window 900
\set max_block 900
\set account_failures 100
\set account_block 60
\set account_window 3600
\set account_max_block 900
INSERT INTO rate_limits AS r (key, tat) VALUES (:bucket, now() + make_interval(secs => :interval)) ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, now()) + make_interval(secs => :interval) WHERE greatest(r.tat, now()) + make_interval(secs => :interval) <= now() + make_interval(secs => :burst_window) RETURNING r.tat;
INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until) VALUES (:pair_key, 1, now(), CASE WHEN 1 >= :free_failures THEN now() + make_interval(secs => :first_block) END) ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.failures + 1 ELSE 1 END, window_started_at = CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.window_started_at ELSE now() END, blocked_until = (SELECT CASE WHEN n >= :free_failures THEN now() + make_interval(secs => least(:first_block * power(2, least(n - :free_failures, 10)), :max_block)) END FROM (SELECT CASE WHEN now() - t.window_started_at < make_interval(secs => :window) THEN t.failures + 1 ELSE 1 END AS n) AS next) WHERE t.blocked_until IS NULL OR t.blocked_until <= now() RETURNING t.blocked_until, t.failures;
INSERT INTO login_throttle AS t (key, failures, window_started_at, blocked_until) VALUES (:account_key, 1, now(), CASE WHEN 1 >= :account_failures THEN now() + make_interval(secs => :account_block) END) ON CONFLICT (key) DO UPDATE SET failures = CASE WHEN now() - t.window_started_at < make_interval(secs => :account_window) THEN t.failures + 1 ELSE 1 END, window_started_at = CASE WHEN now() - t.window_started_at < make_interval(secs => :account_window) THEN t.window_started_at ELSE now() END, blocked_until = (SELECT CASE WHEN n >= :account_failures THEN now() + make_interval(secs => least(:account_block * power(2, least(n - :account_failures, 10)), :account_max_block)) END FROM (SELECT CASE WHEN now() - t.window_started_at < make_interval(secs => :account_window) THEN t.failures + 1 ELSE 1 END AS n) AS next) WHERE t.blocked_until IS NULL OR t.blocked_until <= now() RETURNING t.blocked_until, t.failures;
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message", "users"."erased_at", "users"."handle", "users"."handle_changed_at", "users"."two_factor_at" FROM "users" WHERE (lower(email) = lower(:email) AND ("users"."erased_at" IS NULL)) LIMIT :one;
BEGIN;
DELETE FROM "login_throttle" WHERE ("login_throttle"."key" = ANY(:keys));
INSERT INTO "sessions" ("user_id", "device", "address_family", "expires_at", "provider", "id_token", "provider_second_factor") VALUES (:user_id, :device, :family, :expires_at, /*null*/NULL, /*null*/NULL, :f) RETURNING "sessions"."id";
COMMIT;
