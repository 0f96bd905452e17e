-- Search's buckets halved at the top, doubled at the bottom (issue 22, 5b: bench row R5).
-- Counting a coarse bucket's matches builds the bitmap of all of them (a GIN scan cannot stop
-- at `COMMENT_CANDIDATES + 1`), so a count costs in proportion to the matches in the bucket:
-- 0.6 ms for 3,306, 2.9 ms for 13,255 on the large dataset. And each fine bucket is one more
-- index scan (17 us each; 49 of them when the word is sparse in the newest comments). Coarse
-- buckets of 32,768 ids and fine ones of 2,048 (16 per coarse bucket) measured against 65,536
-- and 1,024 on four shapes of word (bench/README.md, "Search's worst case"): a word sparse in
-- the newest comments (R5) -20 % per query, one in old comments only (R5o) -5 %, one in every
-- recent comment +9 %, one in no comment +0.2 ms. The comment arm of the search query
-- (resources/comments/mod.rs) writes the same two numbers: change them together.
DROP INDEX comments_search_recent_idx;

CREATE INDEX comments_search_recent_idx ON comments
    USING gin ((id / 32768), (id / 2048), search_vector)
    WHERE deleted_at IS NULL AND hidden_at IS NULL;
