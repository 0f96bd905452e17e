//! The fan-out job: one per event people may hear of (`EventType::notifies`; the job subscribes
//! to those, `notifications::RESOURCE`), enqueued with the
//! event in its transaction. It works out who hears of it and why, writes their notifications
//! and enqueues the mails of those who want one each — all in one transaction, so that a worker
//! dying mid-way leaves nothing, and one dying after the commit leaves a job whose second run
//! adds nothing (`ON CONFLICT (user_id, event_id) DO NOTHING`, and mails only for rows it
//! inserted).

use diesel::prelude::*;
use diesel::sql_types::{Array, BigInt, Bool, Nullable, Text};

use super::dto::NotificationReason;
use crate::db::ids::{CommentId, SubjectId, UserId};
use crate::db::schema::{
    action_items, action_plans, comment_mentions, comments, commitments, documents, forums, milestones, proposals,
    question_answers, questions, registrations, users,
};
use crate::events::{self, Event};
use crate::jobs::worker::{JobContext, JobError};
use crate::mail::templates::Template;
use crate::mail::{MailNotice, Outgoing};
use crate::types::Locale;

/// The job kind.
pub const FAN_OUT_JOB: &str = "notifications_fan_out";

/// Who hears, from where.
enum Who {
    People(Vec<UserId>),
    Followers(Vec<SubjectId>),
    /// Everyone registered or waiting for the forum (`forums.id`).
    Registered(i64),
}

/// One group of people who hear of the event for one reason. Groups are written in order and a
/// person hears once: the first group that names them gives the reason (a reply before a
/// mention before "something you follow").
struct Audience {
    who: Who,
    reason: NotificationReason,
    /// The person already gets this event's own mail (a registration mail): no second one.
    mailed_elsewhere: bool,
}

/// What every notification of the event shares.
struct About {
    subject: Option<SubjectId>,
    comment: Option<CommentId>,
}

pub fn run_fan_out(
    ctx: &mut JobContext<'_>,
    payload: &serde_json::Value,
) -> Result<Option<serde_json::Value>, JobError> {
    let event_id =
        payload.get("event_id").and_then(|v| v.as_i64()).ok_or_else(|| JobError::Permanent("no event_id".into()))?;
    let public_url = ctx.mailer.public_url.clone();
    ctx.conn
        .transaction(|conn| -> QueryResult<()> {
            let Some(event) = events::find(conn, event_id)? else { return Ok(()) };
            let Some((about, audiences)) = plan(conn, &event)? else { return Ok(()) };
            let mut to_mail: Vec<(i64, UserId, NotificationReason)> = Vec::new();
            for audience in &audiences {
                for (id, user) in insert(conn, &event, &about, audience)? {
                    to_mail.push((id, user, audience.reason));
                }
            }
            mail_each(conn, &event, &about, &to_mail, &public_url)
        })
        .map_err(|e| JobError::Retry(format!("notifications fan-out: {e}")))?;
    Ok(None)
}

