-- R7  GET /api/v1/me/notifications/unread-count as a signed-in member
-- Same statements as backend/src/resources/notifications/handlers.rs `unread_count`: the
-- account behind the token (AuthUser: users::find, so that suspensions and role changes apply
-- at once), then notifications::queries::unread_count — unread rows counted on the partial
-- index `notifications_unread_idx (user_id, id) WHERE read_at IS NULL`, stopping at the cap
-- (the header shows "99+"): never more than 101 index entries, whatever the member's history.
-- Variables (pgbench -D, from bench/run.sh):
--   :user_id   the benchmark member (300 notifications, 150 unread; the large seed's 10,000
--              users have 100 each, a third unread: 1,000,000 rows in the table)
--   :sid       the session its token carries (the lookup asks whether it is still on)
--   :cap       UNREAD_COUNT_CAP + 1 (101)
\set one 1
SELECT "users"."id", "users"."email", "users"."display_name", "users"."password_hash", "users"."role", "users"."organisation", "users"."suspended_at", "users"."created_at", "users"."updated_at", "users"."session_version", "users"."locale", "users"."email_verified_at", "users"."institution_id", "users"."suspended_until", "users"."suspension_message", "users"."erased_at", "users"."handle", "users"."handle_changed_at", "users"."two_factor_at", (SELECT CASE WHEN s.ended_at IS NOT NULL THEN 0 WHEN s.provider_second_factor THEN 2 ELSE 1 END::int2 FROM sessions s WHERE s.id = :sid AND s.user_id = users.id) FROM "users" WHERE ("users"."id" = :user_id) LIMIT :one;
SELECT count(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = :user_id AND read_at IS NULL LIMIT :cap) t;
