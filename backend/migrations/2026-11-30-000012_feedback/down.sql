DROP TABLE feedback_responses;
ALTER TABLE forums DROP COLUMN feedback_closes_at;
DROP TABLE feedback_answers;
DROP TABLE feedback;
