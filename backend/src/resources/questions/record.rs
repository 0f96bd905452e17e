//! Each institution's public responsiveness record, read from the aggregates triggers keep
//! (`institution_records`, `institution_answer_days`) and from index counts over what is open
//! now — never by scanning an institution's questions.

use std::collections::HashMap;

use actix_web::{get, web, HttpRequest, HttpResponse};
use diesel::dsl::{count_star, sql};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db;
use crate::db::ids::InstitutionId;
use crate::db::schema::{
    action_items, institution_answer_days, institution_records, institutions, progress_updates, questions,
};
use crate::http::page::{self, PageParams};
use crate::http::problem::ApiResult;
use crate::resources::institutions::queries as institution_queries;
use crate::resources::shared::refs::InstitutionRef;
use crate::AppState;

/// Questions whose outcome is known (answered, or unanswered past their deadline) from which
/// the on-time rate is shown: below, too few to say anything.
pub const MIN_DECIDED: i64 = 10;

/// A share with its 95 % Wilson score interval.
#[derive(Debug, Clone, Serialize, ToSchema, PartialEq)]
pub struct Rate {
    /// 0–100.
    pub percent: f64,
    /// Lower and upper bounds of the 95 % Wilson interval, 0–100.
    pub low: f64,
    pub high: f64,
}

/// The 95 % Wilson score interval of `k` successes out of `n` (as percentages).
pub fn wilson(k: i64, n: i64) -> Option<Rate> {
    if n <= 0 {
        return None;
    }
    let (k, n) = (k as f64, n as f64);
    let z = 1.959_963_984_540_054_f64;
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z / denom * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let round = |x: f64| (x * 1000.0).round() / 10.0;
    Some(Rate { percent: round(p), low: round((centre - half).max(0.0)), high: round((centre + half).min(1.0)) })
}

/// The median of a histogram of (value, count), values in any order.
pub fn median(histogram: &[(i32, i32)]) -> Option<f64> {
    let mut h: Vec<(i32, i32)> = histogram.iter().copied().filter(|(_, n)| *n > 0).collect();
    h.sort_unstable();
    let total: i64 = h.iter().map(|(_, n)| *n as i64).sum();
    if total == 0 {
        return None;
    }
    let nth = |i: i64| -> i32 {
        let mut seen = 0i64;
        for (v, n) in &h {
            seen += *n as i64;
            if seen > i {
                return *v;
            }
        }
        h.last().map(|(v, _)| *v).unwrap_or_default()
    };
    Some(if total % 2 == 1 { nth(total / 2) as f64 } else { (nth(total / 2 - 1) as f64 + nth(total / 2) as f64) / 2.0 })
}

/// An institution's record: how it answers questions, closes the action items it owns and
/// reports progress.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InstitutionRecord {
    pub institution: InstitutionRef,
    pub questions_received: i64,
    /// Questions with an answer that stands.
    pub questions_answered: i64,
    /// Of those, answered by their due date.
    pub answered_on_time: i64,
    /// Unanswered, within their deadline.
    pub awaiting_now: i64,
    /// Unanswered past their deadline (long overdue ones included).
    pub overdue_now: i64,
    /// Unanswered past twice their deadline.
    pub long_overdue_now: i64,
    /// Questions whose outcome is known: answered, or overdue now.
    pub decided: i64,
    /// Answered on time, as a share of `decided`, with its 95 % Wilson interval; null below
    /// 10 decided questions.
    pub on_time_rate: Option<Rate>,
    /// Median working days the standing answers took; null without answers.
    pub median_working_days: Option<f64>,
    pub action_items_owned: i64,
    pub action_items_closed: i64,
    /// Done or dropped by their due date (in Paris).
    pub action_items_closed_on_time: i64,
    pub action_items_overdue_now: i64,
    pub progress_updates: i64,
}

crate::page_type!(InstitutionRecordPage, InstitutionRecord, "A page of institutions' records, in name order.");

