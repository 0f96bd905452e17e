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

/// Comments in search: only the `$3` most recent matches are ranked, so a common word costs a
/// bounded amount of work while a rare one still finds old comments; hidden and deleted ones
/// never show.
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "comment",
    sql: "
    SELECT 'comment'::text, r.id, left(r.body, 120), r.body,
           ts_rank(r.search_vector, query.q)::float4, r.created_at,
           NULL::int8, r.subject_id, NULL::text
      FROM (SELECT c.id, c.body, c.search_vector, c.created_at, c.subject_id
              FROM comments c
             WHERE $2 IN ('all', 'comment') AND c.deleted_at IS NULL AND c.hidden_at IS NULL
               AND c.search_vector @@ websearch_to_tsquery('public.fr_unaccent', $1)
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT $3) r, query",
};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        COMMENT_CREATED => notifying "comment.created",
        COMMENT_UPDATED => notifying "comment.updated",
        COMMENT_DELETED => "comment.deleted",
        COMMENT_HIDDEN => "comment.hidden",
        COMMENT_RESTORED => "comment.restored",
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
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};
