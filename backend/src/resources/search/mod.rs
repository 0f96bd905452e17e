//! `GET /search`: French full-text search over commitments, milestones, forums and public
//! comments — accent-insensitive (`fr_unaccent` configuration), ranked, paginated.
//!
//! Design (see docs/ARCHITECTURE.md): every searchable row stores its `tsvector` (a generated
//! column with a GIN index), so nothing is parsed at query time. Plans, commitments, milestones
//! and forums are few and ranked in full with weights (title A, summary B, body C). Comments are
//! many: ranking all matches of a common word means reading and scoring tens of thousands of
//! vectors, so ranking is bounded to the `COMMENT_CANDIDATES` most recently posted matching
//! public comments (highest ids: a comment's id is given when it is posted). A discussion
//! platform's readers want recent answers first; an old comment with a rare word is still
//! found, because a rare word has few matches.
//!
//! Finding those candidates is bounded whatever the word (issue 22, 5b). Walking the recency
//! index until enough matches turn up was cheap for a word common in recent comments and
//! unbounded for one absent from them: on the large dataset, a word in 32,000 old comments only
//! walked 417,880 newer ones (1.5 s). Now the GIN index also holds `id / 32768` and `id / 2048`
//! (btree_gin), and the comment arm (`comments::SEARCH`) goes down the coarse buckets from the
//! newest: their matches counted through the index (up to `COMMENT_CANDIDATES + 1`), an empty
//! one skipped without reading a comment, a sparse one read at once, a dense one read fine
//! bucket by fine bucket. Work grows with the number of buckets (33 for 1,000,000 comments)
//! and the candidates read, not with the comments between matches: 7 ms instead of 1.5 s for
//! that old word, in the same range as before for a recent one (bench/README.md, "Search's
//! worst case").
//!
//! The comment filter spells out `websearch_to_tsquery(…, $1)` instead of reading it from the
//! `query` CTE: an immutable function of a bound value is folded into a constant, so the planner
//! sees the word's frequency. Read from the CTE, the query is opaque, the planner guesses
//! "rare", and a bitmap scan fetches all 240,000 matches of a common word (6 s on the large
//! dataset instead of a few ms).

mod dto;
mod handlers;
pub mod queries;

pub use dto::{SearchKind, COMMENT_CANDIDATES};

/// French full-text search.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("search", "French full-text search")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::search);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![SearchKind],
    ..crate::registry::Resource::NONE
};
