//! The public discussion: comments on a subject (a forum, a commitment, a milestone…),
//! threaded to any depth.

pub mod discussion;
pub mod dto;
pub mod handlers;
pub mod model;
pub mod queries;
pub mod writes;

pub use dto::{Comment, ReplyPage, MAX_REPLIES_PER_THREAD};

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 409: the comment answered is deleted or hidden.
        PARENT_UNAVAILABLE => ("parent_unavailable", "Le commentaire auquel vous répondez a été supprimé ou masqué."),
        /// 409: the comment is deleted or hidden.
        COMMENT_UNAVAILABLE => ("comment_unavailable", "Un commentaire supprimé ou masqué ne peut pas être modifié."),
        /// 409: an institution's answer to a question is part of the public record: it is
        /// edited (earlier versions kept) or hidden by a moderator, never deleted.
        ANSWER_ON_RECORD => ("answer_on_record", "Cette réponse d'une institution fait partie du registre public : elle peut être modifiée (ses versions antérieures restent lisibles) ou masquée par la modération, jamais supprimée."),
    }
}

/// Comments in search: only the `$3` most recently posted matches are ranked, so a common word
/// costs a bounded amount of work while a rare one still finds old comments; hidden and deleted
/// ones never show. The matches are found by id buckets, newest first (the GIN index
/// `comments_search_recent_idx` holds `id / 32768`, `id / 2048` and the text; the sizes are
/// measured in migration 000048): for each coarse bucket, its number of matches counted up to
/// `$3 + 1`; none: the next; up to `$3`: all of them at once; more: its fine buckets one by one.
/// So a word absent from recent weeks skips them bucket by bucket, never comment by comment
/// (`resources::search` has the numbers). A query of exclusions only (`querytree` = `T`) cannot
/// use the index: it walks the newest comments, which mostly match it.
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "comment",
    sql: "
    SELECT 'comment'::text, r.id, left(r.body, 120), r.body,
           ts_rank(r.search_vector, query.q)::float4, r.created_at,
           NULL::int8, r.subject_id, NULL::text
      FROM ((SELECT r.id, r.body, r.search_vector, r.created_at, r.subject_id
              FROM (SELECT max(id) AS top FROM comments
                     WHERE $2 IN ('all', 'comment')
                       AND querytree(websearch_to_tsquery('public.fr_unaccent', $1)) <> 'T') m
             CROSS JOIN LATERAL generate_series(m.top / 32768, 0, -1) AS coarse(n)
             CROSS JOIN LATERAL (
                   SELECT count(*) AS hits FROM (SELECT FROM comments c
                    WHERE c.id / 32768 = coarse.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                      AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
                    LIMIT $3 + 1) c) cnt
             CROSS JOIN LATERAL (
                   (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
                     WHERE cnt.hits BETWEEN 1 AND $3
                       AND c.id / 32768 = coarse.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                       AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
                     ORDER BY c.id DESC)
                   UNION ALL
                   (SELECT f.* FROM generate_series(least(m.top / 2048, coarse.n * 16 + 15), coarse.n * 16, -1) AS fine(n)
                     CROSS JOIN LATERAL (
                           SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
                            WHERE c.id / 2048 = fine.n AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                              AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
                            ORDER BY c.id DESC) f
                     WHERE cnt.hits > $3)) r
             LIMIT $3)
            UNION ALL
            (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id FROM comments c
              WHERE $2 IN ('all', 'comment')
                AND querytree(websearch_to_tsquery('public.fr_unaccent', $1)) = 'T'
                AND c.deleted_at IS NULL AND c.hidden_at IS NULL
                AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
              ORDER BY c.id DESC
              LIMIT $3)) r, query",
};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        COMMENT_CREATED => notifying "comment.created",
        COMMENT_UPDATED => notifying "comment.updated",
        COMMENT_DELETED => "comment.deleted",
        COMMENT_HIDDEN => "comment.hidden",
        COMMENT_RESTORED => "comment.restored",
        // Its reaction counts changed (who reacted is never recorded: votes stay private).
        COMMENT_REACTED => "comment.reacted",
    }
}

/// Public discussion on forums, commitments and milestones.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("comments", "Public discussion on forums, commitments and milestones")],
    api_v1: Some(|cfg| {
        // Each discussable resource registers its own discussion routes (`discussion_routes!`).
        cfg.service(handlers::list_recent_comments)
            .service(handlers::get_comment)
            .service(handlers::list_replies)
            .service(handlers::update_comment)
            .service(handlers::delete_comment)
            .service(handlers::set_reaction)
            .service(handlers::remove_reaction);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![dto::ListMode, dto::ThreadSort, dto::Stance, ReplyPage],
    events: events::ALL,
    codes: codes::ALL,
    change_feed: Some("comment"),
    record: Some(&RECORD),
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /comments/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/comments/{key}", load: public_record, within: Some(discussed) };

/// The record a comment's event is about: its payload names the discussion (`writes::outline`),
/// at its top or in the audited `after`.
fn discussed(payload: &serde_json::Value) -> Option<(String, i64)> {
    let subject = [&payload["subject"], &payload["after"]["subject"]].into_iter().find(|s| s.is_object())?;
    Some((subject["type"].as_str()?.to_string(), subject["id"].as_i64()?))
}

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, crate::db::ids::CommentId(id))?;
    // As a visitor reads it: a hidden or deleted comment is its tombstone.
    crate::registry::json(queries::present(row, dto::Viewer::default()))
}
