-- Formats: the written method of a kind of forum (purpose, audience, timed agenda, roles and
-- facilitation rules, accessibility, materials, feedback questionnaire). A format is a name and
-- its published versions; a published version never changes — editing a format publishes a new
-- version with a change note — so a forum can say which version it used and what people said
-- of a version stays about that text.
CREATE TABLE formats (
    id              BIGSERIAL PRIMARY KEY,
    slug            TEXT NOT NULL,
    name            TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
    -- The number of its newest version (versions are 1, 2, … with no gap).
    latest_version  INT NOT NULL DEFAULT 1 CHECK (latest_version >= 1),
    created_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX formats_slug_key ON formats (slug);

CREATE TABLE format_versions (
    id               BIGSERIAL PRIMARY KEY,
    format_id        BIGINT NOT NULL REFERENCES formats (id),
    version          INT NOT NULL CHECK (version >= 1),
    purpose          TEXT NOT NULL,
    audience         TEXT NOT NULL,
    -- The agenda template: [{"title", "minutes"}], in order. Its total is the duration.
    agenda           JSONB NOT NULL CHECK (jsonb_typeof(agenda) = 'array'),
    duration_minutes INT NOT NULL CHECK (duration_minutes > 0),
    -- Markdown.
    roles            TEXT NOT NULL,
    accessibility    TEXT NOT NULL,
    materials        TEXT NOT NULL,
    -- The feedback questionnaire: [{"key", "kind": "rating" | "text", "label"}].
    questionnaire    JSONB NOT NULL CHECK (jsonb_typeof(questionnaire) = 'array'),
    -- The whole version as one markdown document (what the word diff compares) and its HTML.
    document         TEXT NOT NULL,
    document_html    TEXT NOT NULL,
    -- What changed since the version before (none for the first).
    change_note      TEXT CHECK ((version = 1) = (change_note IS NULL)),
    published_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    published_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX format_versions_number_key ON format_versions (format_id, version);

-- A published version is frozen: only its publisher's link may be cut (an account erased).
CREATE FUNCTION format_versions_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (to_jsonb(NEW) - 'published_by') IS DISTINCT FROM (to_jsonb(OLD) - 'published_by')
       OR NEW.published_by IS NOT NULL AND NEW.published_by IS DISTINCT FROM OLD.published_by THEN
        RAISE EXCEPTION 'format_versions: a published version cannot be changed (% refused)', TG_OP
            USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER format_versions_frozen BEFORE UPDATE OR DELETE ON format_versions
    FOR EACH ROW EXECUTE FUNCTION format_versions_frozen();
CREATE TRIGGER format_versions_no_truncate BEFORE TRUNCATE ON format_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- The format version a forum follows.
ALTER TABLE forums ADD COLUMN format_version_id BIGINT REFERENCES format_versions (id);
CREATE INDEX forums_format_version_idx ON forums (format_version_id) WHERE format_version_id IS NOT NULL;

-- iCalendar's SEQUENCE: raised each time what a calendar shows of the forum changes (title,
-- time, place, status, description), so calendar programs replace their copy.
ALTER TABLE forums ADD COLUMN ical_sequence INT NOT NULL DEFAULT 0;
CREATE FUNCTION forums_ical_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.title, NEW.description, NEW.starts_at, NEW.ends_at, NEW.location, NEW.online_url, NEW.status)
       IS DISTINCT FROM
       (OLD.title, OLD.description, OLD.starts_at, OLD.ends_at, OLD.location, OLD.online_url, OLD.status) THEN
        NEW.ical_sequence := OLD.ical_sequence + 1;
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER forums_ical_sequence BEFORE UPDATE ON forums
    FOR EACH ROW EXECUTE FUNCTION forums_ical_sequence();
