-- Institutions become records: commitments' lead and support institutions, officials and the
-- action items an institution owns point at them. The text columns of commitments
-- (`lead_institution`, `support_institutions`) stay, as copies of the records' names kept by
-- triggers, so that search, the change feed and older clients read what they always read.
CREATE TABLE institutions (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        TEXT NOT NULL CHECK (btrim(name) <> ''),
    acronym     TEXT,
    kind        TEXT NOT NULL DEFAULT 'other'
                CHECK (kind IN ('ministry', 'agency', 'local_authority', 'civil_society', 'other')),
    -- The French company register's nine digits, when it has one.
    siren       TEXT CHECK (siren ~ '^[0-9]{9}$'),
    website     TEXT,
    lang        TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX institutions_name_key ON institutions (lower(name));
CREATE INDEX institutions_order_idx ON institutions (lower(name), id);

-- A commitment's lead institution (at most one) and support institutions, in order. (A join
-- table rather than a column: `commitments` is at Diesel's 32-column limit.)
CREATE TABLE commitment_institutions (
    commitment_id   BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    institution_id  BIGINT NOT NULL REFERENCES institutions (id),
    lead            BOOLEAN NOT NULL,
    position        INT NOT NULL,
    PRIMARY KEY (commitment_id, institution_id)
);
CREATE UNIQUE INDEX commitment_institutions_one_lead ON commitment_institutions (commitment_id) WHERE lead;
CREATE INDEX commitment_institutions_institution_idx ON commitment_institutions (institution_id, lead);

ALTER TABLE users ADD COLUMN institution_id BIGINT REFERENCES institutions (id);
CREATE INDEX users_institution_idx ON users (institution_id) WHERE institution_id IS NOT NULL;

ALTER TABLE action_items ADD COLUMN owner_institution_id BIGINT REFERENCES institutions (id);
CREATE INDEX action_items_owner_institution_idx ON action_items (owner_institution_id, due_on, id)
    WHERE owner_institution_id IS NOT NULL;

-- The copies of the names.
CREATE FUNCTION commitment_institution_names(commitment BIGINT) RETURNS void LANGUAGE sql AS $$
    UPDATE commitments SET
        lead_institution = (SELECT i.name FROM commitment_institutions l JOIN institutions i ON i.id = l.institution_id
                             WHERE l.commitment_id = commitment AND l.lead),
        support_institutions = coalesce((
            SELECT array_agg(i.name ORDER BY s.position, i.id)
            FROM commitment_institutions s JOIN institutions i ON i.id = s.institution_id
            WHERE s.commitment_id = commitment AND NOT s.lead), '{}')
    WHERE id = commitment;
$$;
CREATE FUNCTION commitment_institutions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM commitment_institution_names(NEW.commitment_id);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        PERFORM commitment_institution_names(OLD.commitment_id);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER commitment_institutions_names AFTER INSERT OR UPDATE OR DELETE ON commitment_institutions
    FOR EACH ROW EXECUTE FUNCTION commitment_institutions_changed();

CREATE FUNCTION institution_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM commitment_institution_names(commitment_id) FROM commitment_institutions WHERE institution_id = NEW.id;
    UPDATE action_items SET owner_name = NEW.name WHERE owner_institution_id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER institutions_renamed AFTER UPDATE OF name ON institutions
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name) EXECUTE FUNCTION institution_renamed();

-- Turns the names typed so far into records: each distinct name becomes an institution (kind
-- `other` until an admin says better), and commitments and action items point at it. The
-- migration runs it once; the seed runs it after loading commitments named by text.
CREATE FUNCTION institutions_from_text() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    n TEXT;
    base TEXT;
