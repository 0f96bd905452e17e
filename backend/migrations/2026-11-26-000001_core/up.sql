-- Core schema: accounts, action plans, commitments, milestones, forums and their comments.
-- Enumerations are TEXT + CHECK rather than PostgreSQL ENUM types: adding a value later is a
-- plain constraint swap inside a transaction, and Diesel maps them without custom SQL types.

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW IS DISTINCT FROM OLD THEN
        NEW.updated_at := now();
    END IF;
    RETURN NEW;
END;
$$;

CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name   TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT 'member'
                   CHECK (role IN ('member', 'official', 'moderator', 'admin')),
    organisation   TEXT,
    suspended_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- Emails are unique whatever their case: "Camille@x.fr" and "camille@x.fr" are one person.
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));
CREATE INDEX users_created_at_id_idx ON users (created_at, id);
CREATE TRIGGER users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE action_plans (
    id            BIGSERIAL PRIMARY KEY,
    slug          TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND slug ~ '[a-z]'),
    country       TEXT NOT NULL,
    title         TEXT NOT NULL,
    period_start  INTEGER NOT NULL,
    period_end    INTEGER NOT NULL,
    description   TEXT,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (period_end >= period_start)
);
CREATE INDEX action_plans_updated_at_idx ON action_plans (updated_at, id);
CREATE TRIGGER action_plans_updated_at BEFORE UPDATE ON action_plans
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE commitments (
    id                    BIGSERIAL PRIMARY KEY,
    -- RESTRICT: deleting a plan that still has commitments is refused (409), never cascaded.
    action_plan_id        BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE RESTRICT,
    code                  TEXT NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2}[0-9]{4}$'),
    number                INTEGER NOT NULL CHECK (number > 0),
    title                 TEXT NOT NULL,
    summary               TEXT,
    description           TEXT,
    policy_areas          TEXT[] NOT NULL DEFAULT '{}',
    lead_institution      TEXT,
    support_institutions  TEXT[] NOT NULL DEFAULT '{}',
    ogp_principles        TEXT[] NOT NULL DEFAULT '{}',
    ambitions             TEXT[] NOT NULL DEFAULT '{}',
    status                TEXT NOT NULL DEFAULT 'active'
                          CHECK (status IN ('active', 'completed', 'withdrawn', 'unknown')),
    starred               BOOLEAN NOT NULL DEFAULT false,
    start_year            INTEGER,
    end_year              INTEGER,
    irm_report            TEXT,
    irm_starred           TEXT,
    irm_early_results     TEXT,
    irm_verifiable        BOOLEAN,
    irm_relevance         TEXT[] NOT NULL DEFAULT '{}',
    irm_potential_impact  TEXT,
    irm_completion        TEXT,
    irm_analysis          TEXT,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX commitments_action_plan_idx ON commitments (action_plan_id, code);
CREATE INDEX commitments_policy_areas_idx ON commitments USING gin (policy_areas);
CREATE INDEX commitments_updated_at_idx ON commitments (updated_at, id);
CREATE TRIGGER commitments_updated_at BEFORE UPDATE ON commitments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE milestones (
    id             BIGSERIAL PRIMARY KEY,
    commitment_id  BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    code           TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 20),
    title          TEXT NOT NULL,
    description    TEXT,
    due_date       DATE,
    due_period     TEXT,
    status         TEXT NOT NULL DEFAULT 'not_started'
                   CHECK (status IN ('not_started', 'in_progress', 'completed', 'delayed', 'withdrawn')),
    position       INTEGER NOT NULL DEFAULT 0,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (commitment_id, code)
);
CREATE INDEX milestones_commitment_position_idx ON milestones (commitment_id, position, id);
CREATE INDEX milestones_updated_at_idx ON milestones (updated_at, id);
CREATE TRIGGER milestones_updated_at BEFORE UPDATE ON milestones
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE forums (
    id           BIGSERIAL PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND slug ~ '[a-z]'),
    title        TEXT NOT NULL,
    theme        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    starts_at    TIMESTAMPTZ NOT NULL,
    ends_at      TIMESTAMPTZ NOT NULL,
    location     TEXT,
    online_url   TEXT,
    capacity     INTEGER CHECK (capacity > 0),
    status       TEXT NOT NULL DEFAULT 'planned'
                 CHECK (status IN ('planned', 'open', 'held', 'cancelled')),
    created_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (ends_at > starts_at)
);
CREATE INDEX forums_starts_at_idx ON forums (starts_at, id);
CREATE INDEX forums_ends_at_idx ON forums (ends_at, id);
CREATE INDEX forums_updated_at_idx ON forums (updated_at, id);
CREATE TRIGGER forums_updated_at BEFORE UPDATE ON forums
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE forum_commitments (
    forum_id       BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    commitment_id  BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
    PRIMARY KEY (forum_id, commitment_id)
);
CREATE INDEX forum_commitments_commitment_idx ON forum_commitments (commitment_id, forum_id);

CREATE TABLE comments (
    id             BIGSERIAL PRIMARY KEY,
    forum_id       BIGINT REFERENCES forums (id) ON DELETE CASCADE,
    commitment_id  BIGINT REFERENCES commitments (id) ON DELETE CASCADE,
    milestone_id   BIGINT REFERENCES milestones (id) ON DELETE CASCADE,
    -- Threads: root and depth are stored so a page of a long discussion never walks the tree.
    parent_id      BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    root_id        BIGINT REFERENCES comments (id) ON DELETE CASCADE,
    depth          INTEGER NOT NULL DEFAULT 0 CHECK (depth >= 0),
    reply_count    INTEGER NOT NULL DEFAULT 0 CHECK (reply_count >= 0),
    author_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    body           TEXT NOT NULL,
    body_html      TEXT NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    edited_at      TIMESTAMPTZ,
    deleted_at     TIMESTAMPTZ,
    hidden_at      TIMESTAMPTZ,
    hidden_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    hidden_reason  TEXT,
    CHECK (num_nonnulls(forum_id, commitment_id, milestone_id) = 1),
    CHECK ((parent_id IS NULL) = (root_id IS NULL)),
    CHECK ((parent_id IS NULL) = (depth = 0))
);
-- Top-level threads of one target, newest first (the default discussion page).
CREATE INDEX comments_forum_threads_idx ON comments (forum_id, created_at DESC, id DESC)
    WHERE parent_id IS NULL AND forum_id IS NOT NULL;
CREATE INDEX comments_commitment_threads_idx ON comments (commitment_id, created_at DESC, id DESC)
    WHERE parent_id IS NULL AND commitment_id IS NOT NULL;
CREATE INDEX comments_milestone_threads_idx ON comments (milestone_id, created_at DESC, id DESC)
    WHERE parent_id IS NULL AND milestone_id IS NOT NULL;
-- Every comment of one target in order (the flat mode).
CREATE INDEX comments_forum_flat_idx ON comments (forum_id, created_at, id) WHERE forum_id IS NOT NULL;
CREATE INDEX comments_commitment_flat_idx ON comments (commitment_id, created_at, id) WHERE commitment_id IS NOT NULL;
CREATE INDEX comments_milestone_flat_idx ON comments (milestone_id, created_at, id) WHERE milestone_id IS NOT NULL;
-- Replies of one parent, oldest first.
CREATE INDEX comments_parent_idx ON comments (parent_id, created_at, id) WHERE parent_id IS NOT NULL;
CREATE INDEX comments_root_idx ON comments (root_id) WHERE root_id IS NOT NULL;
CREATE INDEX comments_author_idx ON comments (author_id, created_at);
