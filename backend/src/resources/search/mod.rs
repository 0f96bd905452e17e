//! `GET /search`: French full-text search over commitments, milestones, forums and public
//! comments — accent-insensitive (`fr_unaccent` configuration), ranked, paginated.
//!
//! Design (see docs/ARCHITECTURE.md): every searchable row stores its `tsvector` (a generated
//! column with a GIN index), so nothing is parsed at query time. Plans, commitments, milestones
//! and forums are few and ranked in full with weights (title A, summary B, body C). Comments are
//! many: ranking all matches of a common word means reading and scoring tens of thousands of
//! vectors, so ranking is bounded to the `COMMENT_CANDIDATES` most recent matching public
//! comments (found through the recency index or the GIN index, as the planner sees fit). A
//! discussion platform's readers want recent answers first; an old comment with a rare word
//! is still found, because a rare word has few matches.
//!
//! The comment filter spells out `websearch_to_tsquery(…, $1)` instead of reading it from the
//! `query` CTE: an immutable function of a bound value is folded into a constant, so the planner
//! sees the word's frequency and walks the recency index for a common word. Read from the CTE,
//! the query is opaque, the planner guesses "rare", and a bitmap scan fetches all 240,000
//! matches of a common word (6 s on the large dataset instead of a few ms).

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
