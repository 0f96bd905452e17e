DROP INDEX comments_useful_idx;
DROP TABLE comment_reactions;
DROP FUNCTION comment_reactions_counted();
ALTER TABLE comments DROP COLUMN disagree_count, DROP COLUMN agree_count, DROP COLUMN useful_count;
