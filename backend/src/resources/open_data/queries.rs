//! Where each dataset's rows come from: one statement per dataset that reads a batch of
//! records after a key (`WHERE id > $1 ORDER BY id LIMIT $2`, on the primary key): a column
//! `key`, then one typed column per declared field, named after it and in its order (`rows`
//! checks). Lists and nested histories are JSON; everything else is a plain column, since
//! building a JSON document per row cost PostgreSQL three times the scan and joins (bench row
//! E2). Public records only: no hidden
//! or deleted comment, no hidden answer, no personal data but a comment author's display name.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Nullable, Timestamptz};

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
    /// `$1`: the last key read (0 at first), `$2`: how many; columns `key`, then the fields.
    pub batch: &'static str,
    /// One row, one column `at` (NULL while empty).
    pub last_update: &'static str,
    /// A field the batch answers as an id and the dataset writes as a name (`NameLookup`).
    pub names: Option<&'static NameLookup>,
}

/// A field that names another record: the batch statement answers the record's id in its
/// column, and the name is read once per download (`rows::Names`) rather than joined on every
/// row. The comments' authors are the case: 1,000,000 comments by 10,000 people cost
/// PostgreSQL one index probe into `users` per comment when joined (a memoize cache that
/// missed 95 % of the time, most of each batch's time), 10,000 in all when looked up
/// (bench row E2).
pub struct NameLookup {
    /// The declared field whose column holds the id.
    pub field: &'static str,
    /// `$1`: the ids (bigint[]); columns `id` and `name`.
    pub sql: &'static str,
}

