-- Followers of a forum, commitment, milestone or proposal hear of a document attached to it,
-- and of a new version of its file.
ALTER TABLE notifications DROP CONSTRAINT notifications_reason_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_reason_check CHECK (reason IN ('reply', 'mention',
    'new_comment', 'progress', 'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
    'promoted', 'webhook_disabled', 'timeline_published', 'phase_opened', 'proposal_answered', 'proposal_merged',
    'document'));
