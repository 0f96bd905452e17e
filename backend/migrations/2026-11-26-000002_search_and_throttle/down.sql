DROP TABLE login_throttle;
ALTER TABLE forums DROP COLUMN search_vector;
ALTER TABLE milestones DROP COLUMN search_vector;
ALTER TABLE commitments DROP COLUMN search_vector;
DROP INDEX comments_recent_public_idx;
ALTER TABLE comments DROP COLUMN search_vector;
DROP TEXT SEARCH CONFIGURATION public.fr_unaccent;
DROP EXTENSION IF EXISTS unaccent;
