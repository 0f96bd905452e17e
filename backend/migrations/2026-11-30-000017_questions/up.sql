-- Questions to institutions, with answer deadlines in working days and a public record of who
-- answers.

-- Days off that are not public holidays (those are computed: see backend/src/workdays.rs).
CREATE TABLE extra_holidays (
    day         DATE PRIMARY KEY,
    label       TEXT NOT NULL CHECK (btrim(label) <> ''),
    created_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum', 'action_item', 'question'));

-- A question is a subject (its replies are comments); one of them, by an official of the
-- institution it is addressed to, is marked as the answer.
CREATE TABLE questions (
    id              BIGSERIAL PRIMARY KEY,
    subject_id      BIGINT NOT NULL,
    -- What it is about: a commitment, a milestone or an action item (their subject), and the
    -- commitment that belongs to (for lists by commitment).
    about_id        BIGINT NOT NULL REFERENCES subjects (id),
    commitment_id   BIGINT REFERENCES commitments (id),
    institution_id  BIGINT NOT NULL REFERENCES institutions (id),
    asked_by        BIGINT REFERENCES users (id) ON DELETE SET NULL,
    title           TEXT NOT NULL,
    body            TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    lang            TEXT NOT NULL DEFAULT 'fr' CHECK (lang IN ('fr', 'en')),
    asked_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Paris dates: asked, due (deadline in working days), long overdue after (twice it).
    asked_on        DATE NOT NULL,
    deadline_days   INT NOT NULL CHECK (deadline_days > 0),
    due_on          DATE NOT NULL,
    long_due_on     DATE NOT NULL,
    -- The day of the answer that stands (none, or one the asker said is not an answer).
    answered_on     DATE
);
CREATE UNIQUE INDEX questions_subject_key ON questions (subject_id);
CREATE INDEX questions_order_idx ON questions (asked_at, id);
CREATE INDEX questions_institution_idx ON questions (institution_id, asked_at, id);
CREATE INDEX questions_commitment_idx ON questions (commitment_id, asked_at, id);
CREATE INDEX questions_about_idx ON questions (about_id, asked_at, id);
-- Overdue now, per institution: an index count over the unanswered only.
CREATE INDEX questions_open_idx ON questions (institution_id, due_on) INCLUDE (long_due_on) WHERE answered_on IS NULL;
CREATE TRIGGER questions_subject BEFORE INSERT ON questions
    FOR EACH ROW EXECUTE FUNCTION create_subject('question');
CREATE TRIGGER questions_subject_gone AFTER DELETE ON questions
    FOR EACH ROW EXECUTE FUNCTION delete_subject();

-- Each reply marked as the answer, with how long it took; the asker may say it is not one
-- (kept and shown). At most one standing answer per question.
CREATE TABLE question_answers (
    id              BIGSERIAL PRIMARY KEY,
    question_id     BIGINT NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    comment_id      BIGINT NOT NULL REFERENCES comments (id),
    institution_id  BIGINT NOT NULL REFERENCES institutions (id),
    answered_by     BIGINT REFERENCES users (id) ON DELETE SET NULL,
    answered_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    answered_on     DATE NOT NULL,
    working_days    INT NOT NULL CHECK (working_days >= 0),
    on_time         BOOLEAN NOT NULL,
    rejected_at     TIMESTAMPTZ,
    rejection_note  TEXT
);
CREATE INDEX question_answers_question_idx ON question_answers (question_id, id);
CREATE UNIQUE INDEX question_answers_standing ON question_answers (question_id) WHERE rejected_at IS NULL;

-- An institution's record, kept up to date by triggers so that reading it never scans its
-- questions: how many it received, how many stand answered and how many of those on time, and
-- the spread of working days its standing answers took (the median is read from it).
CREATE TABLE institution_records (
    institution_id      BIGINT PRIMARY KEY REFERENCES institutions (id) ON DELETE CASCADE,
    questions_received  INT NOT NULL DEFAULT 0,
    questions_answered  INT NOT NULL DEFAULT 0,
    answered_on_time    INT NOT NULL DEFAULT 0
);
CREATE TABLE institution_answer_days (
    institution_id  BIGINT NOT NULL REFERENCES institutions (id) ON DELETE CASCADE,
    working_days    INT NOT NULL,
    answers         INT NOT NULL,
    PRIMARY KEY (institution_id, working_days)
);

CREATE FUNCTION institution_record_question() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO institution_records (institution_id, questions_received) VALUES (NEW.institution_id, 1)
    ON CONFLICT (institution_id) DO UPDATE SET questions_received = institution_records.questions_received + 1;
    RETURN NULL;
END;
$$;
CREATE TRIGGER questions_record AFTER INSERT ON questions
    FOR EACH ROW EXECUTE FUNCTION institution_record_question();

CREATE FUNCTION institution_record_answer() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    sign INT;
    a question_answers;
BEGIN
    IF TG_OP = 'INSERT' AND NEW.rejected_at IS NULL THEN
        sign := 1; a := NEW;
    ELSIF TG_OP = 'UPDATE' AND OLD.rejected_at IS NULL AND NEW.rejected_at IS NOT NULL THEN
        sign := -1; a := OLD;
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO institution_records (institution_id) VALUES (a.institution_id) ON CONFLICT DO NOTHING;
    UPDATE institution_records
       SET questions_answered = questions_answered + sign,
           answered_on_time = answered_on_time + CASE WHEN a.on_time THEN sign ELSE 0 END
     WHERE institution_id = a.institution_id;
    INSERT INTO institution_answer_days (institution_id, working_days, answers)
    VALUES (a.institution_id, a.working_days, sign)
    ON CONFLICT (institution_id, working_days)
    DO UPDATE SET answers = institution_answer_days.answers + sign;
    UPDATE questions SET answered_on = CASE WHEN sign = 1 THEN a.answered_on END WHERE id = a.question_id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER question_answers_record AFTER INSERT OR UPDATE OF rejected_at ON question_answers
    FOR EACH ROW EXECUTE FUNCTION institution_record_answer();
