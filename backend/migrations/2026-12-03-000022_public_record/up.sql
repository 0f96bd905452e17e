-- The public record cannot be bent (issue 17): an institution's answer is never destroyed or
-- silently rewritten, a hidden answer stops counting, corrected minutes keep their earlier
-- versions, and the people who may read a forum's attendee list are its organisers.

-- 1. Comments that are part of the public record (an institution's answer to a question):
-- deleting one is refused, and each edit keeps the text it replaces, readable by anyone.
ALTER TABLE comments ADD COLUMN on_record BOOLEAN NOT NULL DEFAULT false;
UPDATE comments SET on_record = true WHERE id IN (SELECT comment_id FROM question_answers);

CREATE TABLE comment_versions (
    id           BIGSERIAL PRIMARY KEY,
    comment_id   BIGINT NOT NULL REFERENCES comments (id),
    body         TEXT NOT NULL,
    body_html    TEXT NOT NULL,
    -- When this text was written (posted, or the edit that made it) and when an edit replaced it.
    written_at   TIMESTAMPTZ NOT NULL,
    replaced_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX comment_versions_comment_idx ON comment_versions (comment_id, id);
CREATE TRIGGER comment_versions_append_only BEFORE UPDATE OR DELETE ON comment_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER comment_versions_no_truncate BEFORE TRUNCATE ON comment_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION comment_on_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.on_record AND NOT NEW.on_record THEN
        RAISE EXCEPTION 'comment % is on the record: it stays so', OLD.id USING ERRCODE = 'raise_exception';
    END IF;
    IF OLD.on_record AND NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
        RAISE EXCEPTION 'comment % is on the record: it is not deleted', OLD.id USING ERRCODE = 'raise_exception';
    END IF;
    IF OLD.on_record AND NEW.body IS DISTINCT FROM OLD.body THEN
        INSERT INTO comment_versions (comment_id, body, body_html, written_at)
        VALUES (OLD.id, OLD.body, OLD.body_html, COALESCE(OLD.edited_at, OLD.created_at));
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER comments_on_record BEFORE UPDATE ON comments
    FOR EACH ROW EXECUTE FUNCTION comment_on_record();

-- A reply marked as an answer is on the record from then on.
CREATE FUNCTION question_answer_on_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE comments SET on_record = true WHERE id = NEW.comment_id AND NOT on_record;
    RETURN NULL;
END;
$$;
CREATE TRIGGER question_answers_on_record AFTER INSERT ON question_answers
    FOR EACH ROW EXECUTE FUNCTION question_answer_on_record();

-- 2. A hidden answer does not stand: the question awaits (its deadline unchanged) and the
-- institution's record loses it until it is shown again. Shown again while another answer
-- stands, it stays set aside (`superseded_at`): one standing answer per question.
ALTER TABLE question_answers
    ADD COLUMN hidden_at TIMESTAMPTZ,
    ADD COLUMN superseded_at TIMESTAMPTZ;
UPDATE question_answers a SET hidden_at = c.hidden_at FROM comments c WHERE c.id = a.comment_id AND c.hidden_at IS NOT NULL;
DROP INDEX question_answers_standing;

DROP TRIGGER question_answers_record ON question_answers;
DROP FUNCTION institution_record_answer();
CREATE FUNCTION institution_record_answer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    was BOOLEAN := false;
    stands BOOLEAN;
    sign INT;
BEGIN
    stands := NEW.rejected_at IS NULL AND NEW.hidden_at IS NULL AND NEW.superseded_at IS NULL;
    IF TG_OP = 'UPDATE' THEN
        was := OLD.rejected_at IS NULL AND OLD.hidden_at IS NULL AND OLD.superseded_at IS NULL;
    END IF;
    IF stands = was THEN
        RETURN NULL;
    END IF;
    sign := CASE WHEN stands THEN 1 ELSE -1 END;
    INSERT INTO institution_records (institution_id) VALUES (NEW.institution_id) ON CONFLICT DO NOTHING;
    UPDATE institution_records
       SET questions_answered = questions_answered + sign,
           answered_on_time = answered_on_time + CASE WHEN NEW.on_time THEN sign ELSE 0 END
     WHERE institution_id = NEW.institution_id;
    INSERT INTO institution_answer_days (institution_id, working_days, answers)
    VALUES (NEW.institution_id, NEW.working_days, sign)
    ON CONFLICT (institution_id, working_days)
    DO UPDATE SET answers = institution_answer_days.answers + sign;
    UPDATE questions SET answered_on = CASE WHEN stands THEN NEW.answered_on END WHERE id = NEW.question_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER question_answers_record AFTER INSERT OR UPDATE OF rejected_at, hidden_at, superseded_at ON question_answers
    FOR EACH ROW EXECUTE FUNCTION institution_record_answer();

-- Answers hidden before this migration stop counting now.
UPDATE institution_records r
   SET questions_answered = questions_answered - h.n, answered_on_time = answered_on_time - h.on_time
  FROM (SELECT institution_id, count(*) AS n, count(*) FILTER (WHERE on_time) AS on_time
          FROM question_answers WHERE hidden_at IS NOT NULL AND rejected_at IS NULL
         GROUP BY institution_id) h
 WHERE r.institution_id = h.institution_id;
UPDATE institution_answer_days d SET answers = answers - h.n
  FROM (SELECT institution_id, working_days, count(*) AS n
          FROM question_answers WHERE hidden_at IS NOT NULL AND rejected_at IS NULL
         GROUP BY institution_id, working_days) h
 WHERE d.institution_id = h.institution_id AND d.working_days = h.working_days;
UPDATE questions q SET answered_on = NULL
 WHERE EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = q.id AND a.hidden_at IS NOT NULL AND a.rejected_at IS NULL)
   AND NOT EXISTS (SELECT 1 FROM question_answers a WHERE a.question_id = q.id AND a.hidden_at IS NULL AND a.rejected_at IS NULL);

CREATE UNIQUE INDEX question_answers_standing ON question_answers (question_id)
    WHERE rejected_at IS NULL AND hidden_at IS NULL AND superseded_at IS NULL;

-- Whatever hides or shows the comment (a moderator, reports), its answer follows.
CREATE FUNCTION answer_follows_its_comment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.hidden_at IS NOT NULL THEN
        UPDATE question_answers SET hidden_at = NEW.hidden_at WHERE comment_id = NEW.id AND hidden_at IS NULL;
    ELSE
        UPDATE question_answers a
           SET hidden_at = NULL,
               superseded_at = CASE WHEN EXISTS (
                       SELECT 1 FROM question_answers o
                        WHERE o.question_id = a.question_id AND o.id <> a.id
                          AND o.rejected_at IS NULL AND o.hidden_at IS NULL AND o.superseded_at IS NULL)
                   THEN now() END
         WHERE a.comment_id = NEW.id AND a.hidden_at IS NOT NULL;
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER comments_answer_visibility AFTER UPDATE OF hidden_at ON comments
    FOR EACH ROW WHEN (OLD.on_record AND (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL))
    EXECUTE FUNCTION answer_follows_its_comment();

-- 3. Minutes: a correction keeps the version it replaces, readable by anyone.
CREATE TABLE forum_minutes_versions (
    id               BIGSERIAL PRIMARY KEY,
    forum_id         BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    body             TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    attendees_count  INT NOT NULL,
    organisations    TEXT[] NOT NULL,
    links            JSONB NOT NULL,
    written_at       TIMESTAMPTZ NOT NULL,
    replaced_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX forum_minutes_versions_forum_idx ON forum_minutes_versions (forum_id, id);
-- Append-only; only the forum's own deletion (which a forum with minutes never has: it is
-- archived instead) takes its versions with it.
CREATE TRIGGER forum_minutes_versions_append_only BEFORE UPDATE ON forum_minutes_versions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER forum_minutes_versions_no_truncate BEFORE TRUNCATE ON forum_minutes_versions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION forum_minutes_keep_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.body, NEW.attendees_count, NEW.organisations, NEW.links)
       IS DISTINCT FROM (OLD.body, OLD.attendees_count, OLD.organisations, OLD.links) THEN
        INSERT INTO forum_minutes_versions (forum_id, body, body_html, attendees_count, organisations, links, written_at)
        VALUES (OLD.forum_id, OLD.body, OLD.body_html, OLD.attendees_count, OLD.organisations, OLD.links, OLD.updated_at);
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER forum_minutes_versions_kept BEFORE UPDATE ON forum_minutes
    FOR EACH ROW EXECUTE FUNCTION forum_minutes_keep_version();

