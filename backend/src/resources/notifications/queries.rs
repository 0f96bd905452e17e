//! Reads and writes of follows, notifications and mail preferences.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::{
    FollowState, Followed, MailPreference, MentionSuggestion, Notification, NotificationActor, NotificationLink,
    NotificationReason, UnreadCount,
};
use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::{comments, follows, notification_settings, notifications, subjects, users};
use crate::subjects::{SubjectKind, SubjectRef};

/// The unread count stops here (the header shows "99+").
pub const UNREAD_COUNT_CAP: i64 = 100;
/// Characters of a comment shown in its notification.
const EXCERPT_CHARS: usize = 160;

/// Follows `subject` (again: nothing changes).
pub fn follow(conn: &mut PgConnection, user: UserId, subject: &SubjectRef) -> QueryResult<FollowState> {
    diesel::insert_into(follows::table)
        .values((follows::user_id.eq(user), follows::subject_id.eq(subject.id)))
        .on_conflict_do_nothing()
        .execute(conn)?;
    follow_state(conn, Some(user), subject.id)
}

/// Stops following `subject` (not following: nothing changes).
pub fn unfollow(conn: &mut PgConnection, user: UserId, subject: SubjectId) -> QueryResult<()> {
    diesel::delete(follows::table.filter(follows::user_id.eq(user)).filter(follows::subject_id.eq(subject)))
        .execute(conn)
        .map(|_| ())
}

/// Whether `user` follows `subject`, and how many do.
pub fn follow_state(conn: &mut PgConnection, user: Option<UserId>, subject: SubjectId) -> QueryResult<FollowState> {
    let since: Option<DateTime<Utc>> = match user {
        Some(user) => follows::table.find((user, subject)).select(follows::created_at).first(conn).optional()?,
        None => None,
    };
    let followers: i64 = follows::table.filter(follows::subject_id.eq(subject)).count().get_result(conn)?;
    Ok(FollowState { following: since.is_some(), since, followers })
}

/// What `user` follows, latest followed first, after `after` (its time and subject).
pub fn list_follows(
    conn: &mut PgConnection,
    user: UserId,
    after: Option<(DateTime<Utc>, SubjectId)>,
    limit: i64,
) -> QueryResult<Vec<(Followed, SubjectId)>> {
    let mut q = follows::table
        .inner_join(subjects::table)
        .filter(follows::user_id.eq(user))
        .select((follows::subject_id, follows::created_at, subjects::kind, subjects::ref_id))
        .order((follows::created_at.desc(), follows::subject_id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = after {
        q = q.filter(crate::keyset!((follows::created_at, follows::subject_id) < (at, id)));
    }
    let rows: Vec<(SubjectId, DateTime<Utc>, SubjectKind, i64)> = q.load(conn)?;
    let mut described =
        crate::subjects::describe_known(conn, rows.iter().map(|(id, _, kind, r)| (*id, *kind, *r)).collect())?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, since, ..)| described.remove(&id).map(|subject| (Followed { subject, since }, id)))
        .collect())
}

