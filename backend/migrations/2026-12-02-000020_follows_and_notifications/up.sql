-- Follows and notifications (resources/notifications). A member follows subjects; what happens
-- to them, and to the member's own comments, questions and registrations, becomes one
-- notification per person and event: `UNIQUE (user_id, event_id)` is what makes a fan-out that
-- runs twice (a worker that died after committing) notify nobody twice.
CREATE TABLE follows (
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    subject_id  BIGINT NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, subject_id)
);
-- The fan-out reads a subject's followers; a member's list is newest first.
CREATE INDEX follows_subject_idx ON follows (subject_id, user_id);
CREATE INDEX follows_user_recent_idx ON follows (user_id, created_at DESC, subject_id DESC);

CREATE TABLE notifications (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- No foreign key: events are never deleted (the log refuses it), and a key would make its
    -- TRUNCATE fail on the key instead of on that rule.
    event_id    BIGINT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('reply', 'mention', 'new_comment', 'progress',
                    'answer', 'action_item_status', 'forum_changed', 'forum_cancelled',
                    'promoted')),
    subject_id  BIGINT REFERENCES subjects (id) ON DELETE SET NULL,
    actor_id    BIGINT REFERENCES users (id) ON DELETE SET NULL,
    comment_id  BIGINT REFERENCES comments (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    read_at     TIMESTAMPTZ,
    -- none: no mail (off); sent: its own mail was enqueued; digest: waits for the daily mail;
    -- digested: was in one (or was read before it went).
    mail        TEXT NOT NULL CHECK (mail IN ('none', 'sent', 'digest', 'digested')),
    UNIQUE (user_id, event_id)
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
-- The unread count (R7) walks only unread rows of one member.
CREATE INDEX notifications_unread_idx ON notifications (user_id, id) WHERE read_at IS NULL;
CREATE INDEX notifications_digest_idx ON notifications (user_id, id) WHERE mail = 'digest';

-- How a member hears of notifications by mail; no row: the daily digest.
CREATE TABLE notification_settings (
    user_id     BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    mail        TEXT NOT NULL CHECK (mail IN ('off', 'immediate', 'daily')),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Mention suggestions: display names by prefix, case folded.
CREATE INDEX users_display_name_prefix_idx ON users (lower(display_name) text_pattern_ops);
