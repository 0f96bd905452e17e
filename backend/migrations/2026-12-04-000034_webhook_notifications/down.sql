DELETE FROM notifications WHERE reason = 'webhook_disabled';
ALTER TABLE notifications DROP CONSTRAINT notifications_reason_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_reason_check CHECK (reason IN ('reply', 'mention',
    'new_comment', 'progress', 'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
    'promoted'));
