CREATE INDEX comments_search_idx ON comments USING gin (search_vector)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;
DROP INDEX comments_search_recent_idx;
DROP EXTENSION IF EXISTS btree_gin;
