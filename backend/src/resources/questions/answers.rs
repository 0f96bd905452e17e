//! Answers to questions: every answer given, with its earlier texts and whether it stands.

use super::dto::{AnswerVersion, QuestionAnswer};
use crate::db::schema::{comments, question_answers, users};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use std::collections::HashMap;

/// Every answer given to `question`, oldest first, with its reply's text and earlier texts
/// (withheld while the reply is hidden).
pub fn answers(conn: &mut PgConnection, question: i64) -> QueryResult<Vec<QuestionAnswer>> {
    use crate::db::schema::comment_versions;
    type Line = (
        (i64, i64, String, Option<String>, DateTime<Utc>, NaiveDate, i32, bool),
        (
            Option<DateTime<Utc>>,
            Option<String>,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            Option<String>,
            Option<DateTime<Utc>>,
        ),
    );
    let rows: Vec<Line> = question_answers::table
        .inner_join(comments::table)
        .left_join(users::table.on(users::id.nullable().eq(question_answers::answered_by)))
        .filter(question_answers::question_id.eq(question))
        .order(question_answers::id)
        .select((
            (
                question_answers::id,
                question_answers::comment_id,
                comments::body_html,
                users::display_name.nullable(),
                question_answers::answered_at,
                question_answers::answered_on,
                question_answers::working_days,
                question_answers::on_time,
            ),
            (
                question_answers::rejected_at,
                question_answers::rejection_note,
                question_answers::hidden_at,
                question_answers::superseded_at,
                comments::hidden_reason,
                comments::edited_at,
            ),
        ))
        .load(conn)?;
    let shown: Vec<i64> =
        rows.iter().filter(|(_, (_, _, hidden, ..))| hidden.is_none()).map(|((_, comment, ..), _)| *comment).collect();
    let mut versions: HashMap<i64, Vec<AnswerVersion>> = HashMap::new();
    for (comment, body_html, written_at, replaced_at) in comment_versions::table
        .filter(comment_versions::comment_id.eq_any(&shown))
        .order(comment_versions::id)
        .select((
            comment_versions::comment_id,
            comment_versions::body_html,
            comment_versions::written_at,
            comment_versions::replaced_at,
        ))
        .load::<(i64, String, DateTime<Utc>, DateTime<Utc>)>(conn)?
    {
        versions.entry(comment).or_default().push(AnswerVersion { body_html, written_at, replaced_at });
    }
    Ok(rows
        .into_iter()
        .map(
            |(
                (id, comment_id, body_html, answered_by, answered_at, answered_on, working_days, on_time),
                (rejected_at, rejection_note, hidden_at, superseded_at, hidden_reason, edited_at),
            )| {
                let hidden = hidden_at.is_some();
                QuestionAnswer {
                    id,
                    comment_id,
                    body_html: (!hidden).then_some(body_html),
                    answered_by,
                    answered_at,
                    answered_on,
                    working_days,
                    on_time,
                    stands: rejected_at.is_none() && !hidden && superseded_at.is_none(),
                    rejected_at,
                    rejection_note,
                    hidden_at,
                    hidden_reason: hidden_reason.filter(|_| hidden),
                    superseded_at,
                    edited_at,
                    earlier_versions: versions.remove(&comment_id).unwrap_or_default(),
                }
            },
        )
        .collect())
}
