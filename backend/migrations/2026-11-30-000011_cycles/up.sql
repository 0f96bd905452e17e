-- Cycles: a run of forums (e.g. "Premier cycle — second semestre 2018") and the commitments it
-- sets out to cover. A forum belongs to at most one cycle.
CREATE TABLE cycles (
    id                BIGSERIAL PRIMARY KEY,
    slug              TEXT NOT NULL,
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    description_html  TEXT NOT NULL DEFAULT '',
    starts_on         DATE NOT NULL,
    ends_on           DATE NOT NULL,
    lang              TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX cycles_slug_key ON cycles (slug);
CREATE INDEX cycles_starts_idx ON cycles (starts_on DESC, id DESC);

CREATE TABLE cycle_commitments (
    cycle_id       BIGINT NOT NULL REFERENCES cycles (id) ON DELETE CASCADE,
    commitment_id  BIGINT NOT NULL REFERENCES commitments (id),
    PRIMARY KEY (cycle_id, commitment_id)
);

ALTER TABLE forums ADD COLUMN cycle_id BIGINT REFERENCES cycles (id);
CREATE INDEX forums_cycle_idx ON forums (cycle_id, starts_at) WHERE cycle_id IS NOT NULL;
