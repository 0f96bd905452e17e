DROP TABLE comments;
DROP TABLE forum_commitments;
DROP TABLE forums;
DROP TABLE milestones;
DROP TABLE commitments;
DROP TABLE action_plans;
DROP TABLE users;
DROP FUNCTION set_updated_at();
