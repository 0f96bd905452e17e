DROP TABLE question_answers;
DROP FUNCTION institution_record_answer();
DROP TABLE questions;
DROP FUNCTION institution_record_question();
DROP TABLE institution_answer_days;
DROP TABLE institution_records;
DELETE FROM subjects WHERE kind = 'question';
ALTER TABLE subjects DROP CONSTRAINT subjects_kind_check;
ALTER TABLE subjects ADD CONSTRAINT subjects_kind_check
    CHECK (kind IN ('action_plan', 'commitment', 'milestone', 'forum', 'action_item'));
DROP TABLE extra_holidays;
