-- Minutes of a held forum, and its action items: each decision or next step, owned, dated and
-- followed to closure in public. Every change of an item's status is kept in a history nobody
-- can edit (a trigger refuses UPDATE and DELETE on it).

-- One set of minutes per forum, published once the forum is held; organisers may correct it
-- (the audit trail keeps each version).
CREATE TABLE forum_minutes (
    forum_id         BIGINT PRIMARY KEY REFERENCES forums (id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    attendees_count  INT NOT NULL CHECK (attendees_count >= 0),
    -- Names of the organisations present, in the order given.
    organisations    TEXT[] NOT NULL DEFAULT '{}',
    -- Documents, slides, recordings: [{"title", "url", "kind"}].
    links            JSONB NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
    published_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    published_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE action_items (
    id                BIGSERIAL PRIMARY KEY,
    forum_id          BIGINT NOT NULL REFERENCES forums (id),
    title             TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    description_html  TEXT NOT NULL DEFAULT '',
    -- Who carries it: an institution or a person, named (institutions become records later).
    owner_kind        TEXT NOT NULL CHECK (owner_kind IN ('institution', 'person')),
    owner_name        TEXT NOT NULL,
    due_on            DATE NOT NULL,
    -- What it serves: a commitment, or one of its milestones (then the commitment too).
    commitment_id     BIGINT REFERENCES commitments (id),
    milestone_id      BIGINT REFERENCES milestones (id),
    status            TEXT NOT NULL DEFAULT 'open'
                      CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    -- What came of it: set when it is closed (done or dropped), and only then.
    outcome           TEXT,
    closed_at         TIMESTAMPTZ,
    subject_id        BIGINT NOT NULL,
    created_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((status IN ('done', 'dropped')) = (outcome IS NOT NULL)),
    CHECK ((status IN ('done', 'dropped')) = (closed_at IS NOT NULL)),
    CHECK (milestone_id IS NULL OR commitment_id IS NOT NULL)
);
ALTER TABLE action_items
    ADD CONSTRAINT action_items_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT action_items_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);
-- A forum's items in due order; the follow-up page by due date; by status; by link.
CREATE INDEX action_items_forum_idx ON action_items (forum_id, due_on, id);
CREATE INDEX action_items_due_idx ON action_items (due_on, id);
CREATE INDEX action_items_open_due_idx ON action_items (due_on, id) WHERE status IN ('open', 'in_progress');
CREATE INDEX action_items_commitment_idx ON action_items (commitment_id, due_on, id) WHERE commitment_id IS NOT NULL;
CREATE INDEX action_items_milestone_idx ON action_items (milestone_id, due_on, id) WHERE milestone_id IS NOT NULL;
CREATE INDEX action_items_owner_idx ON action_items (lower(owner_name), due_on, id);

ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum', 'action_item'));
CREATE TRIGGER action_items_subject BEFORE INSERT ON action_items
    FOR EACH ROW EXECUTE FUNCTION create_subject('action_item');
CREATE TRIGGER action_items_subject_gone AFTER DELETE ON action_items
    FOR EACH ROW EXECUTE FUNCTION delete_subject();

-- Each status an item was given, when, by whom, with the note and outcome given then.
CREATE TABLE action_item_history (
    id              BIGSERIAL PRIMARY KEY,
    action_item_id  BIGINT NOT NULL REFERENCES action_items (id),
    status          TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
    note            TEXT,
    outcome         TEXT,
    changed_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    changed_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX action_item_history_item_idx ON action_item_history (action_item_id, id);

-- Append-only: only the link to an erased account may be cut.
CREATE FUNCTION action_item_history_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (to_jsonb(NEW) - 'changed_by') IS DISTINCT FROM (to_jsonb(OLD) - 'changed_by')
       OR NEW.changed_by IS NOT NULL AND NEW.changed_by IS DISTINCT FROM OLD.changed_by THEN
        RAISE EXCEPTION 'action_item_history is append-only: % refused', TG_OP
            USING ERRCODE = 'raise_exception';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER action_item_history_append_only BEFORE UPDATE OR DELETE ON action_item_history
    FOR EACH ROW EXECUTE FUNCTION action_item_history_frozen();
CREATE TRIGGER action_item_history_no_truncate BEFORE TRUNCATE ON action_item_history
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
