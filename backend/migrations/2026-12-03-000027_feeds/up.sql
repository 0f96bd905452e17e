-- Atom feeds: an institution's answers, the most recent first, read from an index rather than
-- sorted from every answer it ever gave (the large dataset gives one institution 100,000
-- questions).
CREATE INDEX question_answers_institution_recent_idx ON question_answers (institution_id, answered_at DESC, id DESC);
