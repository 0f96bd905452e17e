-- Hardening: per-address limits, archiving instead of destroying discussions, and one-off data
-- fix-ups run by the server.

-- Per-address request budgets (auth::ip_limit): one "theoretical arrival time" per action and
-- address. UNLOGGED: no WAL for a counter that is rewritten on every sign-in; after a crash the
-- budgets start afresh, which is harmless.
CREATE UNLOGGED TABLE rate_limits (
    key  TEXT PRIMARY KEY,
    tat  TIMESTAMPTZ NOT NULL
);

-- A forum, commitment or milestone that people discussed is archived, never deleted: hidden
-- from lists, its page and discussion still readable, restorable by an admin.
ALTER TABLE forums ADD COLUMN archived_at TIMESTAMPTZ;
ALTER TABLE commitments ADD COLUMN archived_at TIMESTAMPTZ;
ALTER TABLE milestones ADD COLUMN archived_at TIMESTAMPTZ;

-- And the database itself refuses to destroy a discussion: deleting what comments are about
-- fails instead of cascading to them. (Was ON DELETE CASCADE.)
ALTER TABLE comments
    DROP CONSTRAINT comments_forum_id_fkey,
    DROP CONSTRAINT comments_commitment_id_fkey,
    DROP CONSTRAINT comments_milestone_id_fkey,
    ADD CONSTRAINT comments_forum_id_fkey FOREIGN KEY (forum_id)
        REFERENCES forums (id) ON DELETE RESTRICT NOT VALID,
    ADD CONSTRAINT comments_commitment_id_fkey FOREIGN KEY (commitment_id)
        REFERENCES commitments (id) ON DELETE RESTRICT NOT VALID,
    ADD CONSTRAINT comments_milestone_id_fkey FOREIGN KEY (milestone_id)
        REFERENCES milestones (id) ON DELETE RESTRICT NOT VALID;
-- The rows were already checked by the constraints just dropped; validating takes only a
-- SHARE UPDATE EXCLUSIVE lock, so writes go on meanwhile.
ALTER TABLE comments VALIDATE CONSTRAINT comments_forum_id_fkey;
ALTER TABLE comments VALIDATE CONSTRAINT comments_commitment_id_fkey;
ALTER TABLE comments VALIDATE CONSTRAINT comments_milestone_id_fkey;

-- Data fix-ups that need the application's code (e.g. rendering markdown anew), applied once
-- by `opendetat migrate`/`serve` after the SQL migrations (db::apply_fixups).
CREATE TABLE data_fixups (
    name        TEXT PRIMARY KEY,
    applied_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