/// Where a dataset's rows come from.
pub enum Rows {
    Sql(&'static Source),
    /// The responsiveness records, as `questions::record` computes them for the API.
    Institutions,
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

/// The institutions' responsiveness records after the key `after`, computed as the API computes
/// them: each with its key and its fields by name.
pub fn institutions_batch(
    conn: &mut PgConnection,
    after: i64,
    limit: i64,
) -> QueryResult<Vec<(i64, serde_json::Value)>> {
    let refs: Vec<InstitutionRef> = institutions::table
        .filter(institutions::id.gt(InstitutionId(after)))
        .order(institutions::id)
        .limit(limit)
        .select(InstitutionRef::as_select())
        .load(conn)?;
    Ok(record::records(conn, refs)?
        .into_iter()
        .map(|r| {
            (
                r.institution.id,
                serde_json::json!({
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
            )
        })
        .collect())
}

pub const ACTION_PLANS: &Source = &Source {
    batch: "SELECT p.id AS key, p.id, p.slug, p.country, p.title, p.period_start, p.period_end, p.description, \
            p.lang, p.created_at, p.updated_at \
            FROM action_plans p WHERE p.id > $1 ORDER BY p.id LIMIT $2",
    last_update: "SELECT max(updated_at) AS at FROM action_plans",
    names: None,
};

pub const COMMITMENTS: &Source = &Source {
    batch: "SELECT c.id AS key, c.id, c.code, c.action_plan_id, c.number, c.title, c.summary, c.description, \
            to_json(c.policy_areas) AS policy_areas, c.lead_institution, \
            to_json(c.support_institutions) AS support_institutions, \
            to_json(c.ogp_principles) AS ogp_principles, to_json(c.ambitions) AS ambitions, c.status, c.starred, \
            c.start_year, c.end_year, c.irm_starred, c.irm_verifiable, to_json(c.irm_relevance) AS irm_relevance, \
            c.irm_potential_impact, c.irm_completion, c.irm_early_results, c.lang, c.created_at, c.updated_at, \
            c.archived_at \
            FROM commitments c WHERE c.id > $1 ORDER BY c.id LIMIT $2",
    last_update: "SELECT max(updated_at) AS at FROM commitments",
    names: None,
};

/// Whether a commitment the IRM reviewed is relevant to an OGP value (`Yes`, `No`), by the
/// start of the value's name in `irm_relevance` as the IRM publishes it; NULL when no review is
/// recorded (neither a report nor a relevance).
macro_rules! ogp_value {
    ($prefix:literal, $column:literal) => {
        concat!(
            "CASE WHEN c.irm_report IS NULL AND cardinality(c.irm_relevance) = 0 THEN NULL \
             WHEN EXISTS (SELECT 1 FROM unnest(c.irm_relevance) v WHERE lower(v) LIKE '",
            $prefix,
            "%') THEN 'Yes' ELSE 'No' END AS \"",
            $column,
            "\""
        )
    };
}

/// Commitments in OGP's layout (see `datasets::OGP_FIELDS` for where each column comes from).
/// Completion, when the IRM's is not recorded: the milestones' completion levels (from their
/// latest progress update), withdrawn and archived milestones aside, in OGP's words; NULL when
/// there is nothing to go on (no milestone, or no evidence on any).
pub const OGP_COMMITMENTS: &Source = &Source {
    batch: concat!(
        "SELECT c.id AS key, c.code AS \"Commitment Unique Identifier\", p.country AS \"Country/Locality\", \
         (SELECT count(*) FROM action_plans o WHERE o.country = p.country \
            AND (o.period_start, o.id) <= (p.period_start, p.id)) AS \"Action Plan Number\", \
         c.number AS \"Commitment Number\", c.title AS \"Commitment Title\", NULL::text AS \"Short Title\", \
         COALESCE(c.description, c.summary) AS \"Full Text\", \
         NULLIF(array_to_string(c.policy_areas, '; '), '') AS \"Theme\", \
         p.period_start AS \"Year Of Submission\", c.lead_institution AS \"Lead Institution\", \
         NULLIF(array_to_string(c.support_institutions, '; '), '') AS \"Supporting Institution(s)\", ",
        ogp_value!("access to information", "OGP Value Access To Information"),
        ", ",
        ogp_value!("civic participation", "OGP Value Civic Participation"),
        ", ",
        ogp_value!("public accountability", "OGP Value Public Accountability"),
        ", ",
        ogp_value!("technology", "OGP Value Technology"),
        ", NULL::text AS \"Specificity\", c.irm_potential_impact AS \"Potential Impact\", \
         COALESCE(c.irm_completion, ms.completion) AS \"Completion\", \
         c.irm_early_results AS \"Did It Open Government\", \
         COALESCE(c.irm_starred, CASE WHEN c.starred THEN 'Yes' END) AS \"Star\" \
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
    names: None,
};

pub const MILESTONES: &Source = &Source {
    batch: concat!(
        "SELECT m.id AS key, m.id, m.commitment_id, m.code, m.title, m.description, m.due_date, m.due_period, \
         m.status, m.completion, m.position, m.lang, m.created_at, m.updated_at, m.archived_at, \
         COALESCE((SELECT jsonb_agg(",
        progress_object!(),
        " ORDER BY u.id) FROM progress_updates u WHERE u.milestone_id = m.id), '[]'::jsonb) AS progress \
         FROM milestones m WHERE m.id > $1 ORDER BY m.id LIMIT $2"
    ),
    last_update: "SELECT greatest((SELECT max(updated_at) FROM milestones), (SELECT max(created_at) FROM progress_updates)) AS at",
    names: None,
};

pub const MILESTONE_PROGRESS: &Source = &Source {
    batch: "SELECT u.id AS key, u.id, u.milestone_id, u.as_of, u.status, u.completion, u.note, u.evidence, \
            u.corrects_id, u.institution_id, u.created_at \
            FROM progress_updates u WHERE u.id > $1 ORDER BY u.id LIMIT $2",
    last_update: "SELECT max(created_at) AS at FROM progress_updates",
    names: None,
};

pub const FORUMS: &Source = &Source {
    batch: "SELECT f.id AS key, f.id, f.slug, f.title, f.theme, f.description, f.starts_at, f.ends_at, f.location, \
            f.online_url IS NOT NULL AS online, f.status, f.capacity, n.registered, n.waitlisted, n.checked_in, \
            fm.attendees_count AS attendees, \
            COALESCE((SELECT jsonb_agg(fc.commitment_id ORDER BY fc.commitment_id) \
               FROM forum_commitments fc WHERE fc.forum_id = f.id), '[]'::jsonb) AS commitment_ids, \
            f.cycle_id, f.lang, f.created_at, f.updated_at, f.archived_at \
            FROM forums f \
            CROSS JOIN LATERAL (SELECT count(*) FILTER (WHERE r.status = 'registered') AS registered, \
               count(*) FILTER (WHERE r.status = 'waitlisted') AS waitlisted, \
               count(*) FILTER (WHERE r.status = 'registered' AND r.checked_in_at IS NOT NULL) AS checked_in \
               FROM registrations r WHERE r.forum_id = f.id) n \
            LEFT JOIN forum_minutes fm ON fm.forum_id = f.id \
            WHERE f.id > $1 ORDER BY f.id LIMIT $2",
    last_update: "SELECT max(updated_at) AS at FROM forums",
    names: None,
};

pub const ACTION_ITEMS: &Source = &Source {
    batch: concat!(
        "SELECT a.id AS key, a.id, a.forum_id, a.title, a.description, a.owner_kind, a.owner_institution_id, \
         CASE WHEN a.owner_kind = 'institution' THEN a.owner_name END AS owner_name, a.due_on, a.commitment_id, \
         a.milestone_id, a.status, a.outcome, a.closed_at, a.created_at, a.updated_at, \
         COALESCE((SELECT jsonb_agg(",
        history_object!(),
        " ORDER BY h.id) FROM action_item_history h WHERE h.action_item_id = a.id), '[]'::jsonb) AS history \
         FROM action_items a WHERE a.id > $1 ORDER BY a.id LIMIT $2"
    ),
    last_update: "SELECT max(updated_at) AS at FROM action_items",
    names: None,
};

pub const ACTION_ITEM_HISTORY: &Source = &Source {
    batch: "SELECT h.id AS key, h.id, h.action_item_id, h.status, h.note, h.outcome, h.changed_at \
            FROM action_item_history h WHERE h.id > $1 ORDER BY h.id LIMIT $2",
    last_update: "SELECT max(changed_at) AS at FROM action_item_history",
    names: None,
};

pub const QUESTIONS: &Source = &Source {
    batch: concat!(
        "SELECT q.id AS key, q.id, q.title, q.body, s.kind AS about_kind, s.ref_id AS about_id, q.commitment_id, \
         q.institution_id, q.lang, q.asked_at, q.asked_on, q.deadline_days, q.due_on, q.long_due_on, \
         CASE WHEN q.answered_on IS NOT NULL THEN 'answered' \
            WHEN q.long_due_on < (SELECT paris_today()) THEN 'long_overdue' \
            WHEN q.due_on < (SELECT paris_today()) THEN 'overdue' ELSE 'awaiting' END AS status, \
         q.answered_on, st.working_days AS answer_working_days, st.on_time AS answer_on_time, st.body AS answer, \
         COALESCE((SELECT jsonb_agg(jsonb_build_object('id', qa.id, 'answered_at', ",
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
            '[]'::jsonb) AS answers \
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
    names: None,
};

pub const PROPOSALS: &Source = &Source {
    batch: "SELECT p.id AS key, p.id, p.action_plan_id, p.title, p.problem, p.solution, p.theme, p.commitment_id, \
            p.possible_lead, p.origin, p.forum_id, p.support_count::int8 AS support_count, p.state, p.reason, \
            p.responded_at, p.merged_into_id, \
            COALESCE((SELECT json_agg(pc.commitment_id ORDER BY pc.commitment_id) FROM proposal_commitments pc \
                      WHERE pc.proposal_id = p.id), '[]'::json) AS became, \
            p.lang, p.created_at, p.updated_at \
            FROM proposals p WHERE p.id > $1 ORDER BY p.id LIMIT $2",
    last_update: "SELECT max(updated_at) AS at FROM proposals",
    names: None,
};

pub const COMMENTS: &Source = &Source {
    // `author` is the author's id here, their display name in the dataset (`names`).
    batch: "SELECT c.id AS key, c.id, s.kind AS subject_kind, s.ref_id AS subject_id, c.parent_id, \
            c.author_id AS author, c.body, c.on_record, c.useful_count, c.agree_count, c.disagree_count, \
            c.created_at, c.edited_at \
            FROM comments c JOIN subjects s ON s.id = c.subject_id \
            WHERE c.id > $1 AND c.deleted_at IS NULL AND c.hidden_at IS NULL ORDER BY c.id LIMIT $2",
    last_update: "SELECT max(created_at) AS at FROM comments WHERE deleted_at IS NULL AND hidden_at IS NULL",
    names: Some(&NameLookup { field: "author", sql: "SELECT id, display_name AS name FROM users WHERE id = ANY($1)" }),
};
