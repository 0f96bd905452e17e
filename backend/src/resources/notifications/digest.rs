//! The daily digest: at 7:00 (Paris time), one mail to each member who chose it, with their
//! notifications of the day that are still unread. A notification goes in one digest at most
//! (`mail` moves from `digest` to `digested` in the transaction that enqueues the mail); one
//! read in the web app before the digest goes is left out of it.
//!
//! The job schedules the next one; every worker also makes sure one is queued
//! (`ensure_digest_scheduled`, cheap), so that the chain survives anything.

use std::collections::BTreeMap;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Nullable, Text};

use super::dto::NotificationReason;
use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::users;
use crate::jobs::worker::{JobContext, JobError};
use crate::mail::templates::Template;
use crate::mail::{MailNotice, Outgoing};
use crate::types::Locale;

/// The job kind.
pub const DIGEST_JOB: &str = "notifications_digest";
/// Notifications listed in one digest (the rest are counted, and wait in the web app).
const DIGEST_ITEMS: usize = 30;

/// Queues the next digest (the next 7:00 in Paris) unless one is queued or running (other than
/// `running_now`, the digest job that calls this).
pub fn ensure_digest_scheduled(conn: &mut PgConnection, running_now: Option<crate::db::ids::JobId>) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO jobs (kind, run_at) \
         SELECT $1, CASE WHEN today > now() THEN today ELSE today + interval '1 day' END \
         FROM (SELECT (date_trunc('day', now() AT TIME ZONE 'Europe/Paris') + interval '7 hours') \
                      AT TIME ZONE 'Europe/Paris' AS today) t \
         WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = $1 AND state IN ('queued', 'running') \
                           AND id IS DISTINCT FROM $2)",
    )
    .bind::<Text, _>(DIGEST_JOB)
    .bind::<Nullable<BigInt>, _>(running_now.map(|j| j.get()))
    .execute(conn)
    .map(|_| ())
}

#[derive(QueryableByName)]
struct Due {
    #[diesel(sql_type = BigInt)]
    user_id: UserId,
    #[diesel(sql_type = Text)]
    reason: NotificationReason,
    #[diesel(sql_type = Nullable<BigInt>)]
    subject_id: Option<SubjectId>,
    #[diesel(sql_type = Nullable<BigInt>)]
    comment_id: Option<CommentId>,
    #[diesel(sql_type = Nullable<Text>)]
    actor: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    unread: bool,
}

pub fn run_digest(
    ctx: &mut JobContext<'_>,
    _payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let public_url = ctx.mailer.public_url.clone();
    ctx.conn
        .transaction(|conn| -> QueryResult<()> {
            // Everything waiting, marked as gone in a digest (read ones included: they need no
            // mail any more), oldest first.
            let due: Vec<Due> = diesel::sql_query(
                "WITH taken AS ( \
                   UPDATE notifications SET mail = 'digested' WHERE mail = 'digest' \
                   RETURNING id, user_id, reason, subject_id, comment_id, actor_id, read_at) \
                 SELECT t.user_id, t.reason, t.subject_id, t.comment_id, a.display_name AS actor, \
                        t.read_at IS NULL AS unread \
                 FROM taken t LEFT JOIN users a ON a.id = t.actor_id \
                 JOIN users u ON u.id = t.user_id \
                 LEFT JOIN notification_settings s ON s.user_id = t.user_id \
                 WHERE coalesce(s.mail, 'daily') = 'daily' AND u.email_verified_at IS NOT NULL \
                 ORDER BY t.user_id, t.id",
            )
            .load(conn)?;
            let unread: Vec<&Due> = due.iter().filter(|d| d.unread).collect();
            if unread.is_empty() {
                return Ok(());
            }
            let subjects: Vec<SubjectId> = unread.iter().filter_map(|d| d.subject_id).collect();
            let described = crate::subjects::describe(conn, &subjects)?;
            let mut by_person: BTreeMap<UserId, Vec<&Due>> = BTreeMap::new();
            for d in unread {
                by_person.entry(d.user_id).or_default().push(d);
            }
            let ids: Vec<UserId> = by_person.keys().copied().collect();
            let people: Vec<(UserId, String, String, Locale)> = users::table
                .filter(users::id.eq_any(&ids))
                .select((users::id, users::email, users::display_name, users::locale))
                .load(conn)?;
            let mails: Vec<Outgoing> = people
                .into_iter()
                .map(|(id, email, name, locale)| {
                    let items = &by_person[&id];
                    let mut notices: Vec<MailNotice> = items
                        .iter()
                        .take(DIGEST_ITEMS)
                        .map(|d| {
                            let subject = d.subject_id.and_then(|s| described.get(&s));
                            MailNotice {
                                text: super::fanout::wording(
                                    d.reason,
                                    d.actor.as_deref(),
                                    subject.map(|s| s.title.as_str()).unwrap_or_default(),
                                    locale,
                                ),
                                url: super::fanout::link(&public_url, subject.map(|s| s.path.as_str()), d.comment_id),
                            }
                        })
                        .collect();
                    if items.len() > DIGEST_ITEMS {
                        let more = items.len() - DIGEST_ITEMS;
                        notices.push(MailNotice {
                            text: if locale == Locale::Fr {
                                format!("… et {more} autres")
                            } else {
                                format!("… and {more} more")
                            },
                            url: format!("{public_url}/notifications"),
                        });
                    }
                    Outgoing {
                        to: email,
                        name,
                        locale,
                        template: Template::NotificationDigest,
                        link: None,
                        forum: None,
                        note: None,
                        notices,
                    }
                })
                .collect();
            crate::mail::enqueue_many(conn, &mails)?;
            Ok(())
        })
        .map_err(|e| JobError::Retry(format!("notifications digest: {e}")))?;
    // The next one (this one is running, so none is queued yet).
    ensure_digest_scheduled(ctx.conn, Some(ctx.job_id))
        .map_err(|e| JobError::Retry(format!("scheduling the next digest: {e}")))?;
    Ok(None)
}
