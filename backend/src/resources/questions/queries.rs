//! Asking, listing and answering questions; each write records its event.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::Text;

use super::answers::answers;
use super::dto::{
    AskedQuestion, Asker, NewQuestionRequest, QuestionFilter, QuestionFilters, QuestionOrder, QuestionStatus,
};
use crate::auth::user::User;
use crate::db::ids::{CommitmentId, InstitutionId, SubjectId, UserId};
use crate::db::schema::{extra_holidays, question_answers, questions, users};
use crate::events::{self, EventSubject, NewEvent};
use crate::http::problem::{ApiError, ApiResult, ErrorCode};
use crate::markdown;
use crate::resources::institutions::queries as institutions;
use crate::subjects::{self, SubjectRef};
use crate::types::Locale;
use crate::workdays::WorkingCalendar;

use crate::db::paris_today;

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = questions, check_for_backend(diesel::pg::Pg))]
pub struct QuestionRow {
    pub id: i64,
    pub subject_id: SubjectId,
    pub about_id: SubjectId,
    pub commitment_id: Option<CommitmentId>,
    pub institution_id: InstitutionId,
    pub asked_by: Option<UserId>,
    pub title: String,
    pub body: String,
    #[serde(skip)]
    pub body_html: String,
    pub lang: Locale,
    pub asked_at: DateTime<Utc>,
    pub asked_on: NaiveDate,
    pub deadline_days: i32,
    pub due_on: NaiveDate,
    pub long_due_on: NaiveDate,
    pub answered_on: Option<NaiveDate>,
}

/// Where a question stands today (in Paris), computed by the database.
const STATUS_SQL: &str = "CASE WHEN questions.answered_on IS NOT NULL THEN 'answered' \
     WHEN questions.long_due_on < paris_today() THEN 'long_overdue' \
     WHEN questions.due_on < paris_today() THEN 'overdue' ELSE 'awaiting' END";

/// The calendar deadlines are counted on: public holidays and the days admins added.
pub fn calendar(conn: &mut PgConnection) -> QueryResult<WorkingCalendar> {
    Ok(WorkingCalendar::new(extra_holidays::table.select(extra_holidays::day).load::<NaiveDate>(conn)?))
}

pub fn today(conn: &mut PgConnection) -> QueryResult<NaiveDate> {
    crate::db::today_in_paris(conn)
}

/// The question `id` names, with its status; 404 otherwise.
pub fn find(conn: &mut PgConnection, id: i64) -> ApiResult<(QuestionRow, QuestionStatus)> {
    questions::table
        .find(id)
        .select((QuestionRow::as_select(), sql::<Text>(STATUS_SQL)))
        .first::<(QuestionRow, QuestionStatus)>(conn)
        .optional()?
        .ok_or_else(|| ApiError::not_found("Question"))
}

/// Who answers for what a question is about (its kind declares it: `SubjectDecl::answerer`),
/// and the commitment it belongs to. 404 for a kind nobody is asked about; 409 when it is
/// withdrawn, or when no institution answers for it.
fn addressee(conn: &mut PgConnection, about: &SubjectRef) -> ApiResult<(InstitutionId, Option<CommitmentId>)> {
    let answerer = about.kind.decl().answerer.ok_or_else(|| ApiError::not_found("Subject"))?;
    let found = answerer(conn, about.ref_id)?;
    if found.withdrawn {
        return Err(ApiError::Conflict {
            code: super::codes::WITHDRAWN,
            detail: "It is withdrawn: nobody answers for it any more.".into(),
        });
    }
    let institution = found.institution.ok_or_else(|| ApiError::Conflict {
        code: super::codes::NO_INSTITUTION,
        detail: "No institution answers for it: the commitment has no lead institution (or the action item no owner institution).".into(),
    })?;
    Ok((institution, found.commitment))
}

/// Asks a question about `about`, due `deadline_days` working days after today (in Paris).
pub fn ask(
    conn: &mut PgConnection,
    about: &SubjectRef,
    r: NewQuestionRequest,
    by: UserId,
    deadline_days: u32,
) -> ApiResult<QuestionRow> {
    if about.closed {
        return Err(ApiError::Conflict {
            code: ErrorCode::Archived,
            detail: "It is archived: it takes no new questions.".into(),
        });
    }
    let (institution, commitment) = addressee(conn, about)?;
    let asked_on = today(conn)?;
    let cal = calendar(conn)?;
    let row: QuestionRow = diesel::insert_into(questions::table)
        .values((
            questions::about_id.eq(about.id),
            questions::commitment_id.eq(commitment),
            questions::institution_id.eq(institution),
            questions::asked_by.eq(Some(by)),
            questions::title.eq(r.title.trim()),
            questions::body_html.eq(markdown::render(&r.body)),
            questions::body.eq(&r.body),
            questions::lang.eq(r.lang.unwrap_or(Locale::Fr)),
            questions::asked_on.eq(asked_on),
            questions::deadline_days.eq(deadline_days as i32),
            questions::due_on.eq(cal.add_working_days(asked_on, deadline_days)),
            questions::long_due_on.eq(cal.add_working_days(asked_on, 2 * deadline_days)),
        ))
        .returning(QuestionRow::as_returning())
        .get_result(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::questions::events::QUESTION_ASKED)
            .subject(EventSubject::new("question", row.id, row.id.to_string()))
            .by(by)
            .payload(serde_json::json!({"about": about.id.get(), "institution_id": institution.get()})),
    )?;
    Ok(row)
}