/// Who hears of `event`, and what about; `None` when nobody does.
fn plan(conn: &mut PgConnection, event: &Event) -> QueryResult<Option<(About, Vec<Audience>)>> {
    let Some(ref_id) = event.subject_ref else { return Ok(None) };
    let Some(kind) = event.event_type() else { return Ok(None) };
    let audience = |who, reason| Audience { who, reason, mailed_elsewhere: false };
    Ok(match kind {
        crate::resources::comments::events::COMMENT_CREATED => {
            let Some(Heard { subject, parent, named }) = comment(conn, CommentId(ref_id))? else { return Ok(None) };
            let mut groups = Vec::new();
            if let Some(parent) = parent {
                let author: UserId = comments::table.find(parent).select(comments::author_id).first(conn)?;
                groups.push(audience(Who::People(vec![author]), NotificationReason::Reply));
            }
            if !named.is_empty() {
                groups.push(audience(Who::People(named), NotificationReason::Mention));
            }
            groups.push(audience(Who::Followers(vec![subject]), NotificationReason::NewComment));
            Some((About { subject: Some(subject), comment: Some(CommentId(ref_id)) }, groups))
        }
        // An edit tells only the people it newly mentions (`comment`: never twice for one
        // comment, nobody whose mention it removed).
        crate::resources::comments::events::COMMENT_UPDATED => {
            let Some(Heard { subject, named, .. }) = comment(conn, CommentId(ref_id))? else { return Ok(None) };
            if named.is_empty() {
                return Ok(None);
            }
            Some((
                About { subject: Some(subject), comment: Some(CommentId(ref_id)) },
                vec![audience(Who::People(named), NotificationReason::Mention)],
            ))
        }
        crate::resources::progress::events::PROGRESS_REPORTED => {
            // Those who follow the milestone, or its commitment.
            let (milestone, commitment): (SubjectId, SubjectId) = milestones::table
                .inner_join(commitments::table)
                .filter(milestones::id.eq(ref_id))
                .select((milestones::subject_id, commitments::subject_id))
                .first(conn)?;
            Some(to_followers(milestone, vec![milestone, commitment], NotificationReason::Progress))
        }
        crate::resources::questions::events::QUESTION_ANSWERED => {
            let (subject, asker): (SubjectId, Option<UserId>) = questions::table
                .filter(questions::id.eq(ref_id))
                .select((questions::subject_id, questions::asked_by))
                .first(conn)?;
            let mut groups = Vec::new();
            if let Some(asker) = asker {
                groups.push(audience(Who::People(vec![asker]), NotificationReason::Answer));
            }
            groups.push(audience(Who::Followers(vec![subject]), NotificationReason::Answer));
            Some((About { subject: Some(subject), comment: None }, groups))
        }
        crate::resources::action_items::events::ACTION_ITEM_STATUS_CHANGED => {
            let subject: SubjectId =
                action_items::table.filter(action_items::id.eq(ref_id)).select(action_items::subject_id).first(conn)?;
            Some(to_followers(subject, vec![subject], NotificationReason::ActionItemStatus))
        }
        crate::resources::forums::events::FORUM_UPDATED => {
            let Some(reason) = forum_change(&event.payload) else { return Ok(None) };
            let subject: SubjectId =
                forums::table.filter(forums::id.eq(ref_id)).select(forums::subject_id).first(conn)?;
            Some((
                About { subject: Some(subject), comment: None },
                vec![
                    // Registered people had the forum's own mail (with its .ics).
                    Audience { who: Who::Registered(ref_id), reason, mailed_elsewhere: true },
                    audience(Who::Followers(vec![subject]), reason),
                ],
            ))
        }
        crate::resources::registrations::events::REGISTRATION_PROMOTED => {
            let (user, subject): (UserId, SubjectId) = registrations::table
                .inner_join(forums::table)
                .filter(registrations::id.eq(ref_id))
                .select((registrations::user_id, forums::subject_id))
                .first(conn)?;
            Some((
                About { subject: Some(subject), comment: None },
                vec![Audience {
                    who: Who::People(vec![user]),
                    reason: NotificationReason::Promoted,
                    mailed_elsewhere: true,
                }],
            ))
        }
        crate::resources::co_creation::events::ACTION_PLAN_TIMELINE_PUBLISHED
        | crate::resources::co_creation::events::ACTION_PLAN_PHASE_OPENED => {
            let subject: SubjectId =
                action_plans::table.filter(action_plans::id.eq(ref_id)).select(action_plans::subject_id).first(conn)?;
            let reason = if kind == crate::resources::co_creation::events::ACTION_PLAN_PHASE_OPENED {
                NotificationReason::PhaseOpened
            } else {
                NotificationReason::TimelinePublished
            };
            Some(to_followers(subject, vec![subject], reason))
        }
        crate::resources::proposals::events::PROPOSAL_ANSWERED
        | crate::resources::proposals::events::PROPOSAL_MERGED => {
            let (subject, author): (SubjectId, Option<UserId>) = proposals::table
                .filter(proposals::id.eq(ref_id))
                .select((proposals::subject_id, proposals::author_id))
                .first(conn)?;
            let reason = if kind == crate::resources::proposals::events::PROPOSAL_MERGED {
                NotificationReason::ProposalMerged
            } else {
                NotificationReason::ProposalAnswered
            };
            let mut groups = Vec::new();
            if let Some(author) = author {
                groups.push(audience(Who::People(vec![author]), reason));
            }
            groups.push(audience(Who::Followers(vec![subject]), reason));
            Some((About { subject: Some(subject), comment: None }, groups))
        }
        crate::resources::documents::events::DOCUMENT_ADDED
        | crate::resources::documents::events::DOCUMENT_FILE_UPLOADED => {
            // A format's documents have no followers (formats are not subjects). A file document
            // is told once its file is there, not when its empty record is made.
            let (subject, link): (Option<SubjectId>, Option<String>) =
                documents::table.find(ref_id).select((documents::subject_id, documents::url)).first(conn)?;
            let Some(subject) = subject else { return Ok(None) };
            if kind == crate::resources::documents::events::DOCUMENT_ADDED && link.is_none() {
                return Ok(None);
            }
            Some(to_followers(subject, vec![subject], NotificationReason::Document))
        }
        _ => None,
    })
}

