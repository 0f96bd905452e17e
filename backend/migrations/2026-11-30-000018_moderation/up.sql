-- Moderation in the open: members report comments; moderators work from the queue of open
-- reports, hide (with a reason shown to all), restore, dismiss, suspend; a public log says what
-- was hidden or restored, when and why.
CREATE TABLE comment_reports (
    id           BIGSERIAL PRIMARY KEY,
    comment_id   BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    reporter_id  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reason       TEXT NOT NULL CHECK (reason IN ('spam', 'abuse', 'off_topic', 'personal_data', 'other')),
    details      TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- How the report was closed: the comment hidden, or the report dismissed.
    resolved_at  TIMESTAMPTZ,
    resolution   TEXT CHECK (resolution IN ('hidden', 'dismissed')),
    resolved_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((resolved_at IS NULL) = (resolution IS NULL)),
    CHECK (reason <> 'other' OR details IS NOT NULL)
);
-- Once per person per comment.
CREATE UNIQUE INDEX comment_reports_once ON comment_reports (comment_id, reporter_id);
-- The queue: open reports, oldest first.
CREATE INDEX comment_reports_open_idx ON comment_reports (comment_id, created_at) WHERE resolved_at IS NULL;
CREATE INDEX comment_reports_open_order_idx ON comment_reports (created_at, comment_id) WHERE resolved_at IS NULL;

-- A suspension for a period ends by itself; the message is what its owner was told.
ALTER TABLE users ADD COLUMN suspended_until TIMESTAMPTZ,
                  ADD COLUMN suspension_message TEXT;

-- The public moderation log reads the events of hiding and restoring.
CREATE INDEX events_moderation_idx ON events (id DESC) WHERE type IN ('comment.hidden', 'comment.restored');