/// A page of questions, by date asked (newest or oldest first), after `after`.
pub fn list(
    conn: &mut PgConnection,
    f: &QuestionFilters,
    after: Option<(DateTime<Utc>, i64)>,
    limit: i64,
) -> ApiResult<Vec<(QuestionRow, QuestionStatus)>> {
    let mut q = questions::table.select((QuestionRow::as_select(), sql::<Text>(STATUS_SQL))).limit(limit).into_boxed();
    let oldest = f.order == Some(QuestionOrder::Oldest);
    q = if oldest {
        q.order((questions::asked_at.asc(), questions::id.asc()))
    } else {
        q.order((questions::asked_at.desc(), questions::id.desc()))
    };
    if let Some((at, id)) = after {
        q = if oldest {
            q.filter(crate::keyset!((questions::asked_at, questions::id) > (at, id)))
        } else {
            q.filter(crate::keyset!((questions::asked_at, questions::id) < (at, id)))
        };
    }
    // A filter naming nothing matches nothing: an empty page, not an error.
    let none = || -> ApiResult<Vec<(QuestionRow, QuestionStatus)>> { Ok(Vec::new()) };
    if let Some(key) = &f.institution {
        match institutions::find(conn, key) {
            Ok(i) => q = q.filter(questions::institution_id.eq(i.id)),
            Err(ApiError::NotFound(_)) => return none(),
            Err(e) => return Err(e),
        }
    }
    if let Some(key) = &f.commitment {
        match crate::resources::commitments::queries::find(conn, key) {
            Ok(c) => q = q.filter(questions::commitment_id.eq(c.id)),
            Err(ApiError::NotFound(_)) => return none(),
            Err(e) => return Err(e),
        }
    }
    for (kind, id) in [
        (crate::resources::milestones::subject::KIND, f.milestone),
        (crate::resources::action_items::subject::KIND, f.action_item),
    ] {
        if let Some(id) = id {
            match subjects::resolve(conn, kind, &id.to_string()) {
                Ok(about) => q = q.filter(questions::about_id.eq(about.id)),
                Err(ApiError::NotFound(_)) => return none(),
                Err(e) => return Err(e),
            }
        }
    }
    q = match f.status {
        None => q,
        Some(QuestionFilter::Answered) => q.filter(questions::answered_on.is_not_null()),
        Some(QuestionFilter::Open) => q.filter(questions::answered_on.is_null()),
        Some(QuestionFilter::Awaiting) => {
            q.filter(questions::answered_on.is_null().and(questions::due_on.ge(paris_today())))
        }
        Some(QuestionFilter::Overdue) => q.filter(
            questions::answered_on
                .is_null()
                .and(questions::due_on.lt(paris_today()))
                .and(questions::long_due_on.ge(paris_today())),
        ),
        Some(QuestionFilter::LongOverdue) => {
            q.filter(questions::answered_on.is_null().and(questions::long_due_on.lt(paris_today())))
        }
    };
    Ok(q.load(conn)?)
}

/// Rows as the contract shows them: one query each for institutions, askers and what they
/// are about, whatever the number of rows.
pub fn present(conn: &mut PgConnection, rows: Vec<(QuestionRow, QuestionStatus)>) -> QueryResult<Vec<AskedQuestion>> {
    let mut inst: Vec<InstitutionId> = rows.iter().map(|(r, _)| r.institution_id).collect();
    inst.sort_unstable();
    inst.dedup();
    let refs = crate::resources::shared::refs::institution_refs(conn, &inst)?;
    let asker_ids: Vec<UserId> = rows.iter().filter_map(|(r, _)| r.asked_by).collect();
    let names: HashMap<UserId, String> = users::table
        .filter(users::id.eq_any(&asker_ids))
        .select((users::id, users::display_name))
        .load::<(UserId, String)>(conn)?
        .into_iter()
        .collect();
    let abouts: Vec<SubjectId> = rows.iter().map(|(r, _)| r.about_id).collect();
    let described = subjects::describe(conn, &abouts)?;
    Ok(rows
        .into_iter()
        .filter_map(|(r, status)| {
            Some(AskedQuestion {
                id: r.id,
                about: described.get(&r.about_id)?.clone(),
                institution: refs.get(&r.institution_id)?.clone(),
                asked_by: r
                    .asked_by
                    .and_then(|u| names.get(&u).map(|n| Asker { id: u.get(), display_name: n.clone() })),
                title: r.title,
                body: r.body,
                body_html: r.body_html,
                lang: r.lang,
                asked_at: r.asked_at,
                asked_on: r.asked_on,
                deadline_days: r.deadline_days,
                due_on: r.due_on,
                long_due_on: r.long_due_on,
                status,
                answers: None,
            })
        })
        .collect())
}

