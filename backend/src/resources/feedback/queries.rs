//! Feedback: who may answer, answers once and their correction, aggregates that never name
//! anyone and publish no figure below the threshold, approval of free text, the response.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;

use super::dto::{Answer, AnswerInput, FeedbackResponse, MyFeedback, ResponseRequest, TextAnswer};
use super::results::response;
use crate::db::ids::{FormatVersionId, ForumId, UserId};
use crate::db::schema::{feedback, feedback_answers, feedback_responses, format_versions, registrations};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::formats::{Question, QuestionKind};
use crate::resources::forums::model::ForumRow;
use crate::types::ForumStatus;

/// Answers close this long after the forum ends, unless the forum says otherwise.
pub(super) const OPEN_FOR_DAYS: i64 = 30;

pub fn closes_at(forum: &ForumRow) -> DateTime<Utc> {
    forum.feedback_closes_at.unwrap_or(forum.ends_at + Duration::days(OPEN_FOR_DAYS))
}

pub(super) fn questionnaire(conn: &mut PgConnection, version: Option<FormatVersionId>) -> QueryResult<Vec<Question>> {
    let Some(version) = version else { return Ok(Vec::new()) };
    let value: serde_json::Value =
        format_versions::table.find(version).select(format_versions::questionnaire).first(conn)?;
    Ok(serde_json::from_value(value).unwrap_or_default())
}

/// Whether `user` took part: recorded as present (checked in at the door, or marked present
/// from the list by an organiser afterwards). No attendance, no questionnaire: a registration
/// alone would let anyone who registered answer, and a few such accounts unmask the others.
fn took_part(conn: &mut PgConnection, forum: ForumId, user: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        registrations::table
            .filter(registrations::forum_id.eq(forum))
            .filter(registrations::user_id.eq(user))
            .filter(registrations::checked_in_at.is_not_null()),
    ))
    .get_result(conn)
}

/// Whether a forum's answers are closed for good, so that its results may be published.
pub fn closed(forum: &ForumRow) -> bool {
    Utc::now() > closes_at(forum)
}

/// The checks every answer goes through: the forum is held and takes answers, the person
/// took part, each answer fits its question. The questionnaire's version on success.
fn check(
    conn: &mut PgConnection,
    forum: &ForumRow,
    user: UserId,
    answers: &[AnswerInput],
) -> ApiResult<FormatVersionId> {
    if forum.status != ForumStatus::Held {
        return Err(ApiError::Conflict {
            code: crate::resources::forums::codes::FORUM_NOT_HELD,
            detail: "Feedback is given once the forum is held.".into(),
        });
    }
    let questions = questionnaire(conn, forum.format_version_id)?;
    let Some(version) = forum.format_version_id.filter(|_| !questions.is_empty()) else {
        return Err(ApiError::Conflict {
            code: crate::resources::feedback::codes::FEEDBACK_CLOSED,
            detail: "This forum's format has no feedback questionnaire.".into(),
        });
    };
    if Utc::now() > closes_at(forum) {
        return Err(ApiError::Conflict {
            code: crate::resources::feedback::codes::FEEDBACK_CLOSED,
            detail: format!("Feedback on this forum closed on {}.", closes_at(forum).format("%Y-%m-%d")),
        });
    }
    if !took_part(conn, forum.id, user)? {
        return Err(ApiError::Refused {
            code: crate::resources::feedback::codes::NOT_A_PARTICIPANT,
            detail: "Only the forum's participants, recorded as present (checked in at the door or marked present by an organiser), give feedback on it.".into(),
        });
    }
    for (i, a) in answers.iter().enumerate() {
        let Some(q) = questions.iter().find(|q| q.key == a.key) else {
            return Err(ApiError::conflict_field(
                ErrorCode::UnknownReference,
                &format!("answers[{i}].key"),
                "exists",
                "no such question in this forum's questionnaire",
            ));
        };
        let fits = match q.kind {
            QuestionKind::Rating => a.rating.is_some(),
            QuestionKind::Text => a.text.is_some(),
        };
        if !fits {
            return Err(ApiError::conflict_field(
                ErrorCode::ConflictsWithStored,
                &format!("answers[{i}]"),
                "kind",
                match q.kind {
                    QuestionKind::Rating => "this question is answered with a rating from 1 to 5",
                    QuestionKind::Text => "this question is answered in words (`text`)",
                },
            ));
        }
    }
    Ok(version)
}

