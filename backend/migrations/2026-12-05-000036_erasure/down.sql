CREATE OR REPLACE FUNCTION progress_updates_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (to_jsonb(NEW) - 'author_id') IS DISTINCT FROM (to_jsonb(OLD) - 'author_id')
       OR NEW.author_id IS NOT NULL AND NEW.author_id IS DISTINCT FROM OLD.author_id THEN
        RAISE EXCEPTION 'progress_updates is append-only: % refused', TG_OP
            USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;
ALTER TABLE users DROP COLUMN erased_at;
