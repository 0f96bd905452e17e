//! Where each dataset's rows come from: one statement per dataset that reads a batch of
//! records after a key (`WHERE id > $1 ORDER BY id LIMIT $2`, on the primary key), each record
//! as one JSON object whose keys are the dataset's field names. Public records only: no hidden
//! or deleted comment, no hidden answer, no personal data but a comment author's display name.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Jsonb, Nullable, Timestamptz};

use super::datasets::Dataset;
use crate::db::ids::InstitutionId;
use crate::db::schema::institutions;
use crate::resources::questions::record;
use crate::resources::shared::refs::InstitutionRef;

/// An instant in SQL, as the datasets write it: RFC 3339 in UTC, to the second.
macro_rules! utc {
    ($column:literal) => {
        concat!("to_char(", $column, " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
    };
}

/// A progress update as a JSON object (the fields of `milestone-progress`).
macro_rules! progress_object {
    () => {
        concat!(
            "jsonb_build_object('id', u.id, 'milestone_id', u.milestone_id, 'as_of', u.as_of, 'status', u.status, \
             'completion', u.completion, 'note', u.note, 'evidence', u.evidence, 'corrects_id', u.corrects_id, \
             'institution_id', u.institution_id, 'created_at', ",
            utc!("u.created_at"),
            ")"
        )
    };
}

/// A status change as a JSON object (the fields of `action-item-history`).
macro_rules! history_object {
    () => {
        concat!(
            "jsonb_build_object('id', h.id, 'action_item_id', h.action_item_id, 'status', h.status, \
             'note', h.note, 'outcome', h.outcome, 'changed_at', ",
            utc!("h.changed_at"),
            ")"
        )
    };
}

/// A dataset read by SQL: its batch statement and when it last changed.
pub struct Source {
    /// `$1`: the last key read (0 at first), `$2`: how many; columns `key` and `doc`.
    pub batch: &'static str,
    /// One row, one column `at` (NULL while empty).
    pub last_update: &'static str,
}

/// Where a dataset's rows come from.
pub enum Rows {
    Sql(&'static Source),
    /// The responsiveness records, as `questions::record` computes them for the API.
    Institutions,
}

/// One record of a dataset: its key (for the next batch) and its fields.
#[derive(QueryableByName)]
pub struct Doc {
    #[diesel(sql_type = BigInt)]
    pub key: i64,
    #[diesel(sql_type = Jsonb)]
    pub doc: serde_json::Value,
}

/// Up to `limit` records of `dataset` after the key `after`, in key order.
pub fn batch(conn: &mut PgConnection, dataset: &Dataset, after: i64, limit: i64) -> QueryResult<Vec<Doc>> {
    match dataset.rows {
        // A fixed text per dataset, the same index walk whatever the key: prepared once.
        Rows::Sql(source) => {
            crate::db::Prepared(diesel::sql_query(source.batch).bind::<BigInt, _>(after).bind::<BigInt, _>(limit))
                .load(conn)
        }
        Rows::Institutions => institutions_batch(conn, after, limit),
    }
}

/// When `dataset` last changed (its most recent record written), if it has any.
pub fn last_update(conn: &mut PgConnection, dataset: &Dataset) -> QueryResult<Option<DateTime<Utc>>> {
    #[derive(QueryableByName)]
    struct At {
        #[diesel(sql_type = Nullable<Timestamptz>)]
        at: Option<DateTime<Utc>>,
    }
    let sql = match dataset.rows {
        Rows::Sql(source) => source.last_update,
        Rows::Institutions => {
            "SELECT greatest((SELECT max(updated_at) FROM institutions), (SELECT max(asked_at) FROM questions), \
             (SELECT max(answered_at) FROM question_answers)) AS at"
        }
    };
    Ok(crate::db::Prepared(diesel::sql_query(sql)).get_result::<At>(conn)?.at)
}

/// When the platform's first record (an action plan or a commitment) was written: the
/// catalogue's issue date.
pub fn first_record(conn: &mut PgConnection) -> QueryResult<Option<DateTime<Utc>>> {
    #[derive(QueryableByName)]
    struct At {
        #[diesel(sql_type = Nullable<Timestamptz>)]
        at: Option<DateTime<Utc>>,
    }
    let sql =
        "SELECT least((SELECT min(created_at) FROM action_plans), (SELECT min(created_at) FROM commitments)) AS at";
    Ok(crate::db::Prepared(diesel::sql_query(sql)).get_result::<At>(conn)?.at)
}

fn institutions_batch(conn: &mut PgConnection, after: i64, limit: i64) -> QueryResult<Vec<Doc>> {
    let refs: Vec<InstitutionRef> = institutions::table
        .filter(institutions::id.gt(InstitutionId(after)))
        .order(institutions::id)
        .limit(limit)
        .select(InstitutionRef::as_select())
        .load(conn)?;
    Ok(record::records(conn, refs)?
        .into_iter()
        .map(|r| Doc {
            key: r.institution.id,
            doc: serde_json::json!({
                "id": r.institution.id,
                "slug": r.institution.slug,
                "name": r.institution.name,
                "acronym": r.institution.acronym,
                "kind": r.institution.kind.as_str(),
                "questions_received": r.questions_received,
                "questions_answered": r.questions_answered,
                "answered_on_time": r.answered_on_time,
                "awaiting_now": r.awaiting_now,
                "overdue_now": r.overdue_now,
                "long_overdue_now": r.long_overdue_now,
                "on_time_percent": r.on_time_rate.map(|rate| rate.percent),
                "median_working_days": r.median_working_days,
                "action_items_owned": r.action_items_owned,
                "action_items_closed": r.action_items_closed,
                "action_items_closed_on_time": r.action_items_closed_on_time,
                "action_items_overdue_now": r.action_items_overdue_now,
                "progress_updates": r.progress_updates,
            }),
        })
        .collect())
}

pub const ACTION_PLANS: &Source = &Source {
    batch: concat!(
        "SELECT p.id AS key, jsonb_build_object('id', p.id, 'slug', p.slug, 'country', p.country, 'title', p.title, \
         'period_start', p.period_start, 'period_end', p.period_end, 'description', p.description, 'lang', p.lang, \
         'created_at', ",
        utc!("p.created_at"),
        ", 'updated_at', ",
        utc!("p.updated_at"),
        ") AS doc FROM action_plans p WHERE p.id > $1 ORDER BY p.id LIMIT $2"
    ),
    last_update: "SELECT max(updated_at) AS at FROM action_plans",
};

pub const COMMITMENTS: &Source = &Source {
    batch: concat!(
        "SELECT c.id AS key, jsonb_build_object('id', c.id, 'code', c.code, 'action_plan_id', c.action_plan_id, \
         'number', c.number, 'title', c.title, 'summary', c.summary, 'description', c.description, \
         'policy_areas', c.policy_areas, 'lead_institution', c.lead_institution, \
         'support_institutions', c.support_institutions, 'ogp_principles', c.ogp_principles, \
         'ambitions', c.ambitions, 'status', c.status, 'starred', c.starred, 'start_year', c.start_year, \
         'end_year', c.end_year, 'irm_starred', c.irm_starred, 'irm_verifiable', c.irm_verifiable, \
         'irm_relevance', c.irm_relevance, 'irm_potential_impact', c.irm_potential_impact, \
         'irm_completion', c.irm_completion, 'irm_early_results', c.irm_early_results, 'lang', c.lang, \
         'created_at', ",
        utc!("c.created_at"),
        ", 'updated_at', ",
        utc!("c.updated_at"),
        ", 'archived_at', ",
        utc!("c.archived_at"),
        ") AS doc FROM commitments c WHERE c.id > $1 ORDER BY c.id LIMIT $2"
    ),
    last_update: "SELECT max(updated_at) AS at FROM commitments",
};

/// Whether a commitment the IRM reviewed is relevant to an OGP value (`Yes`, `No`), by the
/// start of the value's name in `irm_relevance` as the IRM publishes it; NULL when no review is
/// recorded (neither a report nor a relevance).
macro_rules! ogp_value {
    ($prefix:literal) => {
        concat!(
            "CASE WHEN c.irm_report IS NULL AND cardinality(c.irm_relevance) = 0 THEN NULL \
             WHEN EXISTS (SELECT 1 FROM unnest(c.irm_relevance) v WHERE lower(v) LIKE '",
            $prefix,
            "%') THEN 'Yes' ELSE 'No' END"
        )
    };
}

/// Commitments in OGP's layout (see `datasets::OGP_FIELDS` for where each column comes from).
/// Completion, when the IRM's is not recorded: the milestones' completion levels (from their
/// latest progress update), withdrawn and archived milestones aside, in OGP's words; NULL when
/// there is nothing to go on (no milestone, or no evidence on any).
pub const OGP_COMMITMENTS: &Source = &Source {
    batch: concat!(
        "SELECT c.id AS key, jsonb_build_object('Commitment Unique Identifier', c.code, \
         'Country/Locality', p.country, \
         'Action Plan Number', (SELECT count(*) FROM action_plans o WHERE o.country = p.country \
            AND (o.period_start, o.id) <= (p.period_start, p.id)), \
         'Commitment Number', c.number, 'Commitment Title', c.title, 'Short Title', NULL, \
         'Full Text', COALESCE(c.description, c.summary), \
         'Theme', NULLIF(array_to_string(c.policy_areas, '; '), ''), \
         'Year Of Submission', p.period_start, 'Lead Institution', c.lead_institution, \
         'Supporting Institution(s)', NULLIF(array_to_string(c.support_institutions, '; '), ''), \
         'OGP Value Access To Information', ",
        ogp_value!("access to information"),
        ", 'OGP Value Civic Participation', ",
        ogp_value!("civic participation"),
        ", 'OGP Value Public Accountability', ",
        ogp_value!("public accountability"),
        ", 'OGP Value Technology', ",
        ogp_value!("technology"),
        ", 'Specificity', NULL, 'Potential Impact', c.irm_potential_impact, \
         'Completion', COALESCE(c.irm_completion, ms.completion), \
         'Did It Open Government', c.irm_early_results, \
         'Star', COALESCE(c.irm_starred, CASE WHEN c.starred THEN 'Yes' END)) AS doc \
         FROM commitments c JOIN action_plans p ON p.id = c.action_plan_id \
         LEFT JOIN LATERAL (SELECT CASE \
            WHEN count(*) = 0 OR bool_and(m.completion = 'no_evidence') THEN NULL \
            WHEN bool_and(m.completion = 'complete') THEN 'Complete' \
            WHEN avg(CASE m.completion WHEN 'limited' THEN 1 WHEN 'substantial' THEN 2 WHEN 'complete' THEN 3 \
                ELSE 0 END) >= 2 THEN 'Substantial' \
            WHEN bool_or(m.completion IN ('limited', 'substantial', 'complete')) THEN 'Limited' \
            ELSE 'Not Started' END AS completion \
            FROM milestones m WHERE m.commitment_id = c.id AND m.archived_at IS NULL AND m.status <> 'withdrawn') ms \
            ON true \
         WHERE c.id > $1 ORDER BY c.id LIMIT $2"
    ),
    last_update:
        "SELECT greatest((SELECT max(updated_at) FROM commitments), (SELECT max(updated_at) FROM action_plans), \
                  (SELECT max(updated_at) FROM milestones), (SELECT max(created_at) FROM progress_updates)) AS at",
};

pub const MILESTONES: &Source = &Source {
    batch: concat!(
        "SELECT m.id AS key, jsonb_build_object('id', m.id, 'commitment_id', m.commitment_id, 'code', m.code, \
         'title', m.title, 'description', m.description, 'due_date', m.due_date, 'due_period', m.due_period, \
         'status', m.status, 'completion', m.completion, 'position', m.position, 'lang', m.lang, 'created_at', ",
        utc!("m.created_at"),
        ", 'updated_at', ",
        utc!("m.updated_at"),
        ", 'archived_at', ",
        utc!("m.archived_at"),
        ", 'progress', COALESCE((SELECT jsonb_agg(",
        progress_object!(),
        " ORDER BY u.id) FROM progress_updates u WHERE u.milestone_id = m.id), '[]'::jsonb)) AS doc \
         FROM milestones m WHERE m.id > $1 ORDER BY m.id LIMIT $2"
    ),
    last_update: "SELECT greatest((SELECT max(updated_at) FROM milestones), (SELECT max(created_at) FROM progress_updates)) AS at",
};

pub const MILESTONE_PROGRESS: &Source = &Source {
    batch: concat!(
        "SELECT u.id AS key, ",
        progress_object!(),
        " AS doc FROM progress_updates u WHERE u.id > $1 ORDER BY u.id LIMIT $2"
    ),
    last_update: "SELECT max(created_at) AS at FROM progress_updates",
};

pub const FORUMS: &Source = &Source {
    batch: concat!(
        "SELECT f.id AS key, jsonb_build_object('id', f.id, 'slug', f.slug, 'title', f.title, 'theme', f.theme, \
         'description', f.description, 'starts_at', ",
        utc!("f.starts_at"),
        ", 'ends_at', ",
        utc!("f.ends_at"),
        ", 'location', f.location, 'online', f.online_url IS NOT NULL, 'status', f.status, \
         'capacity', f.capacity, 'registered', n.registered, 'waitlisted', n.waitlisted, \
         'checked_in', n.checked_in, 'attendees', fm.attendees_count, \
         'commitment_ids', COALESCE((SELECT jsonb_agg(fc.commitment_id ORDER BY fc.commitment_id) \
            FROM forum_commitments fc WHERE fc.forum_id = f.id), '[]'::jsonb), \
         'cycle_id', f.cycle_id, 'lang', f.lang, 'created_at', ",
        utc!("f.created_at"),
        ", 'updated_at', ",
        utc!("f.updated_at"),
        ", 'archived_at', ",
        utc!("f.archived_at"),
        ") AS doc FROM forums f \
         CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE r.status = 'registered') AS registered, \
            count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted, \
            count(*) FILTER (WHERE r.status = 'registered' AND r.checked_in_at IS NOT NULL) AS checked_in \
            FROM registrations r WHERE r.forum_id = f.id) n \
         LEFT JOIN forum_minutes fm ON fm.forum_id = f.id \
         WHERE f.id > $1 ORDER BY f.id LIMIT $2"
    ),
    last_update: "SELECT max(updated_at) AS at FROM forums",
};

pub const ACTION_ITEMS: &Source = &Source {
    batch: concat!(
        "SELECT a.id AS key, jsonb_build_object('id', a.id, 'forum_id', a.forum_id, 'title', a.title, \
         'description', a.description, 'owner_kind', a.owner_kind, 'owner_institution_id', a.owner_institution_id, \
         'owner_name', CASE WHEN a.owner_kind = 'institution' THEN a.owner_name END, 'due_on', a.due_on, \
         'commitment_id', a.commitment_id, 'milestone_id', a.milestone_id, 'status', a.status, \
         'outcome', a.outcome, 'closed_at', ",
        utc!("a.closed_at"),
        ", 'created_at', ",
        utc!("a.created_at"),
        ", 'updated_at', ",
        utc!("a.updated_at"),
        ", 'history', COALESCE((SELECT jsonb_agg(",
        history_object!(),
        " ORDER BY h.id) FROM action_item_history h WHERE h.action_item_id = a.id), '[]'::jsonb)) AS doc \
         FROM action_items a WHERE a.id > $1 ORDER BY a.id LIMIT $2"
    ),
    last_update: "SELECT max(updated_at) AS at FROM action_items",
};

pub const ACTION_ITEM_HISTORY: &Source = &Source {
    batch: concat!(
        "SELECT h.id AS key, ",
        history_object!(),
        " AS doc FROM action_item_history h WHERE h.id > $1 ORDER BY h.id LIMIT $2"
    ),
    last_update: "SELECT max(changed_at) AS at FROM action_item_history",
};

pub const QUESTIONS: &Source = &Source {
    batch: concat!(
        "SELECT q.id AS key, jsonb_build_object('id', q.id, 'title', q.title, 'body', q.body, \
         'about_kind', s.kind, 'about_id', s.ref_id, 'commitment_id', q.commitment_id, \
         'institution_id', q.institution_id, 'lang', q.lang, 'asked_at', ",
        utc!("q.asked_at"),
        ", 'asked_on', q.asked_on, 'deadline_days', q.deadline_days, 'due_on', q.due_on, \
         'long_due_on', q.long_due_on, \
         'status', CASE WHEN q.answered_on IS NOT NULL THEN 'answered' \
            WHEN q.long_due_on < (SELECT paris_today()) THEN 'long_overdue' \
            WHEN q.due_on < (SELECT paris_today()) THEN 'overdue' ELSE 'awaiting' END, \
         'answered_on', q.answered_on, 'answer_working_days', st.working_days, \
         'answer_on_time', st.on_time, 'answer', st.body, \
         'answers', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', qa.id, 'answered_at', ",
        utc!("qa.answered_at"),
        ", 'answered_on', qa.answered_on, 'working_days', qa.working_days, 'on_time', qa.on_time, \
            'stands', qa.rejected_at IS NULL AND qa.superseded_at IS NULL, 'rejected_at', ",
        utc!("qa.rejected_at"),
        ", 'rejection_note', qa.rejection_note, 'superseded_at', ",
        utc!("qa.superseded_at"),
        ", 'edited_at', ",
        utc!("c.edited_at"),
        ", 'body', c.body) ORDER BY qa.id) \
            FROM question_answers qa JOIN comments c ON c.id = qa.comment_id \
            WHERE qa.question_id = q.id AND qa.hidden_at IS NULL AND c.hidden_at IS NULL AND c.deleted_at IS NULL), \
            '[]'::jsonb)) AS doc \
         FROM questions q JOIN subjects s ON s.id = q.about_id \
         LEFT JOIN LATERAL (SELECT qa.working_days, qa.on_time, c.body FROM question_answers qa \
            JOIN comments c ON c.id = qa.comment_id \
            WHERE qa.question_id = q.id AND qa.rejected_at IS NULL AND qa.superseded_at IS NULL \
              AND qa.hidden_at IS NULL AND c.hidden_at IS NULL AND c.deleted_at IS NULL \
            ORDER BY qa.id DESC LIMIT 1) st ON true \
         WHERE q.id > $1 ORDER BY q.id LIMIT $2"
    ),
    last_update:
        "SELECT greatest((SELECT max(asked_at) FROM questions), (SELECT max(answered_at) FROM question_answers)) AS at",
};

pub const COMMENTS: &Source = &Source {
    batch: concat!(
        "SELECT c.id AS key, jsonb_build_object('id', c.id, 'subject_kind', s.kind, 'subject_id', s.ref_id, \
         'parent_id', c.parent_id, 'author', u.display_name, 'body', c.body, 'on_record', c.on_record, \
         'useful_count', c.useful_count, 'agree_count', c.agree_count, 'disagree_count', c.disagree_count, \
         'created_at', ",
        utc!("c.created_at"),
        ", 'edited_at', ",
        utc!("c.edited_at"),
        ") AS doc FROM comments c JOIN subjects s ON s.id = c.subject_id JOIN users u ON u.id = c.author_id \
         WHERE c.id > $1 AND c.deleted_at IS NULL AND c.hidden_at IS NULL ORDER BY c.id LIMIT $2"
    ),
    last_update: "SELECT max(created_at) AS at FROM comments WHERE deleted_at IS NULL AND hidden_at IS NULL",
};
