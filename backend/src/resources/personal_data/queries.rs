//! Reads for the personal data document: one query per section, each over the person's own
//! rows by an index on the owning column (they are a person's, so few: no paging).

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;

use super::dto::*;
use crate::db::ids::UserId;
use crate::db::schema::{
    api_tokens, comment_reactions, comment_reports, comments, feedback, feedback_answers, follows,
    notification_settings, notifications, progress_updates, questions, registrations, sessions, subjects,
};
use crate::http::problem::{ApiError, ApiResult};

fn subject(kind: String, id: i64) -> DataSubject {
    DataSubject { kind, id }
}

/// Everything the platform holds about `user`, read in one transaction (one snapshot).
pub fn gather(conn: &mut PgConnection, user: UserId) -> ApiResult<PersonalData> {
    conn.build_transaction().read_only().repeatable_read().run(|conn| {
        let account = crate::auth::user::find(conn, user)?.ok_or_else(|| ApiError::not_found("Account"))?;
        Ok(PersonalData {
            generated_at: Utc::now(),
            account: account.into(),
            notification_mail: notification_settings::table
                .find(user)
                .select(notification_settings::mail)
                .first(conn)
                .optional()?,
            comments: comments(conn, user)?,
            reactions: comment_reactions::table
                .filter(comment_reactions::user_id.eq(user))
                .order(comment_reactions::comment_id.asc())
                .select((
                    comment_reactions::comment_id,
                    comment_reactions::useful,
                    comment_reactions::stance,
                    comment_reactions::updated_at,
                ))
                .load::<(i64, bool, Option<String>, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(comment_id, useful, stance, updated_at)| DataReaction { comment_id, useful, stance, updated_at })
                .collect(),
            reports: comment_reports::table
                .filter(comment_reports::reporter_id.eq(user))
                .order(comment_reports::id.asc())
                .select((
                    comment_reports::comment_id,
                    comment_reports::reason,
                    comment_reports::details,
                    comment_reports::created_at,
                    comment_reports::resolved_at,
                    comment_reports::resolution,
                ))
                .load::<(i64, String, Option<String>, DateTime<Utc>, Option<DateTime<Utc>>, Option<String>)>(conn)?
                .into_iter()
                .map(|(comment_id, reason, details, created_at, resolved_at, resolution)| DataReport {
                    comment_id,
                    reason,
                    details,
                    created_at,
                    resolved_at,
                    resolution,
                })
                .collect(),
            registrations: registrations(conn, user)?,
            questions: questions::table
                .inner_join(subjects::table)
                .filter(questions::asked_by.eq(user))
                .order(questions::id.asc())
                .select((
                    questions::id,
                    subjects::kind,
                    subjects::ref_id,
                    questions::title,
                    questions::body,
                    questions::asked_at,
                ))
                .load::<(i64, String, i64, String, String, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(id, kind, ref_id, title, body, asked_at)| DataQuestion {
                    id,
                    about: subject(kind, ref_id),
                    title,
                    body,
                    asked_at,
                })
                .collect(),
            feedback: feedback_of(conn, user)?,
            progress_updates: progress_updates::table
                .filter(progress_updates::author_id.eq(user))
                .order(progress_updates::id.asc())
                .select((
                    progress_updates::id,
                    progress_updates::milestone_id,
                    progress_updates::as_of,
                    progress_updates::status,
                    progress_updates::note,
                    progress_updates::created_at,
                ))
                .load::<(i64, i64, NaiveDate, String, String, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(id, milestone_id, as_of, status, note, created_at)| DataProgressUpdate {
                    id,
                    milestone_id,
                    as_of,
                    status,
                    note,
                    created_at,
                })
                .collect(),
            follows: follows::table
                .inner_join(subjects::table)
                .filter(follows::user_id.eq(user))
                .order(follows::created_at.asc())
                .select((subjects::kind, subjects::ref_id, follows::created_at))
                .load::<(String, i64, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(kind, ref_id, created_at)| DataFollow { subject: subject(kind, ref_id), created_at })
                .collect(),
            notifications: notifications::table
                .left_join(subjects::table)
                .filter(notifications::user_id.eq(user))
                .order(notifications::id.asc())
                .select((
                    notifications::reason,
                    subjects::kind.nullable(),
                    subjects::ref_id.nullable(),
                    notifications::comment_id,
                    notifications::created_at,
                    notifications::read_at,
                ))
                .load::<(String, Option<String>, Option<i64>, Option<i64>, DateTime<Utc>, Option<DateTime<Utc>>)>(conn)?
                .into_iter()
                .map(|(reason, kind, ref_id, comment_id, created_at, read_at)| DataNotification {
                    reason,
                    subject: kind.zip(ref_id).map(|(k, r)| subject(k, r)),
                    comment_id,
                    created_at,
                    read_at,
                })
                .collect(),
            api_tokens: tokens(conn, user)?,
            sessions: sessions::table
                .filter(sessions::user_id.eq(user))
                .order(sessions::id.asc())
                .select(crate::auth::session::SessionRow::as_select())
                .load(conn)?
                .into_iter()
                .map(|s| DataSession {
                    device: s.device,
                    address_family: s.address_family,
                    created_at: s.created_at,
                    last_used_at: s.last_used_at,
                    expires_at: s.expires_at,
                    ended_at: s.ended_at,
                })
                .collect(),
            identities: crate::db::schema::identities::table
                .filter(crate::db::schema::identities::user_id.eq(user))
                .order(crate::db::schema::identities::id.asc())
                .select(crate::resources::identities::queries::IdentityRow::as_select())
                .load(conn)?
                .into_iter()
                .map(|i| DataIdentity {
                    provider: i.provider,
                    subject: i.subject,
                    email: i.email,
                    siret: i.siret,
                    created_at: i.created_at,
                    last_used_at: i.last_used_at,
                })
                .collect(),
            proposals: proposals_of(conn, user)?,
            supports: crate::db::schema::proposal_supports::table
                .filter(crate::db::schema::proposal_supports::user_id.eq(user))
                .order(crate::db::schema::proposal_supports::proposal_id.asc())
                .select((
                    crate::db::schema::proposal_supports::proposal_id,
                    crate::db::schema::proposal_supports::created_at,
                ))
                .load::<(i64, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(proposal_id, created_at)| DataSupport { proposal_id, created_at })
                .collect(),
            organisation_consents: crate::db::schema::organisation_consents::table
                .filter(crate::db::schema::organisation_consents::user_id.eq(user))
                .order(crate::db::schema::organisation_consents::forum_id.asc())
                .select((
                    crate::db::schema::organisation_consents::forum_id,
                    crate::db::schema::organisation_consents::given_at,
                ))
                .load::<(i64, DateTime<Utc>)>(conn)?
                .into_iter()
                .map(|(forum_id, given_at)| DataOrganisationConsent { forum_id, given_at })
                .collect(),
        })
    })
}

