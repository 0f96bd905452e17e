DROP INDEX jobs_forum_reminders_idx;
ALTER TABLE forums DROP COLUMN full_notified_at;
ALTER TABLE forums DROP COLUMN filling_notified_at;
ALTER TABLE registrations DROP COLUMN reminded_for;
