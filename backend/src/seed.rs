//! `opendetat seed`: loads the two French action plans (2015–2017, 2018–2020), their 50
//! commitments, FR0041 in full with milestones 12.1–12.4, and a few demo forums, accounts and
//! comments, from `seed/seed.json` (compiled in). Idempotent: what exists is left untouched.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use serde::Deserialize;

use crate::auth::password;
use crate::db::schema::{
    action_plans, comments, commitments, format_versions, formats, forum_commitments, forums, institutions, milestones,
    users,
};
use crate::markdown;
use crate::types::{CommitmentStatus, ForumStatus, Locale, MilestoneStatus, Role};

const SEED_JSON: &str = include_str!("../seed/seed.json");

/// Password of the demo accounts, set only in dev mode (documented in the README).
pub const DEMO_PASSWORD: &str = "opendetat-demo-2026";

#[derive(Deserialize)]
struct SeedFile {
    action_plans: Vec<SeedPlan>,
    commitments: Vec<SeedCommitment>,
    institutions: Vec<SeedInstitution>,
    users: Vec<SeedUser>,
    questions: Vec<SeedQuestion>,
    formats: Vec<SeedFormat>,
    forums: Vec<SeedForum>,
    comments: Vec<SeedComment>,
    minutes: Vec<SeedMinutes>,
    cycles: Vec<SeedCycle>,
    feedback: Vec<SeedFeedback>,
    action_items: Vec<SeedActionItem>,
}

/// Feedback given anonymously (no account: as after an erasure), for the demo's results.
#[derive(Deserialize)]
struct SeedFeedback {
    forum: String,
    answers: Vec<SeedAnswer>,
}

#[derive(Deserialize)]
struct SeedAnswer {
    key: String,
    rating: Option<i32>,
    text: Option<String>,
    #[serde(default)]
    approved: bool,
}

#[derive(Deserialize)]
struct SeedCycle {
    slug: String,
    title: String,
    description: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    commitments: Vec<String>,
    forums: Vec<String>,
}

#[derive(Deserialize)]
struct SeedMinutes {
    forum: String,
    attendees_count: i32,
    organisations: Vec<String>,
    links: serde_json::Value,
    body: String,
}

#[derive(Deserialize)]
struct SeedActionItem {
    forum: String,
    title: String,
    description: String,
    owner: SeedOwner,
    due_on: NaiveDate,
    commitment: String,
    /// The steps after the first `open`.
    history: Vec<SeedActionStep>,
}

/// One status change of a seeded action item: (status, note, outcome, at), as a JSON array.
type SeedActionStep = (String, Option<String>, Option<String>, DateTime<Utc>);

#[derive(Deserialize)]
struct SeedOwner {
    kind: String,
    name: String,
}

#[derive(Deserialize)]
struct SeedFormat {
    slug: String,
    name: String,
    versions: Vec<SeedFormatVersion>,
}

#[derive(Deserialize)]
struct SeedFormatVersion {
    published_at: DateTime<Utc>,
    change_note: Option<String>,
    content: crate::resources::formats::FormatContent,
}

#[derive(Deserialize)]
struct SeedFormatRef {
    slug: String,
    version: i32,
}

#[derive(Deserialize, Insertable)]
#[diesel(table_name = action_plans)]
struct SeedPlan {
    slug: String,
    country: String,
    title: String,
    period_start: i32,
    period_end: i32,
    description: Option<String>,
}

#[derive(Deserialize)]
struct SeedCommitment {
    code: String,
    action_plan: String,
    number: i32,
    title: String,
    policy_areas: Vec<String>,
    starred: bool,
    status: CommitmentStatus,
    summary: Option<String>,
    description: Option<String>,
    lead_institution: Option<String>,
    support_institutions: Vec<String>,
    ogp_principles: Vec<String>,
    ambitions: Vec<String>,
    irm: Option<SeedIrm>,
    start_year: Option<i32>,
    end_year: Option<i32>,
    milestones: Vec<SeedMilestone>,
}

