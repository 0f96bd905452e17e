DROP TABLE forum_organisers;
DROP TRIGGER forums_feedback_window ON forums;
DROP FUNCTION forum_feedback_window();
DROP TRIGGER forum_minutes_versions_kept ON forum_minutes;
DROP FUNCTION forum_minutes_keep_version();
DROP TABLE forum_minutes_versions;
DROP TRIGGER comments_answer_visibility ON comments;
DROP FUNCTION answer_follows_its_comment();
DROP INDEX question_answers_standing;
DROP TRIGGER question_answers_record ON question_answers;
DROP FUNCTION institution_record_answer();
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
CREATE UNIQUE INDEX question_answers_standing ON question_answers (question_id) WHERE rejected_at IS NULL;
ALTER TABLE question_answers DROP COLUMN hidden_at, DROP COLUMN superseded_at;
DROP TRIGGER question_answers_on_record ON question_answers;
DROP FUNCTION question_answer_on_record();
DROP TRIGGER comments_on_record ON comments;
DROP FUNCTION comment_on_record();
DROP TABLE comment_versions;
ALTER TABLE comments DROP COLUMN on_record;