/// What people may hear of a comment.
struct Heard {
    subject: SubjectId,
    parent: Option<CommentId>,
    /// The people it newly mentions.
    named: Vec<UserId>,
}

/// A comment people may hear of (not gone, not an answer to a question, which is told as an
/// answer), with its subject, its parent and the people its text mentions now who were never
/// mentioned by it before: those are remembered (`comment_mentions`) in the job's transaction,
/// so the comment's later edits do not tell them again.
fn comment(conn: &mut PgConnection, id: CommentId) -> QueryResult<Option<Heard>> {
    let found: Option<(SubjectId, Option<CommentId>, String, bool)> = comments::table
        .find(id)
        .select((
            comments::subject_id,
            comments::parent_id,
            comments::body,
            comments::deleted_at.is_not_null().or(comments::hidden_at.is_not_null()),
        ))
        .first(conn)
        .optional()?;
    // Gone before anyone heard of it: nobody will.
    let Some((subject, parent, body, gone)) = found else { return Ok(None) };
    let answer: bool =
        diesel::select(diesel::dsl::exists(question_answers::table.filter(question_answers::comment_id.eq(id))))
            .get_result(conn)?;
    if gone || answer {
        return Ok(None);
    }
    let named = super::mentions::resolve(conn, &body)?;
    if named.is_empty() {
        return Ok(Some(Heard { subject, parent, named }));
    }
    let new: Vec<UserId> = diesel::insert_into(comment_mentions::table)
        .values(
            named
                .iter()
                .map(|user| (comment_mentions::comment_id.eq(id), comment_mentions::user_id.eq(*user)))
                .collect::<Vec<_>>(),
        )
        .on_conflict_do_nothing()
        .returning(comment_mentions::user_id)
        .get_results(conn)?;
    Ok(Some(Heard { subject, parent, named: new }))
}

/// An event only the followers of `followed` hear of, about `subject`.
fn to_followers(subject: SubjectId, followed: Vec<SubjectId>, reason: NotificationReason) -> (About, Vec<Audience>) {
    (
        About { subject: Some(subject), comment: None },
        vec![Audience { who: Who::Followers(followed), reason, mailed_elsewhere: false }],
    )
}

/// A change to a forum people should hear of: cancelled, or moved (time or place) while still
/// to come. Read from the audited before/after of `forum.updated`.
fn forum_change(payload: &serde_json::Value) -> Option<NotificationReason> {
    let (before, after) = (payload.get("before")?, payload.get("after")?);
    let status = |v: &serde_json::Value| v.get("status").and_then(|s| s.as_str()).map(str::to_string);
    if status(after).as_deref() == Some("cancelled") && status(before).as_deref() != Some("cancelled") {
        return Some(NotificationReason::ForumCancelled);
    }
    let moved = ["starts_at", "ends_at", "location", "online_url"].iter().any(|k| before.get(k) != after.get(k));
    let upcoming = matches!(status(after).as_deref(), Some("planned" | "open"));
    (moved && upcoming).then_some(NotificationReason::ForumChanged)
}

