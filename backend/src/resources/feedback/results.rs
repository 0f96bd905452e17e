//! What feedback shows: results published in aggregate only once answers closed and from 5
//! answers, the free-text answers for organisers, the organisers' response.

use super::dto::{
    FeedbackResponse, FeedbackResults, ForumFeedback, QuestionResult, TextAnswer, VersionFeedback, THRESHOLD,
};
use super::queries::{closed, closes_at, questionnaire, OPEN_FOR_DAYS};
use crate::db::ids::{FormatVersionId, ForumId};
use crate::db::schema::{feedback, feedback_answers, feedback_responses, format_versions, forums};
use crate::resources::formats::{Question, QuestionKind};
use crate::resources::forums::model::ForumRow;
use crate::types::ForumStatus;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Double, Nullable, Text};
use std::collections::HashMap;

#[derive(QueryableByName)]
struct Aggregate {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = BigInt)]
    n: i64,
    #[diesel(sql_type = Nullable<Double>)]
    mean: Option<f64>,
    #[diesel(sql_type = BigInt)]
    r1: i64,
    #[diesel(sql_type = BigInt)]
    r2: i64,
    #[diesel(sql_type = BigInt)]
    r3: i64,
    #[diesel(sql_type = BigInt)]
    r4: i64,
    #[diesel(sql_type = BigInt)]
    r5: i64,
}

/// Which feedback an aggregate is over.
#[derive(Clone, Copy)]
pub enum Scope {
    /// One forum's, once its answers have closed (`None` before: nothing is published).
    Forum(ForumId),
    /// A format version's, over the forums that followed it whose answers have closed with at
    /// least the threshold each: a forum below it would show through as the difference.
    Version(FormatVersionId),
}

impl Scope {
    fn filter(self) -> (String, i64) {
        match self {
            Scope::Forum(id) => ("f.forum_id = $1".into(), id.get()),
            // The forums whose results are published: answers closed, enough of them.
            Scope::Version(id) => (
                format!(
                    "f.format_version_id = $1 AND f.forum_id IN (SELECT fo.id FROM forums fo \
                     WHERE fo.format_version_id = $1 \
                       AND COALESCE(fo.feedback_closes_at, fo.ends_at + interval '{OPEN_FOR_DAYS} days') < now() \
                       AND (SELECT count(*) FROM feedback x WHERE x.forum_id = fo.id) >= {THRESHOLD})"
                ),
                id.get(),
            ),
        }
    }
}

/// Results that are not published (yet): no figure at all, not even how many answered.
fn unpublished(questions: &[Question]) -> FeedbackResults {
    FeedbackResults {
        answers_count: None,
        enough: false,
        published: false,
        threshold: THRESHOLD,
        questions: questions
            .iter()
            .map(|q| QuestionResult {
                key: q.key.clone(),
                label: q.label.clone(),
                kind: q.kind,
                count: None,
                mean: None,
                distribution: None,
                texts: Vec::new(),
            })
            .collect(),
    }
}