type Row = (
    i64,
    i64,
    NotificationReason,
    Option<SubjectId>,
    Option<UserId>,
    Option<CommentId>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

/// `user`'s notifications, newest first, before the id `before`.
pub fn list(
    conn: &mut PgConnection,
    user: UserId,
    unread_only: bool,
    before: Option<i64>,
    limit: i64,
) -> QueryResult<Vec<Notification>> {
    let mut q = notifications::table
        .filter(notifications::user_id.eq(user))
        .select((
            notifications::id,
            notifications::event_id,
            notifications::reason,
            notifications::subject_id,
            notifications::actor_id,
            notifications::comment_id,
            notifications::created_at,
            notifications::read_at,
        ))
        .order(notifications::id.desc())
        .limit(limit)
        .into_boxed();
    if unread_only {
        q = q.filter(notifications::read_at.is_null());
    }
    if let Some(before) = before {
        q = q.filter(notifications::id.lt(before));
    }
    let rows: Vec<Row> = q.load(conn)?;
    // What the page names, in one query per kind of thing (subjects, people, comments).
    let subject_ids: Vec<SubjectId> = rows.iter().filter_map(|r| r.3).collect();
    let described = crate::subjects::describe(conn, &subject_ids)?;
    let actor_ids: Vec<UserId> = rows.iter().filter_map(|r| r.4).collect();
    let actors: HashMap<UserId, String> = users::table
        .filter(users::id.eq_any(&actor_ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect();
    let comment_ids: Vec<CommentId> = rows.iter().filter_map(|r| r.5).collect();
    let excerpts: HashMap<CommentId, String> = comments::table
        .filter(comments::id.eq_any(&comment_ids))
        .filter(comments::deleted_at.is_null())
        .filter(comments::hidden_at.is_null())
        .select((comments::id, comments::body))
        .load::<(CommentId, String)>(conn)?
        .into_iter()
        .map(|(id, body)| (id, excerpt(&body)))
        .collect();
    let links = links(conn, &rows)?;
    Ok(rows
        .into_iter()
        .map(|(id, event, reason, subject, actor, comment, created_at, read_at)| Notification {
            id,
            reason,
            subject: subject.and_then(|s| described.get(&s).cloned()),
            link: links.get(&event).cloned(),
            actor: actor
                .and_then(|a| actors.get(&a).map(|name| NotificationActor { id: a.get(), display_name: name.clone() })),
            comment_id: comment.map(CommentId::get),
            excerpt: comment.and_then(|c| excerpts.get(&c).cloned()),
            created_at,
            read: read_at.is_some(),
        })
        .collect())
}

#[derive(QueryableByName)]
struct EndpointEvent {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    id: i64,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    endpoint: i64,
    #[diesel(sql_type = diesel::sql_types::Text)]
    url: String,
    #[diesel(sql_type = diesel::sql_types::Bool)]
    platform: bool,
}

/// The pages of the notifications not about a subject, by event: a webhook endpoint turned off
/// is named by its URL as the event recorded it, and links to the page of whoever reads it (the
/// account's for an app's endpoint, the admin area's for the platform's).
fn links(conn: &mut PgConnection, rows: &[Row]) -> QueryResult<HashMap<i64, NotificationLink>> {
    let events: Vec<i64> = rows.iter().filter(|r| r.2 == NotificationReason::WebhookDisabled).map(|r| r.1).collect();
    if events.is_empty() {
        return Ok(HashMap::new());
    }
    let found: Vec<EndpointEvent> = diesel::sql_query(
        "SELECT id, subject_ref AS endpoint, coalesce(payload->'after'->>'url', '') AS url, \
                (payload->'after'->'app_token_id') IS NULL OR payload->'after'->'app_token_id' = 'null' AS platform \
           FROM events WHERE id = ANY($1) AND subject_ref IS NOT NULL",
    )
    .bind::<diesel::sql_types::Array<diesel::sql_types::BigInt>, _>(&events)
    .load(conn)?;
    Ok(found
        .into_iter()
        .map(|e| {
            let area = if e.platform { "/admin/webhooks" } else { "/compte/webhooks" };
            (e.id, NotificationLink { title: e.url, path: format!("{area}/{}", e.endpoint) })
        })
        .collect())
}

/// A notification about something that is not a subject (a webhook endpoint turned off), for
/// `user`, on `event`, in the caller's transaction. Its mail, if any, is the caller's.
pub fn notify_directly(
    conn: &mut PgConnection,
    user: UserId,
    event: i64,
    reason: NotificationReason,
) -> QueryResult<()> {
    diesel::sql_query(
        "INSERT INTO notifications (user_id, event_id, reason, mail) VALUES ($1, $2, $3, 'none') \
         ON CONFLICT (user_id, event_id) DO NOTHING",
    )
    .bind::<diesel::sql_types::BigInt, _>(user.get())
    .bind::<diesel::sql_types::BigInt, _>(event)
    .bind::<diesel::sql_types::Text, _>(reason.as_str())
    .execute(conn)
    .map(|_| ())
}

fn excerpt(body: &str) -> String {
    let flat = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        flat
    } else {
        let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
}

/// Unread notifications of `user`, counted up to the cap (a walk of the partial index).
pub fn unread_count(conn: &mut PgConnection, user: UserId) -> QueryResult<UnreadCount> {
    let n: i64 = crate::db::Prepared(
        diesel::sql_query(
            "SELECT count(*) AS n FROM (SELECT 1 FROM notifications WHERE user_id = $1 AND read_at IS NULL LIMIT $2) t",
        )
        .bind::<diesel::sql_types::BigInt, _>(user.get())
        .bind::<diesel::sql_types::BigInt, _>(UNREAD_COUNT_CAP + 1),
    )
    .get_result::<Count>(conn)?
    .n;
    Ok(UnreadCount { unread: n.min(UNREAD_COUNT_CAP), more: n > UNREAD_COUNT_CAP })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Marks one of `user`'s notifications read (one already read keeps its time); false when
/// `user` has none with that id.
pub fn mark_read(conn: &mut PgConnection, user: UserId, id: i64) -> QueryResult<bool> {
    diesel::update(notifications::table.filter(notifications::id.eq(id)).filter(notifications::user_id.eq(user)))
        .set(notifications::read_at.eq(
            diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Timestamptz>>("coalesce(read_at, now())"),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// Marks every unread notification of `user` read (up to the id `up_to`); returns how many.
pub fn mark_all_read(conn: &mut PgConnection, user: UserId, up_to: Option<i64>) -> QueryResult<i64> {
    let mut q = diesel::update(notifications::table)
        .filter(notifications::user_id.eq(user))
        .filter(notifications::read_at.is_null())
        .into_boxed();
    if let Some(up_to) = up_to {
        q = q.filter(notifications::id.le(up_to));
    }
    q.set(notifications::read_at.eq(Some(Utc::now()))).execute(conn).map(|n| n as i64)
}

/// How `user` hears of notifications by mail (no row: the daily digest).
pub fn mail_preference(conn: &mut PgConnection, user: UserId) -> QueryResult<MailPreference> {
    Ok(notification_settings::table
        .find(user)
        .select(notification_settings::mail)
        .first(conn)
        .optional()?
        .unwrap_or(MailPreference::Daily))
}

pub fn set_mail_preference(conn: &mut PgConnection, user: UserId, mail: MailPreference) -> QueryResult<()> {
    diesel::insert_into(notification_settings::table)
        .values((notification_settings::user_id.eq(user), notification_settings::mail.eq(mail)))
        .on_conflict(notification_settings::user_id)
        .do_update()
        .set((notification_settings::mail.eq(mail), notification_settings::updated_at.eq(Utc::now())))
        .execute(conn)
        .map(|_| ())
}

/// Members whose handle or display name starts with `prefix` (any case), by name; suspended and
/// erased accounts left out.
pub fn suggestions(conn: &mut PgConnection, prefix: &str, limit: i64) -> QueryResult<Vec<MentionSuggestion>> {
    let pattern = format!("{}%", crate::http::filters::escape_like(&prefix.to_lowercase()));
    let rows: Vec<(UserId, String, String, Option<String>)> = users::table
        .filter(
            diesel::dsl::sql::<diesel::sql_types::Bool>("(handle LIKE ")
                .bind::<diesel::sql_types::Text, _>(pattern.clone())
                .sql(" OR lower(display_name) LIKE ")
                .bind::<diesel::sql_types::Text, _>(pattern)
                .sql(")"),
        )
        .filter(users::suspended_at.is_null().or(users::suspended_until.le(Utc::now())))
        .filter(users::erased_at.is_null())
        .select((users::id, users::display_name, users::handle, users::organisation))
        .order((diesel::dsl::sql::<diesel::sql_types::Text>("lower(display_name)"), users::id))
        .limit(limit)
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, display_name, handle, organisation)| MentionSuggestion {
            id: id.get(),
            display_name,
            handle,
            organisation,
        })
        .collect())
}
