//! Reports, the queue, suspensions and the public log.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;

use super::dto::{
    ModerationAction, ModerationLogEntry, NewReportRequest, QueuedReport, Report, ReportReason, ReportedComment,
};
use crate::auth::user::User;
use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::events as event_log;
use crate::db::schema::{comment_reports, comments, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult};
use crate::mail::{self, templates::Template, MailNote, Outgoing};
use crate::resources::comments::dto::Viewer;
use crate::resources::comments::queries as comment_queries;
use crate::subjects;
use crate::types::{Locale, Role};

/// When reports hide a comment by themselves (`AUTO_HIDE_REPORTS`).
#[derive(Debug, Clone, Copy)]
pub struct AutoHide {
    /// Distinct qualifying reporters that hide a comment (0: never).
    pub reports: u32,
    /// A reporter qualifies with a confirmed address and an account at least this old.
    pub min_account_days: u32,
}

/// Reports `comment` once for `by` (never one's own); hides it when enough qualifying members
/// have — unless it is an institution's answer or by staff, which wait for a moderator.
pub fn report(
    conn: &mut PgConnection,
    comment: CommentId,
    by: UserId,
    r: NewReportRequest,
    auto_hide: AutoHide,
) -> ApiResult<Report> {
    let row = comment_queries::find(conn, comment)?;
    if row.deleted_at.is_some() || row.hidden_at.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::comments::codes::COMMENT_UNAVAILABLE,
            detail: "This comment is deleted or already hidden.".into(),
        });
    }
    if row.author_id == by {
        return Err(ApiError::Conflict {
            code: crate::resources::moderation::codes::OWN_COMMENT,
            detail: "You do not report your own comment: edit or delete it instead.".into(),
        });
    }
    let (id, created_at): (i64, DateTime<Utc>) = diesel::insert_into(comment_reports::table)
        .values((
            comment_reports::comment_id.eq(comment),
            comment_reports::reporter_id.eq(Some(by)),
            comment_reports::reason.eq(r.reason),
            comment_reports::details.eq(r.details.map(|d| d.trim().to_string())),
        ))
        .returning((comment_reports::id, comment_reports::created_at))
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::moderation::events::COMMENT_REPORTED)
            .subject(EventSubject::new("comment", comment.get(), comment.to_string()))
            .by(by)
            .payload(serde_json::json!({"reason": r.reason})),
    )?;
    // Staff speak for the platform and institutions answer for the record: reports about them
    // go to a person, never to a count.
    let protected = row.on_record || matches!(row.author_role, Role::Official | Role::Moderator | Role::Admin);
    let mut hid_comment = false;
    if auto_hide.reports > 0 && !protected {
        let old_enough = Utc::now() - chrono::Duration::days(i64::from(auto_hide.min_account_days));
        let reporters: i64 = comment_reports::table
            .inner_join(users::table.on(users::id.nullable().eq(comment_reports::reporter_id)))
            .filter(comment_reports::comment_id.eq(comment))
            .filter(comment_reports::resolved_at.is_null())
            .filter(users::email_verified_at.is_not_null())
            .filter(users::created_at.le(old_enough))
            .select(diesel::dsl::count(comment_reports::reporter_id).aggregate_distinct())
            .first(conn)?;
        if reporters >= i64::from(auto_hide.reports) {
            let reason = format!("masqué automatiquement après {reporters} signalements");
            crate::resources::comments::writes::moderate(conn, row, None, true, Some(reason))?;
            close_open(conn, comment, "hidden", None)?;
            hid_comment = true;
        }
    }
    Ok(Report { id, comment_id: comment.get(), reason: r.reason, created_at, hid_comment })
}

fn close_open(conn: &mut PgConnection, comment: CommentId, resolution: &str, by: Option<UserId>) -> QueryResult<usize> {
    diesel::update(
        comment_reports::table
            .filter(comment_reports::comment_id.eq(comment))
            .filter(comment_reports::resolved_at.is_null()),
    )
    .set((
        comment_reports::resolved_at.eq(Some(Utc::now())),
        comment_reports::resolution.eq(Some(resolution)),
        comment_reports::resolved_by.eq(by),
    ))
    .execute(conn)
}

/// Closes a comment's open reports after a moderator's decision (`None`: a restore, which
/// closes nothing).
pub fn resolve_reports(
    conn: &mut PgConnection,
    comment: CommentId,
    resolution: Option<&str>,
    by: UserId,
) -> QueryResult<usize> {
    match resolution {
        Some(r) => close_open(conn, comment, r, Some(by)),
        None => Ok(0),
    }
}