/// The aggregate of `scope` for `questions`: counts, means, distributions and approved texts,
/// nothing at all below the threshold (per person, and per question).
pub fn results(conn: &mut PgConnection, scope: Scope, questions: &[Question]) -> QueryResult<FeedbackResults> {
    let (filter, id) = scope.filter();
    let people: i64 = diesel::sql_query(format!("SELECT count(*) AS n FROM feedback f WHERE {filter}"))
        .bind::<BigInt, _>(id)
        .get_result::<Count>(conn)?
        .n;
    let enough = people >= THRESHOLD;
    let aggregates: HashMap<String, Aggregate> = if enough {
        diesel::sql_query(format!(
            "SELECT a.question_key AS key, count(*) AS n, avg(a.rating)::float8 AS mean, \
                    count(*) FILTER (WHERE a.rating = 1) AS r1, count(*) FILTER (WHERE a.rating = 2) AS r2, \
                    count(*) FILTER (WHERE a.rating = 3) AS r3, count(*) FILTER (WHERE a.rating = 4) AS r4, \
                    count(*) FILTER (WHERE a.rating = 5) AS r5 \
               FROM feedback_answers a JOIN feedback f ON f.id = a.feedback_id \
              WHERE {filter} GROUP BY a.question_key"
        ))
        .bind::<BigInt, _>(id)
        .load::<Aggregate>(conn)?
        .into_iter()
        .map(|a| (a.key.clone(), a))
        .collect()
    } else {
        HashMap::new()
    };
    let mut texts: HashMap<String, Vec<String>> = HashMap::new();
    if enough {
        let approved: Vec<TextRow> = diesel::sql_query(format!(
            "SELECT a.question_key AS key, a.text AS text FROM feedback_answers a JOIN feedback f ON f.id = a.feedback_id \
              WHERE {filter} AND a.approved_at IS NOT NULL ORDER BY a.approved_at, a.id"
        ))
        .bind::<BigInt, _>(id)
        .load(conn)?;
        for t in approved {
            texts.entry(t.key).or_default().push(t.text);
        }
    }
    let questions = questions
        .iter()
        .map(|q| {
            let a = aggregates.get(&q.key).filter(|a| a.n >= THRESHOLD);
            let rating = q.kind == QuestionKind::Rating;
            QuestionResult {
                key: q.key.clone(),
                label: q.label.clone(),
                kind: q.kind,
                count: a.map(|a| a.n),
                mean: a.filter(|_| rating).and_then(|a| a.mean).map(|m| (m * 100.0).round() / 100.0),
                distribution: a.filter(|_| rating).map(|a| vec![a.r1, a.r2, a.r3, a.r4, a.r5]),
                texts: if a.is_some() { texts.remove(&q.key).unwrap_or_default() } else { Vec::new() },
            }
        })
        .collect();
    Ok(FeedbackResults {
        answers_count: enough.then_some(people),
        enough,
        published: enough,
        threshold: THRESHOLD,
        questions,
    })
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct TextRow {
    #[diesel(sql_type = Text)]
    key: String,
    #[diesel(sql_type = Text)]
    text: String,
}

pub(super) fn response(conn: &mut PgConnection, forum: ForumId) -> QueryResult<Option<FeedbackResponse>> {
    /// Body, HTML, the version it led to, published and updated.
    type Row = (String, String, Option<FormatVersionId>, DateTime<Utc>, DateTime<Utc>);
    let row: Option<Row> = feedback_responses::table
        .find(forum)
        .select((
            feedback_responses::body,
            feedback_responses::body_html,
            feedback_responses::next_format_version_id,
            feedback_responses::published_at,
            feedback_responses::updated_at,
        ))
        .first(conn)
        .optional()?;
    let Some((body, body_html, next, published_at, updated_at)) = row else { return Ok(None) };
    let refs = crate::resources::formats::queries::refs(conn, &next.into_iter().collect::<Vec<_>>())?;
    Ok(Some(FeedbackResponse {
        body,
        body_html,
        next_version: next.and_then(|n| refs.get(&n).cloned()),
        published_at,
        updated_at,
    }))
}

/// A forum's feedback page: open or not, results, the organisers' response.
pub fn forum_feedback(conn: &mut PgConnection, forum: &ForumRow) -> QueryResult<ForumFeedback> {
    let questions = questionnaire(conn, forum.format_version_id)?;
    // Published once answers have closed for good, never while they come: results that move
    // with each answer tell, by difference, what the last person said.
    let results =
        if closed(forum) { results(conn, Scope::Forum(forum.id), &questions)? } else { unpublished(&questions) };
    let format = match forum.format_version_id {
        Some(v) => crate::resources::formats::queries::refs(conn, &[v])?.remove(&v),
        None => None,
    };
    Ok(ForumFeedback {
        open: forum.status == ForumStatus::Held && !questions.is_empty() && Utc::now() <= closes_at(forum),
        closes_at: closes_at(forum),
        format,
        results,
        response: response(conn, forum.id)?,
    })
}

/// Every version of a format with its results over all forums that followed it.
pub fn format_feedback(
    conn: &mut PgConnection,
    format: &crate::resources::formats::model::FormatRow,
) -> QueryResult<Vec<VersionFeedback>> {
    let versions: Vec<(FormatVersionId, i32, serde_json::Value)> = format_versions::table
        .filter(format_versions::format_id.eq(format.id))
        .order(format_versions::version)
        .select((format_versions::id, format_versions::version, format_versions::questionnaire))
        .load(conn)?;
    let mut out = Vec::new();
    for (id, version, q) in versions {
        let questions: Vec<Question> = serde_json::from_value(q).unwrap_or_default();
        let forums_count: i64 = forums::table.filter(forums::format_version_id.eq(id)).count().get_result(conn)?;
        out.push(VersionFeedback { version, forums_count, results: results(conn, Scope::Version(id), &questions)? });
    }
    Ok(out)
}

/// The free-text answers of a forum, for organisers (no names), pending ones first.
pub fn texts(conn: &mut PgConnection, forum: ForumId) -> QueryResult<Vec<TextAnswer>> {
    Ok(feedback_answers::table
        .inner_join(feedback::table)
        .filter(feedback::forum_id.eq(forum))
        .filter(feedback_answers::text.is_not_null())
        .order((feedback_answers::approved_at.is_not_null(), feedback_answers::id))
        .select((
            feedback_answers::id,
            feedback_answers::question_key,
            feedback_answers::text.assume_not_null(),
            feedback_answers::approved_at.is_not_null(),
        ))
        .load::<(i64, String, String, bool)>(conn)?
        .into_iter()
        .map(|(id, question_key, text, approved)| TextAnswer { id, question_key, text, approved })
        .collect())
}
