-- The multi-stakeholder forum (OGP Participation and Co-Creation Standards; the IRM's first
-- recommendation for FR0041): its members, from the administration and from civil society,
-- each for a term; the forums that are its meetings; and, for a meeting, the organisations
-- present — from the check-ins, a person's organisation counted only where they agreed.
CREATE TABLE stakeholder_members (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('administration', 'civil_society')),
    organisation    TEXT NOT NULL,
    -- What they do in the forum (co-chair, rapporteur…), if anything in particular.
    position        TEXT,
    -- The term, in Paris days; an open end for a member until further notice.
    term_starts_on  DATE NOT NULL,
    term_ends_on    DATE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (term_ends_on IS NULL OR term_ends_on >= term_starts_on)
);
CREATE INDEX stakeholder_members_term_idx ON stakeholder_members (term_starts_on, term_ends_on);
CREATE TRIGGER stakeholder_members_updated_at BEFORE UPDATE ON stakeholder_members
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER stakeholder_members_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stakeholder_members
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();

-- The forums that are meetings of the multi-stakeholder forum.
CREATE TABLE stakeholder_meetings (
    forum_id    BIGINT PRIMARY KEY REFERENCES forums (id) ON DELETE CASCADE,
    marked_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    marked_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TRIGGER stakeholder_meetings_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON stakeholder_meetings
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();

-- People registered for a meeting who agreed that their organisation be named among those
-- present (withdrawn by deleting the row; gone with the account).
CREATE TABLE organisation_consents (
    forum_id    BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    given_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (forum_id, user_id)
);
CREATE INDEX organisation_consents_user_idx ON organisation_consents (user_id);
CREATE TRIGGER organisation_consents_public_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_consents
    FOR EACH STATEMENT EXECUTE FUNCTION bump_public_version();