/// One question in full, with its answers.
pub fn present_one(conn: &mut PgConnection, id: i64) -> ApiResult<AskedQuestion> {
    let found = find(conn, id)?;
    let mut q = present(conn, vec![found])?.pop().ok_or_else(|| ApiError::not_found("Question"))?;
    q.answers = Some(answers(conn, id)?);
    Ok(q)
}

/// An official's answer: a reply in the question's discussion, marked as the answer, with the
/// working days it took. 403 unless the official speaks for the institution asked; 409 when an
/// answer stands.
pub fn answer(conn: &mut PgConnection, id: i64, official: User, body: String) -> ApiResult<()> {
    let (question, _) = find(conn, id)?;
    if official.institution_id != Some(question.institution_id) {
        return Err(ApiError::Refused {
            code: crate::resources::shared::codes::NOT_YOUR_INSTITUTION,
            detail: "Only officials of the institution the question is addressed to answer it.".into(),
        });
    }
    if question.answered_on.is_some() {
        return Err(ApiError::Conflict {
            code: crate::resources::questions::codes::ANSWER_STANDS,
            detail: "An answer to this question stands; its asker may say it is not one.".into(),
        });
    }
    let subject = subjects::resolve(conn, crate::resources::questions::subject::KIND, &id.to_string())?;
    let by = official.id;
    let html = markdown::render(&body);
    let reply = crate::resources::comments::writes::insert(conn, &subject, None, official, body, html)?;
    let on = today(conn)?;
    let days = calendar(conn)?.working_days_between(question.asked_on, on);
    diesel::insert_into(question_answers::table)
        .values((
            question_answers::question_id.eq(id),
            question_answers::comment_id.eq(reply.id),
            question_answers::institution_id.eq(question.institution_id),
            question_answers::answered_by.eq(Some(by)),
            question_answers::answered_on.eq(on),
            question_answers::working_days.eq(days),
            question_answers::on_time.eq(on <= question.due_on),
        ))
        .execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::questions::events::QUESTION_ANSWERED)
            .subject(EventSubject::new("question", id, id.to_string()))
            .by(by)
            .payload(
                serde_json::json!({"institution_id": question.institution_id.get(), "on_time": on <= question.due_on}),
            ),
    )?;
    Ok(())
}

/// The asker says an answer is not one (kept and shown; the question awaits again).
pub fn reject(conn: &mut PgConnection, id: i64, answer: i64, by: UserId, note: Option<String>) -> ApiResult<()> {
    let (question, _) = find(conn, id)?;
    if question.asked_by != Some(by) {
        return Err(ApiError::Forbidden("Only the person who asked says whether an answer answers.".into()));
    }
    let rejected: Option<Option<DateTime<Utc>>> = question_answers::table
        .filter(question_answers::id.eq(answer))
        .filter(question_answers::question_id.eq(id))
        .select(question_answers::rejected_at)
        .first(conn)
        .optional()?;
    match rejected {
        None => return Err(ApiError::not_found("QuestionAnswer")),
        Some(Some(_)) => {
            return Err(ApiError::Conflict {
                code: crate::resources::questions::codes::ALREADY_REJECTED,
                detail: "You already said this answer is not one.".into(),
            })
        }
        Some(None) => {}
    }
    diesel::update(question_answers::table.find(answer))
        .set((
            question_answers::rejected_at.eq(Some(Utc::now())),
            question_answers::rejection_note.eq(note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty())),
        ))
        .execute(conn)?;
    events::record(
        conn,
        NewEvent::new(crate::resources::questions::events::ANSWER_REJECTED)
            .subject(EventSubject::new("question", id, id.to_string()))
            .by(by)
            .payload(serde_json::json!({"answer": answer})),
    )?;
    Ok(())
}

/// Moves the deadlines of every unanswered question after the calendar changed (an admin added
/// or removed a day off).
pub fn recompute_deadlines(conn: &mut PgConnection) -> QueryResult<usize> {
    let cal = calendar(conn)?;
    let open: Vec<(i64, NaiveDate, i32)> = questions::table
        .filter(questions::answered_on.is_null())
        .select((questions::id, questions::asked_on, questions::deadline_days))
        .load(conn)?;
    let mut n = 0;
    for (id, asked_on, days) in open {
        n += diesel::update(questions::table.find(id))
            .set((
                questions::due_on.eq(cal.add_working_days(asked_on, days as u32)),
                questions::long_due_on.eq(cal.add_working_days(asked_on, 2 * days as u32)),
            ))
            .execute(conn)?;
    }
    Ok(n)
}
