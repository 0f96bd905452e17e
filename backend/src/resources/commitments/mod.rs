//! Commitments of an action plan (e.g. FR0041 "Open Etat Forum"), with their IRM review and
//! milestone progress. Anyone reads; officials and admins write; admins delete or archive.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use crate::resources::shared::refs::MilestoneProgress;
pub use dto::{ActionPlanRef, Commitment};

pub mod subject;

/// Commitments in search: ranked with weights, archived ones left out.
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "commitment",
    sql: "
    SELECT 'commitment'::text AS kind, c.id, c.code || ' — ' || c.title AS title,
           coalesce(c.summary, c.description, c.title) AS body,
           ts_rank(c.search_vector, query.q)::float4 AS rank, c.updated_at AS at,
           NULL::int8 AS commitment_id, NULL::int8 AS subject_id, c.lang
      FROM commitments c, query
     WHERE $2 IN ('all', 'commitment') AND c.search_vector @@ query.q AND c.archived_at IS NULL",
};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        COMMITMENT_CREATED => "commitment.created",
        COMMITMENT_UPDATED => "commitment.updated",
        COMMITMENT_ARCHIVED => "commitment.archived",
        COMMITMENT_RESTORED => "commitment.restored",
        COMMITMENT_DELETED => "commitment.deleted",
    }
}

/// Commitments of an action plan.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("commitments", "Commitments of an action plan")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_commitments)
            .service(handlers::list_commitment_comments)
            .service(handlers::commitment_comments_feed)
            .service(handlers::create_commitment_comment)
            .service(handlers::create_commitment)
            .service(handlers::get_commitment)
            .service(handlers::update_commitment)
            .service(handlers::delete_commitment)
            .service(handlers::restore_commitment);
    }),
    at_root: None,
    unique: &[("commitments_code_key", "A commitment already has this code.")],
    schemas: crate::schemas![],
    events: events::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("commitment"),
    record: Some(&RECORD),
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /commitments/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/commitments/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, &id.to_string())?;
    crate::registry::json(queries::present_full(conn, row)?)
}