/// The records of `refs`' institutions: a handful of grouped queries on primary keys and
/// partial indexes, whatever their numbers of questions.
pub fn records(conn: &mut PgConnection, refs: Vec<InstitutionRef>) -> QueryResult<Vec<InstitutionRecord>> {
    let ids: Vec<InstitutionId> = refs.iter().map(|r| InstitutionId(r.id)).collect();
    let kept: HashMap<InstitutionId, (i32, i32, i32)> = institution_records::table
        .filter(institution_records::institution_id.eq_any(&ids))
        .select((
            institution_records::institution_id,
            (
                institution_records::questions_received,
                institution_records::questions_answered,
                institution_records::answered_on_time,
            ),
        ))
        .load::<(InstitutionId, (i32, i32, i32))>(conn)?
        .into_iter()
        .collect();
    let mut days: HashMap<InstitutionId, Vec<(i32, i32)>> = HashMap::new();
    for (id, d, n) in institution_answer_days::table
        .filter(institution_answer_days::institution_id.eq_any(&ids))
        .select((
            institution_answer_days::institution_id,
            institution_answer_days::working_days,
            institution_answer_days::answers,
        ))
        .load::<(InstitutionId, i32, i32)>(conn)?
    {
        days.entry(id).or_default().push((d, n));
    }
    // What is open now, counted on the partial index of unanswered questions.
    let open: HashMap<InstitutionId, (i64, i64, i64)> = questions::table
        .filter(questions::institution_id.eq_any(&ids))
        .filter(questions::answered_on.is_null())
        .group_by(questions::institution_id)
        .select((
            questions::institution_id,
            (
                // `(SELECT paris_today())`: computed once for the query, not once per row.
                sql::<BigInt>("count(*) FILTER (WHERE questions.due_on >= (SELECT paris_today()))"),
                sql::<BigInt>("count(*) FILTER (WHERE questions.due_on < (SELECT paris_today()))"),
                sql::<BigInt>("count(*) FILTER (WHERE questions.long_due_on < (SELECT paris_today()))"),
            ),
        ))
        .load::<(InstitutionId, (i64, i64, i64))>(conn)?
        .into_iter()
        .collect();
    let actions: HashMap<InstitutionId, (i64, i64, i64, i64)> = action_items::table
        .filter(action_items::owner_institution_id.eq_any(&ids))
        .group_by(action_items::owner_institution_id)
        .select((
            action_items::owner_institution_id.assume_not_null(),
            (
                count_star(),
                sql::<BigInt>("count(*) FILTER (WHERE action_items.status IN ('done', 'dropped'))"),
                sql::<BigInt>(
                    "count(*) FILTER (WHERE action_items.status IN ('done', 'dropped') \
                       AND (action_items.closed_at AT TIME ZONE 'Europe/Paris')::date <= action_items.due_on)",
                ),
                sql::<BigInt>("count(*) FILTER (WHERE action_items.status IN ('open', 'in_progress') AND action_items.due_on < (SELECT paris_today()))"),
            ),
        ))
        .load::<(InstitutionId, (i64, i64, i64, i64))>(conn)?
        .into_iter()
        .collect();
    let updates: HashMap<InstitutionId, i64> = progress_updates::table
        .filter(progress_updates::institution_id.eq_any(&ids))
        .group_by(progress_updates::institution_id)
        .select((progress_updates::institution_id.assume_not_null(), count_star()))
        .load::<(InstitutionId, i64)>(conn)?
        .into_iter()
        .collect();
    Ok(refs
        .into_iter()
        .map(|institution| {
            let id = InstitutionId(institution.id);
            let (received, answered, on_time) = kept.get(&id).copied().unwrap_or_default();
            let (awaiting, overdue, long_overdue) = open.get(&id).copied().unwrap_or_default();
            let (owned, closed, closed_on_time, actions_overdue) = actions.get(&id).copied().unwrap_or_default();
            let decided = answered as i64 + overdue;
            InstitutionRecord {
                questions_received: received as i64,
                questions_answered: answered as i64,
                answered_on_time: on_time as i64,
                awaiting_now: awaiting,
                overdue_now: overdue,
                long_overdue_now: long_overdue,
                decided,
                on_time_rate: if decided >= MIN_DECIDED { wilson(on_time as i64, decided) } else { None },
                median_working_days: median(days.get(&id).map(Vec::as_slice).unwrap_or_default()),
                action_items_owned: owned,
                action_items_closed: closed,
                action_items_closed_on_time: closed_on_time,
                action_items_overdue_now: actions_overdue,
                progress_updates: updates.get(&id).copied().unwrap_or_default(),
                institution,
            }
        })
        .collect())
}

