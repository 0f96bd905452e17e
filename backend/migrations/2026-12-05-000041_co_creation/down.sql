DELETE FROM notifications WHERE reason IN ('timeline_published', 'phase_opened', 'proposal_answered', 'proposal_merged');
ALTER TABLE notifications DROP CONSTRAINT notifications_reason_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_reason_check CHECK (reason IN ('reply', 'mention',
    'new_comment', 'progress', 'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
    'promoted', 'webhook_disabled'));
DROP TABLE proposal_supports;
DROP TABLE proposals;
ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum', 'action_item', 'question'));
DROP TABLE co_creation_phases;
ALTER TABLE action_plans DROP COLUMN status, DROP COLUMN coordinating_institution_id,
    DROP COLUMN timeline_published_at, DROP COLUMN timeline_late_reason;
