-- What the forum mails remember, so that each is sent once even when its job runs twice:
-- the start a registration was reminded of (48 hours before), and when the organiser was told
-- the forum was 80 % and 100 % full.
ALTER TABLE registrations ADD COLUMN reminded_for TIMESTAMPTZ;
ALTER TABLE forums ADD COLUMN filling_notified_at TIMESTAMPTZ;
ALTER TABLE forums ADD COLUMN full_notified_at TIMESTAMPTZ;
-- The reminder jobs of a forum are looked up by it (one queued per start time).
CREATE INDEX jobs_forum_reminders_idx ON jobs ((payload ->> 'forum_id'), run_at)
    WHERE kind = 'forum_reminders' AND state = 'queued';