-- 4. Feedback closes once, for good: the moment is fixed when the forum is marked held (by
-- default 30 days after its end), so that editing the forum afterwards cannot reopen answers
-- nor unpublish results.
UPDATE forums SET feedback_closes_at = ends_at + interval '30 days'
 WHERE status = 'held' AND feedback_closes_at IS NULL;
CREATE FUNCTION forum_feedback_window() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'held' AND NEW.feedback_closes_at IS NULL THEN
        NEW.feedback_closes_at := NEW.ends_at + interval '30 days';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER forums_feedback_window BEFORE INSERT OR UPDATE OF status ON forums
    FOR EACH ROW EXECUTE FUNCTION forum_feedback_window();

-- 5. The people an admin names as organisers of a forum (besides the officials of its
-- commitments' institutions, and admins): they read its attendee list and check people in.
CREATE TABLE forum_organisers (
    forum_id   BIGINT NOT NULL REFERENCES forums (id) ON DELETE CASCADE,
    user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_by   BIGINT REFERENCES users (id) ON DELETE SET NULL,
    added_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (forum_id, user_id)
);
CREATE INDEX forum_organisers_user_idx ON forum_organisers (user_id);
-- Whoever announced a forum organises it.
INSERT INTO forum_organisers (forum_id, user_id, added_by, added_at)
SELECT f.id, f.created_by, f.created_by, f.created_at FROM forums f WHERE f.created_by IS NOT NULL;
