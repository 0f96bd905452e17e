-- Room to grow: subjects (what people talk about), the event log (which is also the audit
-- trail), background jobs, mail tokens, and what records say about their language.

-- ---------------------------------------------------------------------------------------------
-- Subjects. Every record people can discuss (and later follow, react to, report…) has one
-- subject row, made by a trigger when the record is inserted. Comments point at subjects, so a
-- new kind of subject needs no new column on comments. The record's own delete removes its
-- subject, and comments refuse that (RESTRICT): a discussed record cannot be deleted in SQL.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE subjects (
    id      BIGSERIAL PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum')),
    ref_id  BIGINT NOT NULL,
    UNIQUE (kind, ref_id)
);

CREATE FUNCTION create_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO subjects (kind, ref_id) VALUES (TG_ARGV[0], NEW.id) RETURNING id INTO NEW.subject_id;
    RETURN NEW;
END;
$$;

CREATE FUNCTION delete_subject() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM subjects WHERE id = OLD.subject_id;
    RETURN OLD;
END;
$$;

ALTER TABLE action_plans ADD COLUMN subject_id BIGINT;
ALTER TABLE commitments ADD COLUMN subject_id BIGINT;
ALTER TABLE milestones ADD COLUMN subject_id BIGINT;
ALTER TABLE forums ADD COLUMN subject_id BIGINT;

INSERT INTO subjects (kind, ref_id) SELECT 'action_plan', id FROM action_plans ORDER BY id;
INSERT INTO subjects (kind, ref_id) SELECT 'commitment', id FROM commitments ORDER BY id;
INSERT INTO subjects (kind, ref_id) SELECT 'milestone', id FROM milestones ORDER BY id;
INSERT INTO subjects (kind, ref_id) SELECT 'forum', id FROM forums ORDER BY id;
UPDATE action_plans t SET subject_id = s.id FROM subjects s WHERE s.kind = 'action_plan' AND s.ref_id = t.id;
UPDATE commitments t SET subject_id = s.id FROM subjects s WHERE s.kind = 'commitment' AND s.ref_id = t.id;
UPDATE milestones t SET subject_id = s.id FROM subjects s WHERE s.kind = 'milestone' AND s.ref_id = t.id;
UPDATE forums t SET subject_id = s.id FROM subjects s WHERE s.kind = 'forum' AND s.ref_id = t.id;

ALTER TABLE action_plans ALTER COLUMN subject_id SET NOT NULL,
    ADD CONSTRAINT action_plans_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT action_plans_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);
ALTER TABLE commitments ALTER COLUMN subject_id SET NOT NULL,
    ADD CONSTRAINT commitments_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT commitments_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);
ALTER TABLE milestones ALTER COLUMN subject_id SET NOT NULL,
    ADD CONSTRAINT milestones_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT milestones_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);
ALTER TABLE forums ALTER COLUMN subject_id SET NOT NULL,
    ADD CONSTRAINT forums_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT forums_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);

CREATE TRIGGER action_plans_subject BEFORE INSERT ON action_plans
    FOR EACH ROW EXECUTE FUNCTION create_subject('action_plan');
CREATE TRIGGER commitments_subject BEFORE INSERT ON commitments
    FOR EACH ROW EXECUTE FUNCTION create_subject('commitment');
CREATE TRIGGER milestones_subject BEFORE INSERT ON milestones
    FOR EACH ROW EXECUTE FUNCTION create_subject('milestone');
CREATE TRIGGER forums_subject BEFORE INSERT ON forums
    FOR EACH ROW EXECUTE FUNCTION create_subject('forum');
CREATE TRIGGER action_plans_subject_gone AFTER DELETE ON action_plans
    FOR EACH ROW EXECUTE FUNCTION delete_subject();
CREATE TRIGGER commitments_subject_gone AFTER DELETE ON commitments
    FOR EACH ROW EXECUTE FUNCTION delete_subject();
CREATE TRIGGER milestones_subject_gone AFTER DELETE ON milestones
    FOR EACH ROW EXECUTE FUNCTION delete_subject();
CREATE TRIGGER forums_subject_gone AFTER DELETE ON forums
    FOR EACH ROW EXECUTE FUNCTION delete_subject();

-- Comments point at their subject (every comment kept: each one gets the subject of the
-- forum, commitment or milestone it was about).
ALTER TABLE comments ADD COLUMN subject_id BIGINT;
UPDATE comments c SET subject_id = f.subject_id FROM forums f WHERE c.forum_id = f.id;
UPDATE comments c SET subject_id = t.subject_id FROM commitments t WHERE c.commitment_id = t.id;
UPDATE comments c SET subject_id = m.subject_id FROM milestones m WHERE c.milestone_id = m.id;
ALTER TABLE comments ALTER COLUMN subject_id SET NOT NULL,
    ADD CONSTRAINT comments_subject_id_fkey FOREIGN KEY (subject_id)
        REFERENCES subjects (id) ON DELETE RESTRICT;
