-- HTTP caching (issue 22, point 3): the version of the public record. Every committed write to
-- a table that a public representation reads from raises it, in the writer's own transaction
-- (statement triggers, so no code path can forget: reactions, seat counts, jobs and seeds
-- included). The API hashes it into the ETag of public reads and answers a matching
-- If-None-Match with 304 after reading only this table.
--
-- Sharded: a writer raises the row of its own backend (pid modulo 64), so concurrent writers do
-- not queue on one row lock until they commit; readers sum the rows. Each row only grows, so
-- two equal sums mean that no write committed in between.
CREATE TABLE public_version (
    shard integer PRIMARY KEY CHECK (shard >= 0 AND shard < 64),
    version bigint NOT NULL DEFAULT 0
) WITH (fillfactor = 50);

INSERT INTO public_version (shard) SELECT generate_series(0, 63);

CREATE FUNCTION bump_public_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE public_version SET version = version + 1 WHERE shard = pg_backend_pid() % 64;
    RETURN NULL;
END
$$;

-- Every table except those no public representation reads (queues, throttles, personal
-- settings and inboxes, mail tokens, reports, the feed readers' positions). A new table gets
-- the trigger too unless it is added to this list; `tests/tests/api/caching.rs` checks it.
DO $$
DECLARE t text;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
          AND c.relname NOT IN ('__diesel_schema_migrations', 'public_version', 'jobs', 'job_effects',
                                'login_throttle', 'rate_limits', 'mail_tokens', 'event_positions',
                                'data_fixups', 'notifications', 'notification_settings',
                                'comment_reports', 'api_tokens', 'api_rate_windows')
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                        FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version()',
                       t || '_public_version', t);
    END LOOP;
END
$$;
