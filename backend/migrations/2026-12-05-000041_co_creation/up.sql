-- Co-creating the next action plan (OGP Participation and Co-Creation Standards): a plan in
-- preparation publishes a timeline of phases at least 14 days before the first one opens (or
-- says publicly why not); during a phase open to proposals, members propose and support; the
-- coordinating institution answers each proposal with a state and a reason, drafted, then
-- published together.

ALTER TABLE action_plans
    ADD COLUMN status TEXT NOT NULL DEFAULT 'in_implementation'
        CHECK (status IN ('in_preparation', 'in_implementation', 'completed')),
    -- Whose officials answer the proposals (Etalab / DINUM for France's plans).
    ADD COLUMN coordinating_institution_id BIGINT REFERENCES institutions (id),
    ADD COLUMN timeline_published_at TIMESTAMPTZ,
    -- Why the timeline was published less than 14 days before its first phase (admins only;
    -- shown publicly with the timeline).
    ADD COLUMN timeline_late_reason TEXT;

CREATE TABLE co_creation_phases (
    id                    BIGSERIAL PRIMARY KEY,
    action_plan_id        BIGINT NOT NULL REFERENCES action_plans (id) ON DELETE CASCADE,
    kind                  TEXT NOT NULL CHECK (kind IN ('call_for_proposals', 'thematic_forums', 'drafting',
                                                       'public_comment', 'adoption', 'other')),
    title                 TEXT NOT NULL,
    -- What people can do in it (markdown, sanitised when rendered).
    description           TEXT NOT NULL DEFAULT '',
    description_html      TEXT NOT NULL DEFAULT '',
    -- Dates in Paris: a phase is open from the start of `opens_on` to the end of `closes_on`.
    opens_on              DATE NOT NULL,
    closes_on             DATE NOT NULL,
    accepts_proposals     BOOLEAN NOT NULL DEFAULT false,
    -- When followers of the plan were told it opened (once, by the workers' beat).
    opening_announced_at  TIMESTAMPTZ,
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (closes_on >= opens_on)
);
CREATE INDEX co_creation_phases_plan_idx ON co_creation_phases (action_plan_id, opens_on, id);
CREATE INDEX co_creation_phases_unannounced_idx ON co_creation_phases (opens_on) WHERE opening_announced_at IS NULL;
CREATE TRIGGER co_creation_phases_updated_at BEFORE UPDATE ON co_creation_phases
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE proposals (
    id                BIGSERIAL PRIMARY KEY,
    action_plan_id    BIGINT NOT NULL REFERENCES action_plans (id),
    -- The phase it was made in (online), or none (entered from a forum).
    phase_id          BIGINT REFERENCES co_creation_phases (id) ON DELETE SET NULL,
    title             TEXT NOT NULL,
    problem           TEXT NOT NULL,
    problem_html      TEXT NOT NULL,
    solution          TEXT NOT NULL,
    solution_html     TEXT NOT NULL,
    theme             TEXT,
    -- The commitment area it is about, if any.
    commitment_id     BIGINT REFERENCES commitments (id),
    -- Who could lead it, as the proposer sees it.
    possible_lead     TEXT,
    lang              TEXT NOT NULL DEFAULT 'fr',
    origin            TEXT NOT NULL CHECK (origin IN ('online', 'forum')),
    forum_id          BIGINT REFERENCES forums (id),
    -- Online: the member who proposed. From a forum: who said it, as written down (optional).
    author_id         BIGINT REFERENCES users (id) ON DELETE SET NULL,
    spoken_by         TEXT,
    entered_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    merged_into_id    BIGINT REFERENCES proposals (id),
    support_count     INT NOT NULL DEFAULT 0 CHECK (support_count >= 0),
    -- The published response.
    state             TEXT NOT NULL DEFAULT 'received'
                      CHECK (state IN ('received', 'under_review', 'retained', 'merged', 'partly_retained', 'not_retained')),
    reason            TEXT,
    reason_html       TEXT,
    responded_at      TIMESTAMPTZ,
    responded_by      BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The response drafted and not yet published (seen only by those who answer).
    draft_state       TEXT CHECK (draft_state IN ('received', 'under_review', 'retained', 'partly_retained', 'not_retained')),
    draft_reason      TEXT,
    drafted_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    drafted_at        TIMESTAMPTZ,
    subject_id        BIGINT NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    search_vector     tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('public.fr_unaccent'::regconfig, title), 'A') ||
        setweight(to_tsvector('public.fr_unaccent'::regconfig, problem || ' ' || solution), 'B') ||
        setweight(to_tsvector('public.fr_unaccent'::regconfig, coalesce(theme, '') || ' ' || coalesce(possible_lead, '')), 'C')
    ) STORED,
    CHECK ((origin = 'forum') = (forum_id IS NOT NULL)),
    CHECK ((state = 'merged') = (merged_into_id IS NOT NULL)),
    CHECK (merged_into_id IS NULL OR merged_into_id <> id),
    -- Past review, a state says why.
    CHECK (state IN ('received', 'under_review') OR reason IS NOT NULL),
    CHECK (draft_state IS NULL OR draft_state IN ('received', 'under_review') OR draft_reason IS NOT NULL)
);
ALTER TABLE proposals
    ADD CONSTRAINT proposals_subject_id_key UNIQUE (subject_id),
    ADD CONSTRAINT proposals_subject_id_fkey FOREIGN KEY (subject_id) REFERENCES subjects (id);
-- A plan's proposals newest first (the summary's list), by state, by origin; one author's;
-- those merged into one; the drafts waiting; search.
CREATE INDEX proposals_plan_idx ON proposals (action_plan_id, id DESC);
CREATE INDEX proposals_plan_state_idx ON proposals (action_plan_id, state, id DESC);
CREATE INDEX proposals_author_idx ON proposals (author_id) WHERE author_id IS NOT NULL;
CREATE INDEX proposals_forum_idx ON proposals (forum_id) WHERE forum_id IS NOT NULL;
CREATE INDEX proposals_merged_into_idx ON proposals (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX proposals_drafts_idx ON proposals (action_plan_id) WHERE draft_state IS NOT NULL;
CREATE INDEX proposals_search_idx ON proposals USING gin (search_vector);
CREATE TRIGGER proposals_updated_at BEFORE UPDATE ON proposals
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum', 'action_item', 'question', 'proposal'));
CREATE TRIGGER proposals_subject BEFORE INSERT ON proposals
    FOR EACH ROW EXECUTE FUNCTION create_subject('proposal');
CREATE TRIGGER proposals_subject_gone AFTER DELETE ON proposals
    FOR EACH ROW EXECUTE FUNCTION delete_subject();

-- One support per member and proposal; who supported stays private (only the count is shown).
CREATE TABLE proposal_supports (
    proposal_id  BIGINT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    user_id      BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (proposal_id, user_id)
);
CREATE INDEX proposal_supports_user_idx ON proposal_supports (user_id);

-- What a member hears of co-creation.
ALTER TABLE notifications DROP CONSTRAINT notifications_reason_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_reason_check CHECK (reason IN ('reply', 'mention',
    'new_comment', 'progress', 'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
    'promoted', 'webhook_disabled', 'timeline_published', 'phase_opened', 'proposal_answered', 'proposal_merged'));

-- Public answers read these tables: their writes change the public version (ETags).
CREATE TRIGGER co_creation_phases_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON co_creation_phases
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER proposals_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposals
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
CREATE TRIGGER proposal_supports_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON proposal_supports
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