DROP INDEX comments_forum_threads_idx, comments_commitment_threads_idx,
    comments_milestone_threads_idx, comments_forum_flat_idx, comments_commitment_flat_idx,
    comments_milestone_flat_idx;
ALTER TABLE comments DROP COLUMN forum_id, DROP COLUMN commitment_id, DROP COLUMN milestone_id;
-- Top-level threads of one subject, newest first (the default discussion page), and every
-- comment of one subject in order (the flat mode).
CREATE INDEX comments_subject_threads_idx ON comments (subject_id, created_at DESC, id DESC)
    WHERE parent_id IS NULL;
CREATE INDEX comments_subject_flat_idx ON comments (subject_id, created_at, id);

-- ---------------------------------------------------------------------------------------------
-- The event log: every write others may react to appends one event, in the write's own
-- transaction. Never changed: the database refuses UPDATE and DELETE. Consumers read events in
-- commit order: by the transaction id (`xid`, only once every older transaction has ended)
-- then `id`. Administrative events (`audited`) are the audit trail.
-- ---------------------------------------------------------------------------------------------
CREATE TABLE events (
    id            BIGSERIAL PRIMARY KEY,
    xid           xid8 NOT NULL DEFAULT pg_current_xact_id(),
    type          TEXT NOT NULL CHECK (type ~ '^[a-z_]+\.[a-z_]+$'),
    subject_kind  TEXT,
    subject_ref   BIGINT,
    -- How a client addresses the record (slug, OGP code), as it was.
    subject_key   TEXT,
    actor_id      BIGINT,
    at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    audited       BOOLEAN NOT NULL DEFAULT false,
    payload       JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX events_order_idx ON events (xid, id);
CREATE INDEX events_audit_at_idx ON events (at DESC, id DESC) WHERE audited;
CREATE INDEX events_audit_actor_idx ON events (actor_id, at DESC, id DESC) WHERE audited;
CREATE INDEX events_audit_type_idx ON events (type, at DESC, id DESC) WHERE audited;
CREATE INDEX events_subject_idx ON events (subject_kind, subject_ref, at DESC, id DESC);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'raise_exception';
END;
$$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

-- Where each consumer of the log has read up to.
CREATE TABLE event_positions (
    consumer  TEXT PRIMARY KEY,
    xid       xid8 NOT NULL,
    id        BIGINT NOT NULL
);

-- ---------------------------------------------------------------------------------------------
-- Background jobs (jobs/mod.rs).
-- ---------------------------------------------------------------------------------------------
CREATE TABLE jobs (
    id            BIGSERIAL PRIMARY KEY,
    kind          TEXT NOT NULL,
    payload       JSONB NOT NULL DEFAULT '{}',
    state         TEXT NOT NULL DEFAULT 'queued'
                  CHECK (state IN ('queued', 'running', 'done', 'failed')),
    run_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts      INTEGER NOT NULL DEFAULT 0,
    max_attempts  INTEGER NOT NULL DEFAULT 8 CHECK (max_attempts > 0),
    locked_at     TIMESTAMPTZ,
    locked_by     TEXT,
    last_error    TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at   TIMESTAMPTZ
);
CREATE INDEX jobs_ready_idx ON jobs (run_at, id) WHERE state = 'queued';
CREATE INDEX jobs_running_idx ON jobs (locked_at) WHERE state = 'running';
CREATE INDEX jobs_state_idx ON jobs (state, id DESC);

-- ---------------------------------------------------------------------------------------------
-- Accounts: a language for their mail, a verified address, and single-use mail tokens (stored
-- as SHA-256 of the random token the link carries).
-- ---------------------------------------------------------------------------------------------
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
    ADD COLUMN email_verified_at TIMESTAMPTZ;
-- Accounts made before addresses were checked keep working.
UPDATE users SET email_verified_at = created_at;

CREATE TABLE mail_tokens (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose     TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash  BYTEA NOT NULL UNIQUE,
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX mail_tokens_user_idx ON mail_tokens (user_id, purpose, created_at DESC);

-- ---------------------------------------------------------------------------------------------
-- The language records are written in: the seed's English texts are marked `en` inside the
-- French interface (RGAA 8.7).
-- ---------------------------------------------------------------------------------------------
ALTER TABLE action_plans ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));
ALTER TABLE commitments ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));
ALTER TABLE milestones ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));
ALTER TABLE forums ADD COLUMN lang TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en'));
