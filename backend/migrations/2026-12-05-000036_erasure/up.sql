-- Erasure (RGPD article 17): an account can be erased, by its owner or an admin. The row stays
-- as a tombstone ("Compte supprimé") so that threads keep their shape and counts stay true;
-- everything that said who the person was goes (see `resources/erasure`).
ALTER TABLE users ADD COLUMN erased_at TIMESTAMPTZ;

-- A progress update keeps its institution and loses its author: the account (as before) and,
-- with it, the name it was posted under. Nothing else of an update ever changes.
CREATE OR REPLACE FUNCTION progress_updates_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (to_jsonb(NEW) - 'author_id' - 'author_name') IS DISTINCT FROM (to_jsonb(OLD) - 'author_id' - 'author_name')
       OR NEW.author_id IS NOT NULL AND NEW.author_id IS DISTINCT FROM OLD.author_id
       OR NEW.author_name IS DISTINCT FROM OLD.author_name
          AND NOT (OLD.author_id IS NOT NULL AND NEW.author_id IS NULL AND NEW.author_name = 'Compte supprimé') THEN
        RAISE EXCEPTION 'progress_updates is append-only: % refused', TG_OP
            USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;

-- Events name people by id only: the progress log's audited rows carried the author's name,
-- which an erasure must be able to remove. Taken out of the log once, here (the log is
-- append-only for everything else, and no longer receives names).
ALTER TABLE events DISABLE TRIGGER events_append_only;
UPDATE events SET payload = jsonb_set(payload, '{after}', (payload->'after') - 'author_name')
 WHERE type = 'milestone.progress_reported' AND jsonb_typeof(payload->'after') = 'object'
   AND payload->'after' ? 'author_name';
ALTER TABLE events ENABLE TRIGGER events_append_only;

-- Sign-in throttles were keyed by the address itself; they are keyed by its digest now, and
-- rows last a quarter of an hour: the old ones go.
DELETE FROM login_throttle;