#[derive(Deserialize, Default)]
struct SeedIrm {
    report: Option<String>,
    starred: Option<String>,
    early_results: Option<String>,
    verifiable: Option<bool>,
    relevance: Vec<String>,
    potential_impact: Option<String>,
    completion: Option<String>,
    analysis: Option<String>,
}

#[derive(Deserialize)]
struct SeedMilestone {
    code: String,
    title: String,
    description: Option<String>,
    due_period: Option<String>,
    due_date: Option<NaiveDate>,
    status: MilestoneStatus,
}

#[derive(Deserialize)]
struct SeedUser {
    email: String,
    display_name: String,
    role: Role,
    organisation: Option<String>,
    /// The name of the institution the account speaks for.
    institution: Option<String>,
}

/// A question to a commitment's lead institution, answered or not.
#[derive(Deserialize)]
struct SeedQuestion {
    commitment: String,
    asker: String,
    asked_on: chrono::NaiveDate,
    title: String,
    body: String,
    answer: Option<SeedQuestionAnswer>,
}

#[derive(Deserialize)]
struct SeedQuestionAnswer {
    by: String,
    answered_on: chrono::NaiveDate,
    body: String,
}

/// What the seed knows of an institution its commitments name (kind, website).
#[derive(Deserialize)]
struct SeedInstitution {
    slug: String,
    name: String,
    kind: crate::types::InstitutionKind,
    website: Option<String>,
    lang: Locale,
}

#[derive(Deserialize)]
struct SeedForum {
    slug: String,
    title: String,
    theme: String,
    description: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    location: Option<String>,
    online_url: Option<String>,
    capacity: Option<i32>,
    status: ForumStatus,
    commitments: Vec<String>,
    format: Option<SeedFormatRef>,
}

#[derive(Deserialize)]
struct SeedComment {
    key: String,
    target: SeedTarget,
    author: String,
    parent: Option<String>,
    body: String,
    created_at: DateTime<Utc>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SeedTarget {
    Forum(String),
    Commitment(String),
    /// `FR0041/12.2`
    Milestone(String),
}

/// What a seed run inserted (zero everywhere on a second run).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub action_plans: usize,
    pub commitments: usize,
    pub milestones: usize,
    pub users: usize,
    pub forums: usize,
    pub comments: usize,
}

/// Loads the seed in one transaction. Demo accounts get `DEMO_PASSWORD` when `dev` is true,
/// and a hash no password matches otherwise.
pub fn run(conn: &mut PgConnection, dev: bool) -> Result<SeedReport, String> {
    let seed: SeedFile = serde_json::from_str(SEED_JSON).map_err(|e| format!("seed.json is invalid: {e}"))?;
    let demo_hash = if dev { password::hash(DEMO_PASSWORD)? } else { password::UNUSABLE_HASH.to_string() };
    conn.transaction(|conn| load(conn, &seed, &demo_hash))
        .map_err(|e: diesel::result::Error| format!("seed failed: {e}"))
}

