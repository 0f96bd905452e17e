-- French full-text search, accent-insensitive, over stored (generated) tsvectors, and the
-- table that throttles repeated failed sign-ins.

CREATE EXTENSION IF NOT EXISTS unaccent;

-- French stemming after accent folding: "débat", "debat" and "débats" meet.
CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.french_stem;

-- Stored vectors: computed once per write, never per search.
ALTER TABLE comments ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('public.fr_unaccent'::regconfig, body)) STORED;
-- Only what the public may read is searchable.
CREATE INDEX comments_search_idx ON comments USING gin (search_vector)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;
CREATE INDEX comments_recent_public_idx ON comments (created_at DESC, id DESC)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;

ALTER TABLE commitments ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('public.fr_unaccent'::regconfig, code || ' ' || title), 'A') ||
    setweight(to_tsvector('public.fr_unaccent'::regconfig, coalesce(summary, '') || ' ' || coalesce(lead_institution, '')), 'B') ||
    setweight(to_tsvector('public.fr_unaccent'::regconfig, coalesce(description, '')), 'C')
) STORED;
CREATE INDEX commitments_search_idx ON commitments USING gin (search_vector);

ALTER TABLE milestones ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('public.fr_unaccent'::regconfig, code || ' ' || title), 'A') ||
    setweight(to_tsvector('public.fr_unaccent'::regconfig, coalesce(description, '')), 'C')
) STORED;
CREATE INDEX milestones_search_idx ON milestones USING gin (search_vector);

ALTER TABLE forums ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('public.fr_unaccent'::regconfig, title), 'A') ||
    setweight(to_tsvector('public.fr_unaccent'::regconfig, theme), 'B') ||
    setweight(to_tsvector('public.fr_unaccent'::regconfig, description), 'C')
) STORED;
CREATE INDEX forums_search_idx ON forums USING gin (search_vector);

-- Failed sign-ins per account (lowercased email). Blocks are short and grow with repeated
-- failures, so an attacker is slowed down while the real owner is never locked out for long.
CREATE TABLE login_throttle (
    key                TEXT PRIMARY KEY,
    failures           INTEGER NOT NULL,
    window_started_at  TIMESTAMPTZ NOT NULL,
    blocked_until      TIMESTAMPTZ
);