/// A text answer as it was, with its approval (when and by whom), kept across a correction.
type Approval = (String, Option<DateTime<Utc>>, Option<UserId>);

fn write_answers(
    conn: &mut PgConnection,
    feedback_id: i64,
    answers: &[AnswerInput],
    kept: &HashMap<String, Approval>,
) -> QueryResult<()> {
    for a in answers {
        // A text answer left unchanged keeps its approval; a changed one is approved again.
        let text = a.text.as_deref().map(str::trim);
        let approval = text.and_then(|t| kept.get(&a.key).filter(|(old, ..)| old == t)).map(|(_, at, by)| (*at, *by));
        diesel::insert_into(feedback_answers::table)
            .values((
                feedback_answers::feedback_id.eq(feedback_id),
                feedback_answers::question_key.eq(&a.key),
                feedback_answers::rating.eq(a.rating),
                feedback_answers::text.eq(text),
                feedback_answers::approved_at.eq(approval.and_then(|(at, _)| at)),
                feedback_answers::approved_by.eq(approval.and_then(|(_, by)| by)),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// Records a participant's first answers.
pub fn answer(
    conn: &mut PgConnection,
    forum: &ForumRow,
    user: UserId,
    answers: Vec<AnswerInput>,
) -> ApiResult<MyFeedback> {
    let version = check(conn, forum, user, &answers)?;
    let id: Option<i64> = diesel::insert_into(feedback::table)
        .values((
            feedback::forum_id.eq(forum.id),
            feedback::user_id.eq(Some(user)),
            feedback::format_version_id.eq(version),
        ))
        .on_conflict_do_nothing()
        .returning(feedback::id)
        .get_result(conn)
        .optional()?;
    let Some(id) = id else {
        return Err(ApiError::Conflict {
            code: crate::resources::feedback::codes::ALREADY_ANSWERED,
            detail: "You have already given feedback on this forum: change it with PUT /forums/{id}/feedback/me."
                .into(),
        });
    };
    write_answers(conn, id, &answers, &HashMap::new())?;
    events::record(
        conn,
        NewEvent::new(crate::resources::feedback::events::FEEDBACK_GIVEN).subject(EventSubject::new(
            "forum",
            forum.id.get(),
            forum.slug.clone(),
        )),
    )?;
    Ok(mine(conn, forum, user)?.expect("just written"))
}

/// Replaces a participant's answers (until the closing).
pub fn change(
    conn: &mut PgConnection,
    forum: &ForumRow,
    user: UserId,
    answers: Vec<AnswerInput>,
) -> ApiResult<MyFeedback> {
    check(conn, forum, user, &answers)?;
    let id: i64 = feedback::table
        .filter(feedback::forum_id.eq(forum.id))
        .filter(feedback::user_id.eq(user))
        .select(feedback::id)
        .for_update()
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Feedback"))?;
    let kept: HashMap<String, Approval> = feedback_answers::table
        .filter(feedback_answers::feedback_id.eq(id))
        .filter(feedback_answers::text.is_not_null())
        .select((
            feedback_answers::question_key,
            feedback_answers::text.assume_not_null(),
            feedback_answers::approved_at,
            feedback_answers::approved_by,
        ))
        .load::<(String, String, Option<DateTime<Utc>>, Option<UserId>)>(conn)?
        .into_iter()
        .map(|(k, t, at, by)| (k, (t, at, by)))
        .collect();
    diesel::delete(feedback_answers::table.filter(feedback_answers::feedback_id.eq(id))).execute(conn)?;
    write_answers(conn, id, &answers, &kept)?;
    diesel::update(feedback::table.find(id)).set(feedback::updated_at.eq(diesel::dsl::now)).execute(conn)?;
    Ok(mine(conn, forum, user)?.expect("just written"))
}

/// One's own feedback on the forum, if any.
pub fn mine(conn: &mut PgConnection, forum: &ForumRow, user: UserId) -> QueryResult<Option<MyFeedback>> {
    let Some((id, created_at, updated_at)) = feedback::table
        .filter(feedback::forum_id.eq(forum.id))
        .filter(feedback::user_id.eq(user))
        .select((feedback::id, feedback::created_at, feedback::updated_at))
        .first::<(i64, DateTime<Utc>, DateTime<Utc>)>(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let answers = feedback_answers::table
        .filter(feedback_answers::feedback_id.eq(id))
        .order(feedback_answers::id)
        .select((feedback_answers::question_key, feedback_answers::rating, feedback_answers::text))
        .load::<(String, Option<i32>, Option<String>)>(conn)?
        .into_iter()
        .map(|(key, rating, text)| Answer { key, rating, text })
        .collect();
    Ok(Some(MyFeedback { answers, created_at, updated_at, editable_until: closes_at(forum) }))
}

/// Approves (or withdraws the approval of) a free-text answer; the forum it belongs to.
pub fn set_approval(conn: &mut PgConnection, id: i64, approve: bool, by: UserId) -> ApiResult<TextAnswer> {
    let row: Option<(i64, String, String)> = feedback_answers::table
        .filter(feedback_answers::id.eq(id))
        .filter(feedback_answers::text.is_not_null())
        .select((feedback_answers::id, feedback_answers::question_key, feedback_answers::text.assume_not_null()))
        .first(conn)
        .optional()?;
    let (id, question_key, text) = row.ok_or_else(|| ApiError::not_found("Text answer"))?;
    diesel::update(feedback_answers::table.find(id))
        .set((
            feedback_answers::approved_at.eq(if approve { Some(Utc::now()) } else { None }),
            feedback_answers::approved_by.eq(if approve { Some(by) } else { None }),
        ))
        .execute(conn)?;
    Ok(TextAnswer { id, question_key, text, approved: approve })
}

/// Publishes or replaces the organisers' response (audited).
pub fn put_response(
    conn: &mut PgConnection,
    forum: &ForumRow,
    r: ResponseRequest,
    by: UserId,
) -> ApiResult<FeedbackResponse> {
    if forum.status != ForumStatus::Held {
        return Err(ApiError::Conflict {
            code: crate::resources::forums::codes::FORUM_NOT_HELD,
            detail: "A response follows a held forum's feedback.".into(),
        });
    }
    let next = match r.next_version {
        None => None,
        Some(n) => {
            let Some(current) = forum.format_version_id else {
                return Err(ApiError::conflict_field(
                    ErrorCode::UnknownReference,
                    "next_version",
                    "exists",
                    "this forum follows no format",
                ));
            };
            let format_id: crate::db::ids::FormatId =
                format_versions::table.find(current).select(format_versions::format_id).first(conn)?;
            Some(
                format_versions::table
                    .filter(format_versions::format_id.eq(format_id))
                    .filter(format_versions::version.eq(n))
                    .select(format_versions::id)
                    .first::<FormatVersionId>(conn)
                    .optional()?
                    .ok_or_else(|| {
                        ApiError::conflict_field(
                            ErrorCode::UnknownReference,
                            "next_version",
                            "exists",
                            "no such version of this forum's format",
                        )
                    })?,
            )
        }
    };
    let html = markdown::render(&r.body);
    diesel::insert_into(feedback_responses::table)
        .values((
            feedback_responses::forum_id.eq(forum.id),
            feedback_responses::body.eq(&r.body),
            feedback_responses::body_html.eq(&html),
            feedback_responses::next_format_version_id.eq(next),
            feedback_responses::published_by.eq(Some(by)),
        ))
        .on_conflict(feedback_responses::forum_id)
        .do_update()
        .set((
            feedback_responses::body.eq(&r.body),
            feedback_responses::body_html.eq(&html),
            feedback_responses::next_format_version_id.eq(next),
            feedback_responses::updated_at.eq(diesel::dsl::now),
        ))
        .execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::feedback::events::FEEDBACK_RESPONSE_PUBLISHED)
            .subject(EventSubject::new("forum", forum.id.get(), forum.slug.clone()))
            .by(by)
            .audit(None::<&()>, Some(&serde_json::json!({"body": r.body, "next_version": r.next_version}))),
    )?;
    Ok(response(conn, forum.id)?.expect("just written"))
}