fn load(conn: &mut PgConnection, seed: &SeedFile, demo_hash: &str) -> QueryResult<SeedReport> {
    let mut report = SeedReport::default();
    for plan in &seed.action_plans {
        report.action_plans += diesel::insert_into(action_plans::table)
            .values((plan, action_plans::lang.eq(Locale::En)))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    let plan_ids: HashMap<String, i64> =
        action_plans::table.select((action_plans::slug, action_plans::id)).load(conn)?.into_iter().collect();

    for c in &seed.commitments {
        let irm = c.irm.as_ref();
        let plan_id = *plan_ids.get(&c.action_plan).ok_or(diesel::result::Error::NotFound)?;
        report.commitments += diesel::insert_into(commitments::table)
            .values((
                commitments::action_plan_id.eq(plan_id),
                commitments::code.eq(&c.code),
                commitments::number.eq(c.number),
                commitments::title.eq(&c.title),
                commitments::summary.eq(&c.summary),
                commitments::description.eq(&c.description),
                commitments::description_html.eq(c.description.as_deref().map(markdown::render)),
                commitments::policy_areas.eq(&c.policy_areas),
                commitments::lead_institution.eq(&c.lead_institution),
                commitments::support_institutions.eq(&c.support_institutions),
                commitments::ogp_principles.eq(&c.ogp_principles),
                commitments::ambitions.eq(&c.ambitions),
                commitments::status.eq(c.status),
                commitments::starred.eq(c.starred),
                commitments::start_year.eq(c.start_year),
                commitments::end_year.eq(c.end_year),
                commitments::lang.eq(Locale::En),
                (
                    commitments::irm_report.eq(irm.and_then(|i| i.report.clone())),
                    commitments::irm_starred.eq(irm.and_then(|i| i.starred.clone())),
                    commitments::irm_early_results.eq(irm.and_then(|i| i.early_results.clone())),
                    commitments::irm_verifiable.eq(irm.and_then(|i| i.verifiable)),
                    commitments::irm_relevance.eq(irm.map(|i| i.relevance.clone()).unwrap_or_default()),
                    commitments::irm_potential_impact.eq(irm.and_then(|i| i.potential_impact.clone())),
                    commitments::irm_completion.eq(irm.and_then(|i| i.completion.clone())),
                    commitments::irm_analysis.eq(irm.and_then(|i| i.analysis.clone())),
                    commitments::irm_analysis_html.eq(irm.and_then(|i| i.analysis.as_deref()).map(markdown::render)),
                ),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    let commitment_ids: HashMap<String, i64> =
        commitments::table.select((commitments::code, commitments::id)).load(conn)?.into_iter().collect();

    for c in &seed.commitments {
        let commitment_id = commitment_ids[&c.code];
        for (i, m) in c.milestones.iter().enumerate() {
            report.milestones += diesel::insert_into(milestones::table)
                .values((
                    milestones::commitment_id.eq(commitment_id),
                    milestones::code.eq(&m.code),
                    milestones::title.eq(&m.title),
                    milestones::description.eq(&m.description),
                    milestones::description_html.eq(m.description.as_deref().map(markdown::render)),
                    milestones::due_date.eq(m.due_date),
                    milestones::due_period.eq(&m.due_period),
                    milestones::status.eq(m.status),
                    milestones::baseline_completion.eq(m.status.baseline_completion()),
                    milestones::completion.eq(m.status.baseline_completion()),
                    milestones::position.eq(i as i32 + 1),
                    milestones::lang.eq(Locale::En),
                ))
                .on_conflict_do_nothing()
                .execute(conn)?;
        }
    }

    // The institutions the commitments name become records, then take what the seed says of them.
    diesel::sql_query("SELECT institutions_from_text()").execute(conn)?;
    for i in &seed.institutions {
        diesel::update(
            institutions::table.filter(
                diesel::dsl::sql::<diesel::sql_types::Bool>("lower(name) = lower(")
                    .bind::<diesel::sql_types::Text, _>(&i.name)
                    .sql(")"),
            ),
        )
        .set((
            institutions::slug.eq(&i.slug),
            institutions::kind.eq(i.kind),
            institutions::website.eq(&i.website),
            institutions::lang.eq(i.lang),
        ))
        .execute(conn)?;
    }

    for u in &seed.users {
        report.users += diesel::insert_into(users::table)
            .values((
                users::email.eq(&u.email),
                users::display_name.eq(&u.display_name),
                users::password_hash.eq(demo_hash),
                users::role.eq(u.role),
                users::organisation.eq(&u.organisation),
                // Demo accounts post at once: their addresses are not real ones to confirm.
                users::email_verified_at.eq(Some(Utc::now())),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    let mut user_ids: HashMap<String, i64> = HashMap::new();
    for u in &seed.users {
        let user = crate::auth::user::find_by_email(conn, &u.email)?.ok_or(diesel::result::Error::NotFound)?;
        user_ids.insert(u.email.clone(), user.id.get());
        if let Some(name) = &u.institution {
            diesel::update(users::table.find(user.id))
                .set(users::institution_id.eq(
                    institutions::table.filter(institutions::name.eq(name)).select(institutions::id).single_value(),
                ))
                .execute(conn)?;
        }
    }

    for format in &seed.formats {
        let id = diesel::insert_into(formats::table)
            .values((
                formats::slug.eq(&format.slug),
                formats::name.eq(&format.name),
                formats::lang.eq(Locale::Fr),
                formats::latest_version.eq(format.versions.len() as i32),
            ))
            .on_conflict_do_nothing()
            .returning(formats::id)
            .get_result::<crate::db::ids::FormatId>(conn)
            .optional()?;
        if let Some(id) = id {
            for (n, v) in format.versions.iter().enumerate() {
                let mut version = crate::resources::formats::queries::new_version(
                    id,
                    n as i32 + 1,
                    Locale::Fr,
                    v.content.clone(),
                    v.change_note.clone(),
                    None,
                );
                version.published_at = Some(v.published_at);
                diesel::insert_into(format_versions::table).values(version).execute(conn)?;
            }
        }
    }

    for f in &seed.forums {
        let format_version_id = match &f.format {
            Some(r) => Some(
                crate::resources::formats::queries::version_for_forum(
                    conn,
                    &crate::resources::formats::FormatChoice { slug: r.slug.clone(), version: Some(r.version) },
                )
                .map_err(|_| diesel::result::Error::NotFound)?,
            ),
            None => None,
        };
        let inserted = diesel::insert_into(forums::table)
            .values((
                forums::slug.eq(&f.slug),
                forums::title.eq(&f.title),
                forums::theme.eq(&f.theme),
                forums::description.eq(&f.description),
                forums::description_html.eq(markdown::render(&f.description)),
                forums::starts_at.eq(f.starts_at),
                forums::ends_at.eq(f.ends_at),
                forums::location.eq(&f.location),
                forums::online_url.eq(&f.online_url),
                forums::capacity.eq(f.capacity),
                forums::status.eq(f.status),
                forums::format_version_id.eq(format_version_id),
            ))
            .on_conflict_do_nothing()
            .returning(forums::id)
            .get_result::<i64>(conn)
            .optional()?;
        if let Some(forum_id) = inserted {
            report.forums += 1;
            for code in &f.commitments {
                diesel::insert_into(forum_commitments::table)
                    .values((
                        forum_commitments::forum_id.eq(forum_id),
                        forum_commitments::commitment_id.eq(commitment_ids[code]),
                    ))
                    .on_conflict_do_nothing()
                    .execute(conn)?;
            }
        }
    }
    let forum_ids: HashMap<String, i64> =
        forums::table.select((forums::slug, forums::id)).load(conn)?.into_iter().collect();
    let milestone_ids: HashMap<(i64, String), i64> = milestones::table
        .select((milestones::commitment_id, milestones::code, milestones::id))
        .load::<(i64, String, i64)>(conn)?
        .into_iter()
        .map(|(c, code, id)| ((c, code), id))
        .collect();

    // Comments have no natural key: one is "the same" when author, target and text match.
    let mut comment_ids: HashMap<&str, (i64, i64, i32)> = HashMap::new(); // key → (id, root, depth)
    for c in &seed.comments {
        let author_id = user_ids[&c.author];
        let subject_id: i64 = match &c.target {
            SeedTarget::Forum(slug) => forums::table.find(forum_ids[slug]).select(forums::subject_id).first(conn)?,
            SeedTarget::Commitment(code) => {
                commitments::table.find(commitment_ids[code]).select(commitments::subject_id).first(conn)?
            }
            SeedTarget::Milestone(path) => {
                let (code, m) = path.split_once('/').ok_or(diesel::result::Error::NotFound)?;
                milestones::table
                    .find(milestone_ids[&(commitment_ids[code], m.to_string())])
                    .select(milestones::subject_id)
                    .first(conn)?
            }
        };
        let existing: Option<(i64, Option<i64>, i32)> = comments::table
            .filter(comments::author_id.eq(author_id))
            .filter(comments::body.eq(&c.body))
            .filter(comments::subject_id.eq(subject_id))
            .select((comments::id, comments::root_id, comments::depth))
            .first(conn)
            .optional()?;
        if let Some((id, root, depth)) = existing {
            comment_ids.insert(&c.key, (id, root.unwrap_or(id), depth));
            continue;
        }
        let parent = c.parent.as_deref().map(|k| comment_ids[k]);
        let id: i64 = diesel::insert_into(comments::table)
            .values((
                comments::subject_id.eq(subject_id),
                comments::parent_id.eq(parent.map(|p| p.0)),
                comments::root_id.eq(parent.map(|p| p.1)),
                comments::depth.eq(parent.map_or(0, |p| p.2 + 1)),
                comments::author_id.eq(author_id),
                comments::body.eq(&c.body),
                comments::body_html.eq(markdown::render(&c.body)),
                comments::created_at.eq(c.created_at),
            ))
            .returning(comments::id)
            .get_result(conn)?;
        if let Some((pid, _, _)) = parent {
            diesel::update(comments::table.find(pid))
                .set(comments::reply_count.eq(comments::reply_count + 1))
                .execute(conn)?;
        }
        report.comments += 1;
        comment_ids.insert(&c.key, (id, parent.map_or(id, |p| p.1), parent.map_or(0, |p| p.2 + 1)));
    }
    load_minutes_and_actions(conn, seed, &forum_ids, &commitment_ids)?;
    load_cycles(conn, seed, &forum_ids, &commitment_ids)?;
    load_feedback(conn, seed, &forum_ids)?;
    load_questions(conn, seed, &commitment_ids, &user_ids)?;
    Ok(report)
}

/// The demo questions (by title: loaded once), dated as the seed says, with the deadline the
/// platform gives by default; answers as replies marked as the answer.
fn load_questions(
    conn: &mut PgConnection,
    seed: &SeedFile,
    commitment_ids: &HashMap<String, i64>,
    user_ids: &HashMap<String, i64>,
) -> QueryResult<()> {
    use crate::db::schema::{question_answers, questions};
    let cal = crate::workdays::WorkingCalendar::default();
    let days = 15u32;
    for q in &seed.questions {
        let exists = questions::table.filter(questions::title.eq(&q.title)).count().get_result::<i64>(conn)? > 0;
        if exists {
            continue;
        }
        let commitment = commitment_ids[&q.commitment];
        let about: i64 = commitments::table.find(commitment).select(commitments::subject_id).first(conn)?;
        let institution: i64 = crate::db::schema::commitment_institutions::table
            .filter(crate::db::schema::commitment_institutions::commitment_id.eq(commitment))
            .filter(crate::db::schema::commitment_institutions::lead)
            .select(crate::db::schema::commitment_institutions::institution_id)
            .first(conn)?;
        let asked_at = q.asked_on.and_hms_opt(9, 30, 0).expect("a time").and_utc();
        let (id, subject): (i64, i64) = diesel::insert_into(questions::table)
            .values((
                questions::about_id.eq(about),
                questions::commitment_id.eq(Some(commitment)),
                questions::institution_id.eq(institution),
                questions::asked_by.eq(Some(user_ids[&q.asker])),
                questions::title.eq(&q.title),
                questions::body_html.eq(markdown::render(&q.body)),
                questions::body.eq(&q.body),
                questions::asked_at.eq(asked_at),
                questions::asked_on.eq(q.asked_on),
                questions::deadline_days.eq(days as i32),
                questions::due_on.eq(cal.add_working_days(q.asked_on, days)),
                questions::long_due_on.eq(cal.add_working_days(q.asked_on, 2 * days)),
            ))
            .returning((questions::id, questions::subject_id))
            .get_result(conn)?;
        if let Some(a) = &q.answer {
            let comment: i64 = diesel::insert_into(comments::table)
                .values((
                    comments::subject_id.eq(subject),
                    comments::depth.eq(0),
                    comments::author_id.eq(user_ids[&a.by]),
                    comments::body.eq(&a.body),
                    comments::body_html.eq(markdown::render(&a.body)),
                    comments::created_at.eq(a.answered_on.and_hms_opt(14, 0, 0).expect("a time").and_utc()),
                ))
                .returning(comments::id)
                .get_result(conn)?;
            diesel::insert_into(question_answers::table)
                .values((
                    question_answers::question_id.eq(id),
                    question_answers::comment_id.eq(comment),
                    question_answers::institution_id.eq(institution),
                    question_answers::answered_by.eq(Some(user_ids[&a.by])),
                    question_answers::answered_at.eq(a.answered_on.and_hms_opt(14, 0, 0).expect("a time").and_utc()),
                    question_answers::answered_on.eq(a.answered_on),
                    question_answers::working_days.eq(cal.working_days_between(q.asked_on, a.answered_on)),
                    question_answers::on_time.eq(a.answered_on <= cal.add_working_days(q.asked_on, days)),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The demo feedback (only on forums that have none yet).
fn load_feedback(conn: &mut PgConnection, seed: &SeedFile, forum_ids: &HashMap<String, i64>) -> QueryResult<()> {
    use crate::db::schema::{feedback, feedback_answers};
    let answered: Vec<i64> = feedback::table.select(feedback::forum_id).distinct().load(conn)?;
    for f in seed.feedback.iter().filter(|f| !answered.contains(&forum_ids[&f.forum])) {
        let forum_id = forum_ids[&f.forum];
        let Some(version): Option<i64> = forums::table.find(forum_id).select(forums::format_version_id).first(conn)?
        else {
            continue;
        };
        let id: i64 = diesel::insert_into(feedback::table)
            .values((feedback::forum_id.eq(forum_id), feedback::format_version_id.eq(version)))
            .returning(feedback::id)
            .get_result(conn)?;
        for a in &f.answers {
            diesel::insert_into(feedback_answers::table)
                .values((
                    feedback_answers::feedback_id.eq(id),
                    feedback_answers::question_key.eq(&a.key),
                    feedback_answers::rating.eq(a.rating),
                    feedback_answers::text.eq(&a.text),
                    feedback_answers::approved_at.eq(if a.approved { Some(Utc::now()) } else { None }),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The cycles, their commitments, and their forums (forums in no cycle yet only).
fn load_cycles(
    conn: &mut PgConnection,
    seed: &SeedFile,
    forum_ids: &HashMap<String, i64>,
    commitment_ids: &HashMap<String, i64>,
) -> QueryResult<()> {
    use crate::db::schema::{cycle_commitments, cycles};
    for c in &seed.cycles {
        let Some(id) = diesel::insert_into(cycles::table)
            .values((
                cycles::slug.eq(&c.slug),
                cycles::title.eq(&c.title),
                cycles::description.eq(&c.description),
                cycles::description_html.eq(markdown::render(&c.description)),
                cycles::starts_on.eq(c.starts_on),
                cycles::ends_on.eq(c.ends_on),
            ))
            .on_conflict_do_nothing()
            .returning(cycles::id)
            .get_result::<i64>(conn)
            .optional()?
        else {
            continue;
        };
        for code in &c.commitments {
            diesel::insert_into(cycle_commitments::table)
                .values((cycle_commitments::cycle_id.eq(id), cycle_commitments::commitment_id.eq(commitment_ids[code])))
                .execute(conn)?;
        }
        let ids: Vec<i64> = c.forums.iter().map(|s| forum_ids[s]).collect();
        diesel::update(forums::table.filter(forums::id.eq_any(ids)).filter(forums::cycle_id.is_null()))
            .set(forums::cycle_id.eq(id))
            .execute(conn)?;
    }
    Ok(())
}

/// The held forums' minutes and action items, with their histories (only for forums that have
/// none yet).
fn load_minutes_and_actions(
    conn: &mut PgConnection,
    seed: &SeedFile,
    forum_ids: &HashMap<String, i64>,
    commitment_ids: &HashMap<String, i64>,
) -> QueryResult<()> {
    use crate::db::schema::{action_item_history, action_items, forum_minutes};
    for m in &seed.minutes {
        diesel::insert_into(forum_minutes::table)
            .values((
                forum_minutes::forum_id.eq(forum_ids[&m.forum]),
                forum_minutes::body.eq(&m.body),
                forum_minutes::body_html.eq(markdown::render(&m.body)),
                forum_minutes::attendees_count.eq(m.attendees_count),
                forum_minutes::organisations.eq(&m.organisations),
                forum_minutes::links.eq(&m.links),
            ))
            .on_conflict_do_nothing()
            .execute(conn)?;
    }
    let seeded: Vec<i64> = action_items::table.select(action_items::forum_id).distinct().load(conn)?;
    for a in seed.action_items.iter().filter(|a| !seeded.contains(&forum_ids[&a.forum])) {
        let forum_id = forum_ids[&a.forum];
        let opened: DateTime<Utc> = forums::table.find(forum_id).select(forums::ends_at).first(conn)?;
        let last = a.history.last();
        let closed = last.filter(|(s, ..)| s == "done" || s == "dropped");
        let id: i64 = diesel::insert_into(action_items::table)
            .values((
                action_items::forum_id.eq(forum_id),
                action_items::title.eq(&a.title),
                action_items::description.eq(&a.description),
                action_items::description_html.eq(markdown::render(&a.description)),
                action_items::owner_kind.eq(&a.owner.kind),
                action_items::owner_name.eq(&a.owner.name),
                action_items::due_on.eq(a.due_on),
                action_items::commitment_id.eq(commitment_ids[&a.commitment]),
                action_items::status.eq(last.map_or("open", |(s, ..)| s.as_str())),
                action_items::outcome.eq(closed.and_then(|(_, _, o, _)| o.clone())),
                action_items::closed_at.eq(closed.map(|(.., at)| *at)),
                action_items::created_at.eq(opened),
                action_items::updated_at.eq(last.map_or(opened, |(.., at)| *at)),
            ))
            .returning(action_items::id)
            .get_result(conn)?;
        let mut entries = vec![("open".to_string(), None, None, opened)];
        entries.extend(a.history.iter().cloned());
        for (status, note, outcome, at) in entries {
            diesel::insert_into(action_item_history::table)
                .values((
                    action_item_history::action_item_id.eq(id),
                    action_item_history::status.eq(status),
                    action_item_history::note.eq(note),
                    action_item_history::outcome.eq(outcome),
                    action_item_history::changed_at.eq(at),
                ))
                .execute(conn)?;
        }
    }
    Ok(())
}

/// Marks the texts that came from the OGP (action plans, commitments, milestones) as English,
/// in databases seeded before records carried their language (a data fix-up, run once).
pub fn mark_english(conn: &mut PgConnection) -> QueryResult<usize> {
    let seed: SeedFile =
        serde_json::from_str(SEED_JSON).map_err(|e| diesel::result::Error::DeserializationError(Box::new(e)))?;
    let slugs: Vec<&str> = seed.action_plans.iter().map(|p| p.slug.as_str()).collect();
    let codes: Vec<&str> = seed.commitments.iter().map(|c| c.code.as_str()).collect();
    let plans = diesel::update(action_plans::table.filter(action_plans::slug.eq_any(&slugs)))
        .set(action_plans::lang.eq(Locale::En))
        .execute(conn)?;
    let commitment_ids = commitments::table.filter(commitments::code.eq_any(&codes)).select(commitments::id);
    let milestones = diesel::update(milestones::table.filter(milestones::commitment_id.eq_any(commitment_ids)))
        .set(milestones::lang.eq(Locale::En))
        .execute(conn)?;
    let commitments = diesel::update(commitments::table.filter(commitments::code.eq_any(&codes)))
        .set(commitments::lang.eq(Locale::En))
        .execute(conn)?;
    Ok(plans + commitments + milestones)
}
