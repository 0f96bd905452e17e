-- Handles (issue 24, finding 5): display names are not unique, so a mention by name could
-- silence or impersonate. Every account has a unique `@handle`: derived from the name when the
-- account is made (by the trigger below, whatever makes it: sign-up, seed, benchmark), changed
-- by its owner within limits; mentions and suggestions use it.

-- The handle a name suggests: unaccented, lower case, runs of anything else as one hyphen,
-- at most 24 characters; "membre" when nothing is left.
CREATE FUNCTION handle_base(name TEXT) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(nullif(trim(BOTH '-' FROM left(trim(BOTH '-' FROM
        regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, name)), '[^a-z0-9]+', '-', 'g')), 24)), ''), 'membre')
$$;

ALTER TABLE users ADD COLUMN handle TEXT, ADD COLUMN handle_changed_at TIMESTAMPTZ;
-- Existing accounts: the name's handle, the first one (by id) keeps it bare, the others take
-- their id.
UPDATE users u SET handle = CASE WHEN h.n = 1 THEN h.base ELSE h.base || '-' || u.id END
  FROM (SELECT id, handle_base(display_name) AS base,
               row_number() OVER (PARTITION BY handle_base(display_name) ORDER BY id) AS n
          FROM users) h
 WHERE h.id = u.id;
ALTER TABLE users ALTER COLUMN handle SET NOT NULL,
    ADD CONSTRAINT users_handle_format CHECK (handle ~ '^[a-z0-9]([a-z0-9-]{0,28}[a-z0-9])?$');
CREATE UNIQUE INDEX users_handle_key ON users (handle);

-- A new account without a handle gets its name's, or, when taken, the name's with its id (ids
-- are unique: one look, however many namesakes).
CREATE FUNCTION users_default_handle() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    base TEXT := handle_base(NEW.display_name);
BEGIN
    IF NEW.handle IS NULL THEN
        IF EXISTS (SELECT 1 FROM users WHERE handle = base) THEN
            NEW.handle := left(base, 29 - length(NEW.id::text)) || '-' || NEW.id;
        ELSE
            NEW.handle := base;
        END IF;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER users_default_handle BEFORE INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION users_default_handle();

-- Suggestions match a handle's beginning.
CREATE INDEX users_handle_prefix_idx ON users (handle text_pattern_ops);