/// An institution's responsiveness record: questions received, answered, answered within the
/// deadline (a share with its 95 % Wilson interval, from 10 questions whose outcome is known),
/// median working days to answer, overdue now; the action items it closed on time and the
/// progress updates it posted.
#[utoipa::path(
    tag = "questions",
    params(("id" = String, Path, description = "Institution id or slug")),
    responses((status = 200, description = "The record", body = InstitutionRecord))
)]
#[get("/institutions/{id}/record")]
pub async fn institution_record(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<web::Json<InstitutionRecord>> {
    let key = id.into_inner();
    let record = db::run(&state.read_pool, move |conn| {
        let row = institution_queries::find(conn, &key)?;
        let r =
            InstitutionRef { id: row.id.get(), slug: row.slug, name: row.name, acronym: row.acronym, kind: row.kind };
        Ok(records(conn, vec![r])?.remove(0))
    })
    .await?;
    Ok(web::Json(record))
}

/// Every institution's record side by side, in name order (to compare them).
#[utoipa::path(
    tag = "questions",
    params(PageParams),
    responses((status = 200, description = "A page of records", body = InstitutionRecordPage))
)]
#[get("/institution-records")]
pub async fn list_records(
    req: HttpRequest,
    state: web::Data<AppState>,
    page: web::Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.limit()?;
    let after: Option<(String, InstitutionId)> = page.cursor()?;
    let (items, next) = db::run(&state.read_pool, move |conn| {
        let mut q = institutions::table
            .select((sql::<diesel::sql_types::Text>("lower(institutions.name)"), InstitutionRef::as_select()))
            .order((sql::<diesel::sql_types::Text>("lower(institutions.name)"), institutions::id))
            .limit(limit + 1)
            .into_boxed();
        if let Some((name, id)) = after {
            q = q.filter(
                sql::<Bool>("(lower(institutions.name), institutions.id) > (")
                    .bind::<diesel::sql_types::Text, _>(name)
                    .sql(", ")
                    .bind::<BigInt, _>(id.get())
                    .sql(")"),
            );
        }
        let rows: Vec<(String, InstitutionRef)> = q.load(conn)?;
        let (rows, next) = page::finish_page(rows, limit, |(k, r)| (k.clone(), InstitutionId(r.id)));
        Ok((records(conn, rows.into_iter().map(|(_, r)| r).collect())?, next))
    })
    .await?;
    Ok(page::respond::<InstitutionRecordPage, _>(&req, items, next))
}

#[cfg(test)]
mod tests {
    use super::{median, wilson};

    #[test]
    fn wilson_interval_matches_published_values() {
        // 8 of 10: p = 80 %, 95 % Wilson interval 49.0 %–94.3 %.
        let r = wilson(8, 10).unwrap();
        assert_eq!((r.percent, r.low, r.high), (80.0, 49.0, 94.3));
        let all = wilson(10, 10).unwrap();
        assert_eq!((all.percent, all.high), (100.0, 100.0));
        assert!(all.low > 69.0 && all.low < 73.0, "{all:?}");
        assert_eq!(wilson(0, 0), None);
    }

    #[test]
    fn median_from_a_histogram() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[(3, 1)]), Some(3.0));
        assert_eq!(median(&[(10, 1), (2, 2)]), Some(2.0));
        assert_eq!(median(&[(1, 1), (4, 1)]), Some(2.5));
        assert_eq!(median(&[(5, 0), (7, 2), (1, 2)]), Some(4.0));
    }
}
