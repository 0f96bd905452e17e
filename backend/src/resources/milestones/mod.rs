//! Milestones of a commitment (e.g. FR0041's 12.1–12.4) and their public progress status.
//! Anyone reads; officials and admins write; admins delete or archive.

mod dto;
mod handlers;
pub mod model;
pub mod queries;

pub use dto::Milestone;

pub mod subject;

/// Milestones in search: archived ones left out.
const SEARCH: crate::registry::SearchArm = crate::registry::SearchArm {
    kind: "milestone",
    sql: "
    SELECT 'milestone'::text, m.id, m.code || ' — ' || m.title, coalesce(m.description, m.title),
           ts_rank(m.search_vector, query.q)::float4, m.updated_at, m.commitment_id, NULL::int8, m.lang
      FROM milestones m, query
     WHERE $2 IN ('all', 'milestone') AND m.search_vector @@ query.q AND m.archived_at IS NULL",
};

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        MILESTONE_CREATED => "milestone.created",
        MILESTONE_UPDATED => "milestone.updated",
        MILESTONE_ARCHIVED => "milestone.archived",
        MILESTONE_RESTORED => "milestone.restored",
        MILESTONE_DELETED => "milestone.deleted",
    }
}

/// Milestones of a commitment and their progress.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("milestones", "Milestones of a commitment and their progress")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_all_milestones)
            .service(handlers::list_milestone_comments)
            .service(handlers::milestone_comments_feed)
            .service(handlers::create_milestone_comment)
            .service(handlers::list_milestones)
            .service(handlers::create_milestone)
            .service(handlers::get_milestone)
            .service(handlers::update_milestone)
            .service(handlers::delete_milestone)
            .service(handlers::restore_milestone);
    }),
    at_root: None,
    unique: &[("milestones_commitment_id_code_key", "This commitment already has a milestone with this code.")],
    schemas: crate::schemas![],
    events: events::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("milestone"),
    record: Some(&RECORD),
    search: Some(&SEARCH),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /milestones/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/milestones/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let (row, code) = queries::find(conn, crate::db::ids::MilestoneId(id))?;
    crate::registry::json(queries::present(row, code))
}
