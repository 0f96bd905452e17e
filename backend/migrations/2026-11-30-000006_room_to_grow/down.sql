-- Back to one column per kind of subject on comments (every comment kept), and without the
-- event log, jobs, mail tokens and languages. The events table is append-only: its trigger
-- goes first.
ALTER TABLE action_plans DROP COLUMN lang;
ALTER TABLE commitments DROP COLUMN lang;
ALTER TABLE milestones DROP COLUMN lang;
ALTER TABLE forums DROP COLUMN lang;

DROP TABLE mail_tokens;
ALTER TABLE users DROP COLUMN locale, DROP COLUMN email_verified_at;

DROP TABLE jobs;
DROP TABLE event_positions;
DROP TRIGGER events_append_only ON events;
DROP TRIGGER events_no_truncate ON events;
DROP TABLE events;
DROP FUNCTION refuse_change();

ALTER TABLE comments ADD COLUMN forum_id BIGINT REFERENCES forums (id) ON DELETE CASCADE,
    ADD COLUMN commitment_id BIGINT REFERENCES commitments (id) ON DELETE CASCADE,
    ADD COLUMN milestone_id BIGINT REFERENCES milestones (id) ON DELETE CASCADE;
UPDATE comments c SET forum_id = s.ref_id FROM subjects s WHERE s.id = c.subject_id AND s.kind = 'forum';
UPDATE comments c SET commitment_id = s.ref_id FROM subjects s WHERE s.id = c.subject_id AND s.kind = 'commitment';
UPDATE comments c SET milestone_id = s.ref_id FROM subjects s WHERE s.id = c.subject_id AND s.kind = 'milestone';
ALTER TABLE comments ADD CONSTRAINT comments_one_target
    CHECK (num_nonnulls(forum_id, commitment_id, milestone_id) = 1);
DROP INDEX comments_subject_threads_idx, comments_subject_flat_idx;
ALTER TABLE comments DROP COLUMN subject_id;
CREATE INDEX comments_forum_threads_idx ON comments (forum_id, created_at DESC, id DESC) WHERE parent_id IS NULL AND forum_id IS NOT NULL;
CREATE INDEX comments_commitment_threads_idx ON comments (commitment_id, created_at DESC, id DESC) WHERE parent_id IS NULL AND commitment_id IS NOT NULL;
CREATE INDEX comments_milestone_threads_idx ON comments (milestone_id, created_at DESC, id DESC) WHERE parent_id IS NULL AND milestone_id IS NOT NULL;
CREATE INDEX comments_forum_flat_idx ON comments (forum_id, created_at, id) WHERE forum_id IS NOT NULL;
CREATE INDEX comments_commitment_flat_idx ON comments (commitment_id, created_at, id) WHERE commitment_id IS NOT NULL;
CREATE INDEX comments_milestone_flat_idx ON comments (milestone_id, created_at, id) WHERE milestone_id IS NOT NULL;

DROP TRIGGER action_plans_subject ON action_plans;
DROP TRIGGER commitments_subject ON commitments;
DROP TRIGGER milestones_subject ON milestones;
DROP TRIGGER forums_subject ON forums;
DROP TRIGGER action_plans_subject_gone ON action_plans;
DROP TRIGGER commitments_subject_gone ON commitments;
DROP TRIGGER milestones_subject_gone ON milestones;
DROP TRIGGER forums_subject_gone ON forums;
ALTER TABLE action_plans DROP COLUMN subject_id;
ALTER TABLE commitments DROP COLUMN subject_id;
ALTER TABLE milestones DROP COLUMN subject_id;
ALTER TABLE forums DROP COLUMN subject_id;
DROP TABLE subjects;
DROP FUNCTION create_subject();
DROP FUNCTION delete_subject();
