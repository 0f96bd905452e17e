-- Mentions follow the text (issue 21): the people a comment has mentioned, whoever told them,
-- so that an edit notifies only the people it newly mentions, and never one twice for the same
-- comment (a mention removed and written again stays told).
CREATE TABLE comment_mentions (
    comment_id BIGINT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    mentioned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (comment_id, user_id)
);

-- The mentions already told, as their notifications say.
INSERT INTO comment_mentions (comment_id, user_id, mentioned_at)
SELECT comment_id, user_id, min(created_at)
  FROM notifications
 WHERE reason = 'mention' AND comment_id IS NOT NULL
 GROUP BY comment_id, user_id;