#[derive(QueryableByName)]
struct Inserted {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = BigInt)]
    user_id: UserId,
}

/// Writes the notifications of one audience (not to the actor, not twice); returns those whose
/// owner wants a mail for each.
fn insert(
    conn: &mut PgConnection,
    event: &Event,
    about: &About,
    audience: &Audience,
) -> QueryResult<Vec<(i64, UserId)>> {
    let recipients = match &audience.who {
        Who::People(_) => "SELECT DISTINCT unnest($6::int8[]) AS user_id",
        Who::Followers(_) => "SELECT DISTINCT user_id FROM follows WHERE subject_id = ANY($6::int8[])",
        Who::Registered(_) => {
            "SELECT DISTINCT user_id FROM registrations WHERE forum_id = ($6::int8[])[1] AND status <> 'cancelled'"
        }
    };
    let ids: Vec<i64> = match &audience.who {
        Who::People(people) => people.iter().map(|u| u.get()).collect(),
        Who::Followers(subjects) => subjects.iter().map(|s| s.get()).collect(),
        Who::Registered(forum) => vec![*forum],
    };
    // No mail to an address its owner never confirmed.
    let sql = format!(
        "WITH added AS ( \
           INSERT INTO notifications (user_id, event_id, reason, subject_id, actor_id, comment_id, mail) \
           SELECT r.user_id, $1, $2, $3, $4, $5, \
                  CASE WHEN $7 OR u.email_verified_at IS NULL THEN 'none' \
                       ELSE CASE coalesce(s.mail, 'daily') WHEN 'off' THEN 'none' \
                                 WHEN 'immediate' THEN 'sent' ELSE 'digest' END END \
           FROM ({recipients}) r \
           JOIN users u ON u.id = r.user_id \
           LEFT JOIN notification_settings s ON s.user_id = r.user_id \
           WHERE r.user_id IS DISTINCT FROM $4 \
           ON CONFLICT (user_id, event_id) DO NOTHING \
           RETURNING id, user_id, mail) \
         SELECT id, user_id FROM added WHERE mail = 'sent' ORDER BY id"
    );
    let rows: Vec<Inserted> = diesel::sql_query(sql)
        .bind::<BigInt, _>(event.id.get())
        .bind::<Text, _>(audience.reason.as_str())
        .bind::<Nullable<BigInt>, _>(about.subject.map(SubjectId::get))
        .bind::<Nullable<BigInt>, _>(event.actor_id)
        .bind::<Nullable<BigInt>, _>(about.comment.map(CommentId::get))
        .bind::<Array<BigInt>, _>(ids)
        .bind::<Bool, _>(audience.mailed_elsewhere)
        .load(conn)?;
    Ok(rows.into_iter().map(|r| (r.id, r.user_id)).collect())
}

/// One mail per notification for those who chose so, enqueued in the fan-out's transaction.
fn mail_each(
    conn: &mut PgConnection,
    event: &Event,
    about: &About,
    to_mail: &[(i64, UserId, NotificationReason)],
    public_url: &str,
) -> QueryResult<()> {
    if to_mail.is_empty() {
        return Ok(());
    }
    let described = match about.subject {
        Some(s) => crate::subjects::describe(conn, &[s])?.remove(&s),
        None => None,
    };
    let actor: Option<String> = match event.actor_id {
        Some(a) => users::table.find(UserId(a)).select(users::display_name).first(conn).optional()?,
        None => None,
    };
    let ids: Vec<UserId> = to_mail.iter().map(|(_, u, _)| *u).collect();
    let people: std::collections::HashMap<UserId, (String, String, Locale)> = users::table
        .filter(users::id.eq_any(&ids))
        .select((users::id, users::email, users::display_name, users::locale))
        .load::<(UserId, String, String, Locale)>(conn)?
        .into_iter()
        .map(|(id, email, name, locale)| (id, (email, name, locale)))
        .collect();
    let title = described.as_ref().map(|d| d.title.as_str()).unwrap_or_default();
    let url = link(public_url, described.as_ref().map(|d| d.path.as_str()), about.comment);
    let mails: Vec<Outgoing> = to_mail
        .iter()
        .filter_map(|(_, user, reason)| {
            let (email, name, locale) = people.get(user)?;
            Some(Outgoing {
                to: email.clone(),
                name: name.clone(),
                locale: *locale,
                template: Template::Notification,
                link: None,
                forum: None,
                note: None,
                notices: vec![MailNotice {
                    text: wording(*reason, actor.as_deref(), title, *locale),
                    url: url.clone(),
                }],
            })
        })
        .collect();
    crate::mail::enqueue_many(conn, &mails)
}

