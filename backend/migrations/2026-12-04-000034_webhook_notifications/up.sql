-- A webhook endpoint turned off after five days of failures is a notification too (issue 23):
-- about no subject, with the event that turned it off (its URL and id, for the link).
ALTER TABLE notifications DROP CONSTRAINT notifications_reason_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_reason_check CHECK (reason IN ('reply', 'mention',
    'new_comment', 'progress', 'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
    'promoted', 'webhook_disabled'));