/// Dismisses a comment's open reports (audited); 404 when it has none.
pub fn dismiss(conn: &mut PgConnection, comment: CommentId, by: UserId) -> ApiResult<()> {
    let n = close_open(conn, comment, "dismissed", Some(by))?;
    if n == 0 {
        return Err(ApiError::not_found("Open report"));
    }
    events::record(
        conn,
        NewEvent::new(crate::resources::moderation::events::REPORTS_DISMISSED)
            .subject(EventSubject::new("comment", comment.get(), comment.to_string()))
            .by(by)
            .audit(Some(&serde_json::json!({"open_reports": n})), Some(&serde_json::json!({"open_reports": 0}))),
    )?;
    Ok(())
}

/// The queue: reported comments with open reports, the longest waiting first, after `after`.
pub fn queue(
    conn: &mut PgConnection,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
    viewer: Viewer,
) -> QueryResult<Vec<ReportedComment>> {
    use diesel::dsl::{min, sql};
    let mut q = comment_reports::table
        .filter(comment_reports::resolved_at.is_null())
        .group_by(comment_reports::comment_id)
        .select((comment_reports::comment_id, min(comment_reports::created_at).assume_not_null()))
        .order((min(comment_reports::created_at), comment_reports::comment_id))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = after {
        q = q.having(
            sql::<diesel::sql_types::Bool>("(min(comment_reports.created_at), comment_reports.comment_id) > (")
                .bind::<diesel::sql_types::Timestamptz, _>(at)
                .sql(", ")
                .bind::<diesel::sql_types::BigInt, _>(id)
                .sql(")"),
        );
    }
    let page: Vec<(CommentId, DateTime<Utc>)> = q.load(conn)?;
    let ids: Vec<CommentId> = page.iter().map(|(id, _)| *id).collect();
    let mut rows: HashMap<CommentId, _> =
        comment_queries::find_many(conn, &ids)?.into_iter().map(|r| (r.id, r)).collect();
    let mut reports: HashMap<CommentId, Vec<QueuedReport>> = HashMap::new();
    for (comment, reason, details, created_at) in comment_reports::table
        .filter(comment_reports::comment_id.eq_any(&ids))
        .filter(comment_reports::resolved_at.is_null())
        .order((comment_reports::created_at, comment_reports::id))
        .select((
            comment_reports::comment_id,
            comment_reports::reason,
            comment_reports::details,
            comment_reports::created_at,
        ))
        .load::<(CommentId, ReportReason, Option<String>, DateTime<Utc>)>(conn)?
    {
        reports.entry(comment).or_default().push(QueuedReport { reason, details, created_at });
    }
    let subject_ids: Vec<SubjectId> = rows.values().map(|r| r.subject_id).collect();
    let described = subjects::describe(conn, &subject_ids)?;
    Ok(page
        .into_iter()
        .filter_map(|(id, first)| {
            let row = rows.remove(&id)?;
            let subject = described.get(&row.subject_id)?.clone();
            Some(ReportedComment {
                comment: comment_queries::present(row, viewer),
                subject,
                first_reported_at: first,
                reports: reports.remove(&id).unwrap_or_default(),
            })
        })
        .collect())
}

