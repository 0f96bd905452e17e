DROP INDEX events_moderation_idx;
ALTER TABLE users DROP COLUMN suspension_message, DROP COLUMN suspended_until;
DROP TABLE comment_reports;
