//! Minutes of held forums and their action items: each decision or next step, with an owner
//! and a due date, followed in public to closure; every change of status is kept in a history
//! no one can edit. Action items are subjects: people discuss them.

mod dto;
mod handlers;
pub mod minutes;
pub mod model;
pub mod queries;
pub mod writes;

pub use crate::resources::shared::refs::ActionStatus;
pub use dto::OwnerKind;

pub mod subject;

/// The events this resource's writes record (`registry::Resource::events`).
pub mod events {
    crate::event_types! {
        FORUM_MINUTES_PUBLISHED => "forum.minutes_published",
        FORUM_MINUTES_UPDATED => "forum.minutes_updated",
        ACTION_ITEM_CREATED => "action_item.created",
        ACTION_ITEM_UPDATED => "action_item.updated",
        ACTION_ITEM_STATUS_CHANGED => notifying "action_item.status_changed",
    }
}

/// Minutes and action items.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[("action-items", "Minutes of held forums, and their action items followed to closure")],
    api_v1: Some(|cfg| {
        cfg.service(handlers::get_minutes)
            .service(handlers::put_minutes)
            .service(handlers::list_action_items)
            .service(handlers::create_action_item)
            .service(handlers::list_action_item_comments)
            .service(handlers::action_item_comments_feed)
            .service(handlers::create_action_item_comment)
            .service(handlers::change_status)
            .service(handlers::get_action_item)
            .service(handlers::update_action_item);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![],
    events: events::ALL,
    subject: Some(&subject::DECL),
    change_feed: Some("action_item"),
    record: Some(&RECORD),
    ..crate::registry::Resource::NONE
};

/// Its records for readers of the event log outside the API (webhooks): as `GET /action-items/{key}` answers.
const RECORD: crate::registry::RecordDecl =
    crate::registry::RecordDecl { path: "/action-items/{key}", load: public_record, within: None };

fn public_record(conn: &mut diesel::PgConnection, id: i64) -> crate::http::problem::ApiResult<serde_json::Value> {
    let row = queries::find(conn, crate::db::ids::ActionItemId(id))?;
    crate::registry::json(queries::present_one(conn, row.id)?)
}