/// Suspends `target` until `until` (or until lifted), mailing them `message` through a job.
pub fn suspend(
    conn: &mut PgConnection,
    target: User,
    by: UserId,
    by_role: Role,
    until: Option<DateTime<Utc>>,
    message: String,
) -> ApiResult<User> {
    if target.id == by {
        return Err(ApiError::Conflict {
            code: crate::resources::shared::codes::SELF_LOCKOUT,
            detail: "You cannot suspend yourself.".into(),
        });
    }
    if by_role != Role::Admin && matches!(target.role, Role::Moderator | Role::Admin) {
        return Err(ApiError::Forbidden("Only admins suspend moderators and admins.".into()));
    }
    let now = Utc::now();
    let user: User = diesel::update(users::table.find(target.id))
        .set((
            users::suspended_at.eq(Some(now)),
            users::suspended_until.eq(until),
            users::suspension_message.eq(Some(message.trim().to_string())),
        ))
        .returning(User::as_returning())
        .get_result(conn)?;
    // The end, as the owner reads it: Paris wall-clock time, written by the database.
    let until_text = match until {
        None => None,
        Some(u) => {
            let (pattern, words) = match target.locale {
                Locale::Fr => ("DD/MM/YYYY \"à\" HH24:MI", "jusqu'au"),
                Locale::En => ("YYYY-MM-DD HH24:MI", "until"),
            };
            let text: String = diesel::select(
                diesel::dsl::sql::<diesel::sql_types::Text>("to_char(")
                    .bind::<diesel::sql_types::Timestamptz, _>(u)
                    .sql(" AT TIME ZONE 'Europe/Paris', ")
                    .bind::<diesel::sql_types::Text, _>(pattern)
                    .sql(")"),
            )
            .get_result(conn)?;
            Some(format!(
                "{words} {text} ({})",
                if target.locale == Locale::Fr { "heure de Paris" } else { "Paris time" }
            ))
        }
    };
    mail::enqueue(
        conn,
        &Outgoing {
            to: user.email.clone(),
            name: user.display_name.clone(),
            locale: user.locale,
            template: Template::AccountSuspended,
            link: None,
            forum: None,
            note: Some(MailNote { text: message.trim().to_string(), until: until_text }),
            notices: Vec::new(),
        },
    )?;
    events::record(
        conn,
        NewEvent::new(crate::resources::moderation::events::USER_SUSPENDED)
            .subject(EventSubject::new("user", user.id.get(), user.id.to_string()))
            .by(by)
            .audit(
                Some(&serde_json::json!({"suspended": target.is_suspended()})),
                Some(&serde_json::json!({"suspended": true, "until": until, "message": message.trim()})),
            ),
    )?;
    Ok(user)
}

/// Lifts a suspension (audited); 404 when the account is not suspended.
pub fn lift(conn: &mut PgConnection, target: User, by: UserId, by_role: Role) -> ApiResult<()> {
    if !target.is_suspended() {
        return Err(ApiError::not_found("Suspension"));
    }
    if by_role != Role::Admin && matches!(target.role, Role::Moderator | Role::Admin) {
        return Err(ApiError::Forbidden("Only admins lift the suspension of moderators and admins.".into()));
    }
    diesel::update(users::table.find(target.id))
        .set((
            users::suspended_at.eq(None::<DateTime<Utc>>),
            users::suspended_until.eq(None::<DateTime<Utc>>),
            users::suspension_message.eq(None::<String>),
        ))
        .execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::moderation::events::USER_UNSUSPENDED)
            .subject(EventSubject::new("user", target.id.get(), target.id.to_string()))
            .by(by)
            .audit(Some(&serde_json::json!({"suspended": true})), Some(&serde_json::json!({"suspended": false}))),
    )?;
    Ok(())
}

/// The public log: hidings and restorings, newest first, after event `after`.
pub fn log(conn: &mut PgConnection, after: Option<i64>, limit: i64) -> QueryResult<Vec<ModerationLogEntry>> {
    let mut q = event_log::table
        .filter(event_log::type_.eq_any(["comment.hidden", "comment.restored"]))
        .order(event_log::id.desc())
        .select((
            event_log::id,
            event_log::at,
            event_log::type_,
            event_log::subject_ref,
            event_log::actor_id,
            event_log::payload,
        ))
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        q = q.filter(event_log::id.lt(after));
    }
    /// An event's id, time, type, comment, actor and payload.
    type Line = (i64, DateTime<Utc>, String, Option<i64>, Option<i64>, serde_json::Value);
    let rows: Vec<Line> = q.load(conn)?;
    let comment_ids: Vec<CommentId> = rows.iter().filter_map(|r| r.3).map(CommentId).collect();
    let subject_of: HashMap<CommentId, SubjectId> = comments::table
        .filter(comments::id.eq_any(&comment_ids))
        .select((comments::id, comments::subject_id))
        .load::<(CommentId, SubjectId)>(conn)?
        .into_iter()
        .collect();
    let subject_ids: Vec<SubjectId> = subject_of.values().copied().collect();
    let described = subjects::describe(conn, &subject_ids)?;
    Ok(rows
        .into_iter()
        .map(|(id, at, kind, comment, actor, payload)| {
            let hidden = kind == "comment.hidden";
            let side = if hidden { "after" } else { "before" };
            let comment = CommentId(comment.unwrap_or_default());
            ModerationLogEntry {
                id,
                at,
                action: if hidden { ModerationAction::Hidden } else { ModerationAction::Restored },
                comment_id: comment.get(),
                reason: payload[side]["hidden_reason"].as_str().map(str::to_string),
                automatic: hidden && actor.is_none(),
                subject: subject_of.get(&comment).and_then(|s| described.get(s)).cloned(),
            }
        })
        .collect())
}
