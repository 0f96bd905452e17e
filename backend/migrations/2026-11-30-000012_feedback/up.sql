-- Feedback on a held forum, answering the questionnaire of the format version it followed.
-- Who answered is kept only to allow one answer per person and its correction: it is never
-- published. Results are public in aggregate only (and none below 5 answers); a free-text
-- answer is published once an organiser approves it, without a name.
CREATE TABLE feedback (
    id                 BIGSERIAL PRIMARY KEY,
    forum_id           BIGINT NOT NULL REFERENCES forums (id),
    user_id            BIGINT REFERENCES users (id) ON DELETE SET NULL,
    format_version_id  BIGINT NOT NULL REFERENCES format_versions (id),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX feedback_once_key ON feedback (forum_id, user_id);
CREATE INDEX feedback_version_idx ON feedback (format_version_id);

CREATE TABLE feedback_answers (
    id            BIGSERIAL PRIMARY KEY,
    feedback_id   BIGINT NOT NULL REFERENCES feedback (id) ON DELETE CASCADE,
    question_key  TEXT NOT NULL,
    rating        INT CHECK (rating BETWEEN 1 AND 5),
    text          TEXT,
    -- Free text is published once an organiser approves it.
    approved_at   TIMESTAMPTZ,
    approved_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    CHECK ((rating IS NULL) <> (text IS NULL)),
    CHECK (approved_at IS NULL OR text IS NOT NULL),
    UNIQUE (feedback_id, question_key)
);

-- Answers are taken until this instant (by default 30 days after the forum ends).
ALTER TABLE forums ADD COLUMN feedback_closes_at TIMESTAMPTZ;

-- The organisers' answer to the feedback: what they changed, and the format version it led to.
CREATE TABLE feedback_responses (
    forum_id               BIGINT PRIMARY KEY REFERENCES forums (id) ON DELETE CASCADE,
    body                   TEXT NOT NULL,
    body_html              TEXT NOT NULL,
    next_format_version_id BIGINT REFERENCES format_versions (id),
    published_by           BIGINT REFERENCES users (id) ON DELETE SET NULL,
    published_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ NOT NULL DEFAULT now()
);
