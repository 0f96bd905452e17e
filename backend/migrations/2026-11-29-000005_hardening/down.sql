DROP TABLE data_fixups;
ALTER TABLE comments
    DROP CONSTRAINT comments_forum_id_fkey,
    DROP CONSTRAINT comments_commitment_id_fkey,
    DROP CONSTRAINT comments_milestone_id_fkey,
    ADD CONSTRAINT comments_forum_id_fkey FOREIGN KEY (forum_id)
        REFERENCES forums (id) ON DELETE CASCADE,
    ADD CONSTRAINT comments_commitment_id_fkey FOREIGN KEY (commitment_id)
        REFERENCES commitments (id) ON DELETE CASCADE,
    ADD CONSTRAINT comments_milestone_id_fkey FOREIGN KEY (milestone_id)
        REFERENCES milestones (id) ON DELETE CASCADE;
ALTER TABLE milestones DROP COLUMN archived_at;
ALTER TABLE commitments DROP COLUMN archived_at;
ALTER TABLE forums DROP COLUMN archived_at;
DROP TABLE rate_limits;
