//! Thematic Open d'État forums: when and where they meet, and the commitments they work on.
//! Anyone reads; officials and admins write; admins delete or archive.

pub mod calendar;
mod dto;
mod feed;
mod handlers;
pub mod model;
pub mod organisers;
pub mod queries;

pub use crate::resources::shared::refs::CommitmentRef;
pub use dto::{Forum, When, FORUM_TIMEZONE};

/// This resource's problem codes (`registry::Resource::codes`).
pub mod codes {
    crate::problem_codes! {
        /// 403: only the forum's organisers (officials of its commitments' institutions, the
        /// people named on its list, admins) may do this.
        NOT_AN_ORGANISER => ("not_an_organiser", "Seuls les organisateurs de ce forum (agents des institutions de ses engagements, personnes nommées, administrateurs) peuvent faire cela."),
        /// 409: minutes and action items are for a forum that was held.
        FORUM_NOT_HELD => ("forum_not_held", "Le compte rendu et les actions se publient une fois le forum tenu (statut « tenu »)."),
        /// 409: a forum's capacity cannot go below the number of people already holding a seat.
        CAPACITY_BELOW_REGISTERED => ("capacity_below_registered", "Plus de personnes sont déjà inscrites que cette capacité : elle ne peut pas descendre en dessous."),
    }
}

pub mod subject;

/// Forums in search: archived ones left out.
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "forum",
    sql: "
    SELECT 'forum'::text, f.id, f.title, f.title || ' — ' || f.description,
           ts_rank(f.search_vector, query.q)::float4, f.starts_at, NULL::int8, NULL::int8, f.lang
      FROM forums f, query
     WHERE $2 IN ('all', 'forum') AND f.search_vector @@ query.q AND f.archived_at IS NULL",
};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        FORUM_CREATED => "forum.created",
        FORUM_UPDATED => notifying "forum.updated",
        FORUM_ARCHIVED => "forum.archived",
        FORUM_RESTORED => "forum.restored",
        FORUM_DELETED => "forum.deleted",
        FORUM_ORGANISER_ADDED => "forum.organiser_added",
        FORUM_ORGANISER_REMOVED => "forum.organiser_removed",
    }
}

/// Thematic Open d'État forums.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("forums", "Thematic Open d'État forums")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_forums)
            .service(feed::forums_feed)
            .service(handlers::forums_calendar)
            .service(handlers::forum_calendar)
            .service(handlers::list_forum_comments)
            .service(handlers::forum_comments_feed)
            .service(handlers::create_forum_comment)
            .service(handlers::create_forum)
            .service(handlers::get_forum)
            .service(handlers::update_forum)
            .service(handlers::delete_forum)
            .service(handlers::restore_forum)
            .service(organisers::list_organisers)
            .service(organisers::add_organiser)
            .service(organisers::remove_organiser);
    }),
    at_root: None,
    unique: &[("forums_slug_key", "A forum already has this slug.")],
    schemas: crate::schemas![When],
    events: events::ALL,
    codes: codes::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("forum"),
    record: Some(&RECORD),
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /forums/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/forums/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, &id.to_string())?;
    crate::registry::json(queries::present_one(conn, row)?)
}
