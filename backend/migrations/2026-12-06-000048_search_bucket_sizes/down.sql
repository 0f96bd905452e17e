DROP INDEX comments_search_recent_idx;

CREATE INDEX comments_search_recent_idx ON comments
    USING gin ((id / 65536), (id / 1024), search_vector)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;
