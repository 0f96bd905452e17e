//! Follows and notifications. Members follow subjects (a forum, a commitment, a milestone, an
//! action item, a question); what happens to them, and to a member's own comments, questions and
//! registrations, becomes in-app notifications, and mail as each member chose: none, one mail
//! each, or a daily digest.
//!
//! Nothing of it runs in the request that causes it: an event people may hear of is recorded
//! with a fan-out job (`events::record`), and the job (`fanout`) writes the notifications and
//! enqueues their mails in one transaction. Each person hears of each event once:
//! `UNIQUE (user_id, event_id)` makes a fan-out that runs again (a worker that died after
//! committing, before marking the job done) add nothing, and a worker that died before
//! committing left nothing behind.

mod digest;
mod dto;
mod fanout;
mod handlers;
pub mod mentions;
pub mod queries;
mod stream;

pub use digest::{ensure_digest_scheduled, run_digest, DIGEST_JOB};
pub use dto::{MailPreference, NotificationReason};
pub use fanout::{run_fan_out, FAN_OUT_JOB};

/// The daily digest stays scheduled, whatever happened to its chain.
fn keep_digest_scheduled(conn: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
    ensure_digest_scheduled(conn, None)
}

/// Retention (housekeeping, every worker beat): notifications older than a year go, up to
/// 1,000 a beat. A read first (the oldest row, by the primary key): most beats have nothing to
/// forget and then write nothing, take no write lock, and wait for no one's. Only the 1,000
/// oldest by id are looked at (the order they were made in), so a beat costs short index reads
/// rather than a scan of a table of millions.
fn forget_year_old(conn: &mut diesel::PgConnection) -> diesel::QueryResult<()> {
    use diesel::{OptionalExtension, RunQueryDsl};
    #[derive(diesel::QueryableByName)]
    struct Oldest {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        due: bool,
    }
    let due = diesel::sql_query(
        "SELECT created_at < now() - interval '1 year' AS due FROM notifications ORDER BY id LIMIT 1",
    )
    .get_result::<Oldest>(conn)
    .optional()?
    .is_some_and(|o| o.due);
    if !due {
        return Ok(());
    }
    diesel::sql_query(
        "DELETE FROM notifications WHERE id IN (SELECT id FROM \
           (SELECT id, created_at FROM notifications ORDER BY id LIMIT 1000) AS oldest \
          WHERE created_at < now() - interval '1 year')",
    )
    .execute(conn)
    .map(|_| ())
}

/// Follows, notifications, mail preferences and mention suggestions.
pub const RESOURCE: crate::registry::Resource = crate::registry::Resource {
    tags: &[(
        "notifications",
        "Following subjects, in-app notifications, how they come by mail, and mention suggestions",
    )],
    api_v1: Some(|cfg| {
        cfg.service(handlers::list_follows)
            .service(handlers::follow_state)
            .service(handlers::follow)
            .service(handlers::unfollow)
            .service(handlers::list_notifications)
            .service(handlers::unread_count)
            .service(stream::my_stream)
            .service(handlers::mark_all_read)
            .service(handlers::mark_read)
            .service(handlers::get_settings)
            .service(handlers::put_settings)
            .service(handlers::mention_suggestions);
    }),
    at_root: None,
    unique: &[],
    schemas: crate::schemas![NotificationReason, MailPreference],
    jobs: &[
        crate::jobs::worker::JobKind { kind: FAN_OUT_JOB, run: run_fan_out, routine: false },
        crate::jobs::worker::JobKind { kind: DIGEST_JOB, run: run_digest, routine: false },
    ],
    // Every event people may hear of is recorded with its fan-out job.
    subscriptions: &[crate::events::Subscription { job: FAN_OUT_JOB, to: crate::events::EventType::notifies }],
    housekeeping: &[keep_digest_scheduled, forget_year_old],
    ..crate::registry::Resource::NONE
};