BEGIN
    FOR n IN
        SELECT DISTINCT btrim(x) FROM (
            SELECT x FROM commitments c
             CROSS JOIN LATERAL unnest(array_prepend(c.lead_institution, c.support_institutions)) AS x
             WHERE NOT EXISTS (SELECT 1 FROM commitment_institutions l WHERE l.commitment_id = c.id)
            UNION ALL
            SELECT owner_name FROM action_items
             WHERE owner_kind = 'institution' AND owner_institution_id IS NULL
        ) names
        WHERE x IS NOT NULL AND btrim(x) <> ''
    LOOP
        IF NOT EXISTS (SELECT 1 FROM institutions WHERE lower(name) = lower(n)) THEN
            base := left(btrim(regexp_replace(lower(unaccent(n)), '[^a-z0-9]+', '-', 'g'), '-'), 70);
            base := btrim(base, '-');
            IF base = '' THEN base := 'institution'; END IF;
            IF EXISTS (SELECT 1 FROM institutions WHERE slug = base) THEN
                base := base || '-' || (SELECT count(*) + 1 FROM institutions);
            END IF;
            INSERT INTO institutions (slug, name) VALUES (base, n);
        END IF;
    END LOOP;
    -- Links for the commitments that have none yet: the lead, then the supports in order.
    INSERT INTO commitment_institutions (commitment_id, institution_id, lead, position)
    SELECT DISTINCT ON (c.id, i.id) c.id, i.id, n.ord = 0, n.ord
      FROM commitments c
      CROSS JOIN LATERAL (
          SELECT c.lead_institution AS name, 0::bigint AS ord
          UNION ALL
          SELECT s.name, s.ord FROM unnest(c.support_institutions) WITH ORDINALITY AS s(name, ord)
      ) n
      JOIN institutions i ON lower(i.name) = lower(btrim(n.name))
     WHERE NOT EXISTS (SELECT 1 FROM commitment_institutions l WHERE l.commitment_id = c.id)
     ORDER BY c.id, i.id, n.ord
    ON CONFLICT DO NOTHING;
    UPDATE action_items a SET owner_institution_id = i.id
      FROM institutions i
     WHERE a.owner_kind = 'institution' AND a.owner_institution_id IS NULL
       AND lower(i.name) = lower(btrim(a.owner_name));
END;
$$;
SELECT institutions_from_text();

-- The progress log: dated updates on milestones, each with the milestone's status and OGP's
-- completion level then. Append-only: a correction is a new update naming the one it corrects.
-- A milestone's status and completion are those of its latest update (by date, then by
-- posting order); before any update, the completion it was created with (`baseline`).
ALTER TABLE milestones
    ADD COLUMN baseline_completion TEXT NOT NULL DEFAULT 'no_evidence'
        CHECK (baseline_completion IN ('no_evidence', 'not_started', 'limited', 'substantial', 'complete')),
    ADD COLUMN completion TEXT NOT NULL DEFAULT 'no_evidence'
        CHECK (completion IN ('no_evidence', 'not_started', 'limited', 'substantial', 'complete'));
UPDATE milestones SET baseline_completion = CASE status
        WHEN 'completed' THEN 'complete'
        WHEN 'not_started' THEN 'not_started'
        WHEN 'in_progress' THEN 'limited'
        WHEN 'delayed' THEN 'limited'
        ELSE 'no_evidence' END;
UPDATE milestones SET completion = baseline_completion;

CREATE TABLE progress_updates (
    id              BIGSERIAL PRIMARY KEY,
    milestone_id    BIGINT NOT NULL REFERENCES milestones (id),
    -- The day the update reports on (not after the day it was posted, in Paris).
    as_of           DATE NOT NULL,
    status          TEXT NOT NULL
                    CHECK (status IN ('not_started', 'in_progress', 'completed', 'delayed', 'withdrawn')),
    completion      TEXT NOT NULL
                    CHECK (completion IN ('no_evidence', 'not_started', 'limited', 'substantial', 'complete')),
    note            TEXT NOT NULL,
    note_html       TEXT NOT NULL,
    -- [{"url": …, "title": …}]
    evidence        JSONB NOT NULL DEFAULT '[]',
    corrects_id     BIGINT REFERENCES progress_updates (id),
    -- Attribution, as it was when posted: the account (cut if it is erased), its name then,
    -- and the institution it spoke for.
    author_id       BIGINT REFERENCES users (id) ON DELETE SET NULL,
    author_name     TEXT NOT NULL,
    institution_id  BIGINT REFERENCES institutions (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX progress_updates_milestone_idx ON progress_updates (milestone_id, as_of DESC, id DESC);
CREATE INDEX progress_updates_institution_idx ON progress_updates (institution_id, id)
    WHERE institution_id IS NOT NULL;

CREATE FUNCTION progress_updates_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
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
CREATE TRIGGER progress_updates_append_only BEFORE UPDATE OR DELETE ON progress_updates
    FOR EACH ROW EXECUTE FUNCTION progress_updates_frozen();
CREATE TRIGGER progress_updates_no_truncate BEFORE TRUNCATE ON progress_updates
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION progress_update_posted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE milestones m SET status = l.status, completion = l.completion, updated_at = now()
      FROM (SELECT status, completion FROM progress_updates
             WHERE milestone_id = NEW.milestone_id
             ORDER BY as_of DESC, id DESC LIMIT 1) l
     WHERE m.id = NEW.milestone_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER progress_updates_posted AFTER INSERT ON progress_updates
    FOR EACH ROW EXECUTE FUNCTION progress_update_posted();