fn proposals_of(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<DataProposal>> {
    use crate::db::schema::proposals as p;
    Ok(p::table
        .filter(p::author_id.eq(user))
        .order(p::id.asc())
        .select((p::id, p::action_plan_id, p::title, p::problem, p::solution, p::created_at))
        .load::<(i64, i64, String, String, String, DateTime<Utc>)>(conn)?
        .into_iter()
        .map(|(id, action_plan_id, title, problem, solution, created_at)| DataProposal {
            id,
            action_plan_id,
            title,
            problem,
            solution,
            created_at,
        })
        .collect())
}

fn comments(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<DataComment>> {
    type Row = (
        i64,
        String,
        i64,
        Option<i64>,
        String,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    Ok(comments::table
        .inner_join(subjects::table)
        .filter(comments::author_id.eq(user))
        .order(comments::id.asc())
        .select((
            comments::id,
            subjects::kind,
            subjects::ref_id,
            comments::parent_id,
            comments::body,
            comments::created_at,
            comments::edited_at,
            comments::deleted_at,
            comments::hidden_at,
        ))
        .load::<Row>(conn)?
        .into_iter()
        .map(|(id, kind, ref_id, parent_id, body, created_at, edited_at, deleted_at, hidden_at)| DataComment {
            id,
            subject: subject(kind, ref_id),
            parent_id,
            body,
            created_at,
            edited_at,
            deleted_at,
            hidden_at,
        })
        .collect())
}

fn registrations(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<DataRegistration>> {
    type Row =
        (i64, String, String, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>, Option<DateTime<Utc>>);
    Ok(registrations::table
        .filter(registrations::user_id.eq(user))
        .order(registrations::id.asc())
        .select((
            registrations::forum_id,
            registrations::status,
            registrations::code,
            registrations::created_at,
            registrations::promoted_at,
            registrations::cancelled_at,
            registrations::checked_in_at,
        ))
        .load::<Row>(conn)?
        .into_iter()
        .map(|(forum_id, status, code, created_at, promoted_at, cancelled_at, checked_in_at)| DataRegistration {
            forum_id,
            status,
            code,
            created_at,
            promoted_at,
            cancelled_at,
            checked_in_at,
        })
        .collect())
}

/// The person's feedback on forums, each with its answers (two queries, not one per form).
fn feedback_of(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<DataFeedback>> {
    let forms: Vec<(i64, i64, DateTime<Utc>, DateTime<Utc>)> = feedback::table
        .filter(feedback::user_id.eq(user))
        .order(feedback::id.asc())
        .select((feedback::id, feedback::forum_id, feedback::created_at, feedback::updated_at))
        .load(conn)?;
    let ids: Vec<i64> = forms.iter().map(|f| f.0).collect();
    let mut answers: HashMap<i64, Vec<DataFeedbackAnswer>> = HashMap::new();
    for (feedback_id, question_key, rating, text) in feedback_answers::table
        .filter(feedback_answers::feedback_id.eq_any(&ids))
        .order(feedback_answers::id.asc())
        .select((
            feedback_answers::feedback_id,
            feedback_answers::question_key,
            feedback_answers::rating,
            feedback_answers::text,
        ))
        .load::<(i64, String, Option<i32>, Option<String>)>(conn)?
    {
        answers.entry(feedback_id).or_default().push(DataFeedbackAnswer { question_key, rating, text });
    }
    Ok(forms
        .into_iter()
        .map(|(id, forum_id, created_at, updated_at)| DataFeedback {
            forum_id,
            created_at,
            updated_at,
            answers: answers.remove(&id).unwrap_or_default(),
        })
        .collect())
}

fn tokens(conn: &mut PgConnection, user: UserId) -> QueryResult<Vec<DataToken>> {
    type Row = (
        String,
        String,
        String,
        Vec<String>,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
        Option<String>,
    );
    Ok(api_tokens::table
        .filter(api_tokens::owner_id.eq(user))
        .order(api_tokens::id.asc())
        .select((
            api_tokens::name,
            api_tokens::kind,
            api_tokens::prefix,
            api_tokens::scopes,
            api_tokens::created_at,
            api_tokens::expires_at,
            api_tokens::revoked_at,
            api_tokens::last_used_at,
            api_tokens::last_used_family,
        ))
        .load::<Row>(conn)?
        .into_iter()
        .map(|(name, kind, prefix, scopes, created_at, expires_at, revoked_at, last_used_at, last_used_family)| {
            DataToken { name, kind, prefix, scopes, created_at, expires_at, revoked_at, last_used_at, last_used_family }
        })
        .collect())
}