/// The web app's page of what a notification is about (at the comment, for one).
pub(super) fn link(public_url: &str, path: Option<&str>, comment: Option<CommentId>) -> String {
    let path = path.unwrap_or("/notifications");
    match comment {
        Some(c) => format!("{public_url}{path}#comment-{c}"),
        None => format!("{public_url}{path}"),
    }
}

/// A notification in a sentence, in `locale` (the mail's words; the web app has its own).
pub(super) fn wording(reason: NotificationReason, actor: Option<&str>, title: &str, locale: Locale) -> String {
    use NotificationReason as R;
    let fr = locale == Locale::Fr;
    let who = actor.unwrap_or(if fr { "Quelqu'un" } else { "Someone" });
    match (reason, fr) {
        (R::Reply, true) => format!("{who} a répondu à votre commentaire sur « {title} »"),
        (R::Reply, false) => format!("{who} replied to your comment on “{title}”"),
        (R::Mention, true) => format!("{who} vous a mentionné sur « {title} »"),
        (R::Mention, false) => format!("{who} mentioned you on “{title}”"),
        (R::NewComment, true) => format!("{who} a commenté « {title} »"),
        (R::NewComment, false) => format!("{who} commented on “{title}”"),
        (R::Progress, true) => format!("{who} a publié un point d'avancement sur « {title} »"),
        (R::Progress, false) => format!("{who} posted a progress update on “{title}”"),
        (R::Answer, true) => format!("{who} a répondu à la question « {title} »"),
        (R::Answer, false) => format!("{who} answered the question “{title}”"),
        (R::ActionItemStatus, true) => format!("Le statut de l'action « {title} » a changé"),
        (R::ActionItemStatus, false) => format!("The status of the action item “{title}” changed"),
        (R::ForumChanged, true) => format!("Le forum « {title} » change de date ou de lieu"),
        (R::ForumChanged, false) => format!("The forum “{title}” changed time or place"),
        (R::ForumCancelled, true) => format!("Le forum « {title} » est annulé"),
        (R::ForumCancelled, false) => format!("The forum “{title}” is cancelled"),
        (R::Promoted, true) => format!("Une place s'est libérée : vous êtes inscrit au forum « {title} »"),
        (R::Promoted, false) => format!("A seat was freed: you are registered for the forum “{title}”"),
        (R::WebhookDisabled, true) => {
            format!("Le point de réception « {title} » est désactivé : ses envois échouent depuis cinq jours")
        }
        (R::WebhookDisabled, false) => {
            format!("The endpoint “{title}” is turned off: its deliveries have failed for five days")
        }
        (R::TimelinePublished, true) => format!("Le calendrier de la concertation « {title} » est publié"),
        (R::TimelinePublished, false) => format!("The co-creation timeline of “{title}” is published"),
        (R::PhaseOpened, true) => format!("Une phase de la concertation « {title} » s'ouvre"),
        (R::PhaseOpened, false) => format!("A phase of the co-creation of “{title}” opens"),
        (R::ProposalAnswered, true) => format!("La proposition « {title} » a reçu une réponse"),
        (R::ProposalAnswered, false) => format!("The proposal “{title}” was answered"),
        (R::ProposalMerged, true) => format!("La proposition « {title} » a été fusionnée avec une autre"),
        (R::ProposalMerged, false) => format!("The proposal “{title}” was merged into another"),
        (R::Document, true) => format!("Un document est disponible sur « {title} »"),
        (R::Document, false) => format!("A document is available on “{title}”"),
    }
}
