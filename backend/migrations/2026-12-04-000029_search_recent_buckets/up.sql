-- Search's worst case (issue 22, 5b): finding the most recent matches of a word that is common
-- overall but absent from the newest comments walked the recency index through every newer
-- comment (417,880 rows, 1.5 s on the large dataset). Comments are now found by id buckets:
-- (id / 65536) and (id / 1024) beside the text in one GIN index (btree_gin indexes the plain
-- columns), so "the matches in bucket n" is one index lookup, and the search visits buckets
-- from the newest down, never the comments between matches (see resources/search/mod.rs).
-- The bucket sizes are written out in the comment arm of the search query (comments/mod.rs):
-- change them together.
CREATE EXTENSION IF NOT EXISTS btree_gin;

CREATE INDEX comments_search_recent_idx ON comments
    USING gin ((id / 65536), (id / 1024), search_vector)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;

-- A GIN index answers conditions on any subset of its columns: this one also serves a search on
-- the text alone, so the text-only index is redundant (and each comment write updated both).
DROP INDEX comments_search_idx;
