//! The large seed's public record and its people's links: institutions, progress, questions
//! and their answers (with the aggregates the triggers keep, computed in bulk), follows,
//! notifications and registrations.

use diesel::prelude::*;

use super::{
    step, BUSY_INSTITUTION_SLUG, FOLLOWED_FORUM_SLUG, INSTITUTIONS, NOTIFICATIONS_PER_USER, QUESTIONS,
    REGISTERED_FORUM_SLUG, TEXT_VARIANTS, USERS,
};

/// Institutions leading every commitment, officials speaking for them, a progress log on every
/// milestone, and 100,000 questions (40,000 to the "busy" institution the benchmark's R8 reads),
/// four in five answered. Deadlines here are approximate (21 calendar days for 15 working
/// days; the platform counts exactly): what the benchmark measures is reading the record,
/// which does not depend on them.
pub(super) fn accountability(conn: &mut PgConnection) -> QueryResult<()> {
    step(
        conn,
        "institutions",
        &format!(
            "INSERT INTO institutions (slug, name, acronym, kind) \
             SELECT '{BUSY_INSTITUTION_SLUG}' || CASE WHEN n = 0 THEN '' ELSE '-' || n END, \
                    'Institution de test ' || n, 'IT' || n, \
                    (ARRAY['ministry','agency','local_authority','civil_society','other'])[1 + n % 5] \
             FROM generate_series(0, {last}) n; \
             CREATE TEMP TABLE large_institutions ON COMMIT DROP AS \
             SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id FROM institutions WHERE name LIKE 'Institution de test %'; \
             CREATE UNIQUE INDEX ON large_institutions (ord); ANALYZE large_institutions; \
             INSERT INTO commitment_institutions (commitment_id, institution_id, lead, position) \
             SELECT c.id, i.id, true, 0 FROM large_commitments c JOIN large_institutions i ON i.ord = c.ord % {n} \
              WHERE NOT EXISTS (SELECT 1 FROM commitment_institutions l WHERE l.commitment_id = c.id AND l.lead); \
             UPDATE users u SET institution_id = i.id \
               FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users \
                      WHERE role = 'official' AND email LIKE '%@large.opendetat.test') o \
               JOIN large_institutions i ON i.ord = o.k % {n} \
              WHERE u.id = o.id",
            n = INSTITUTIONS,
            last = INSTITUTIONS - 1
        ),
    )?;
    step(
        conn,
        "progress log",
        "INSERT INTO progress_updates (milestone_id, as_of, status, completion, note, note_html, author_name, institution_id, created_at) \
         SELECT m.id, (m.due_date - (60 * k))::date, \
                CASE WHEN k = 1 AND m.status = 'completed' THEN 'completed' ELSE 'in_progress' END, \
                CASE WHEN k = 1 AND m.status = 'completed' THEN 'complete' WHEN k = 1 THEN 'substantial' ELSE 'limited' END, \
                'Point d''étape ' || k || '.', '<p>Point d''étape ' || k || '.</p>', 'Agent de test', l.institution_id, \
                m.due_date - 60 * k \
         FROM milestones m JOIN commitment_institutions l ON l.commitment_id = m.commitment_id AND l.lead \
         CROSS JOIN generate_series(3, 1, -1) k \
         WHERE m.due_date IS NOT NULL AND m.due_date - 60 * k <= current_date",
    )?;
    // The triggers that keep the record (`institution_records`, `institution_answer_days`,
    // `questions.answered_on`, `comments.on_record`) update one hot row per question and per
    // answer: 180,000 updates of 20 rows in one transaction, each walking the chain of versions
    // the transaction left behind (357 s of the seed). So the seed writes those columns itself
    // and computes the aggregates once, with the two triggers off inside its transaction; the
    // check at the end compares the result with what the triggers would have counted.
    step(
        conn,
        "questions",
        &format!(
            "ALTER TABLE large_institutions ADD COLUMN commitment_id bigint, ADD COLUMN about_id bigint, \
                                            ADD COLUMN official bigint; \
             UPDATE large_institutions i SET commitment_id = l.commitment_id, about_id = c.subject_id, \
                    official = (SELECT min(u.id) FROM users u WHERE u.institution_id = i.id) \
               FROM (SELECT DISTINCT ON (institution_id) institution_id, commitment_id FROM commitment_institutions \
                      WHERE lead ORDER BY institution_id, commitment_id) l \
               JOIN commitments c ON c.id = l.commitment_id \
              WHERE l.institution_id = i.id; \
             ALTER TABLE questions DISABLE TRIGGER questions_record; \
             INSERT INTO questions (about_id, commitment_id, institution_id, asked_by, title, body, body_html, \
                                    asked_at, asked_on, deadline_days, due_on, long_due_on, answered_on) \
             SELECT i.about_id, i.commitment_id, i.id, u.id, 'Question ' || n || ' : ' || \
                    (SELECT text FROM lorem_pool WHERE len = 8 AND j = pg_temp.pick(n * 19, {TEXT_VARIANTS})) || ' ?', \
                    t.body, '<p>' || t.body || '</p>', d::timestamptz + interval '10 hours', d, 15, d + 21, d + 42, \
                    CASE WHEN i.official IS NOT NULL AND pg_temp.pick(n * 41, 5) <> 0 AND d + 40 < current_date \
                         THEN d + 1 + pg_temp.pick(n * 37, 35)::int END \
             FROM generate_series(1, {QUESTIONS}) n \
             CROSS JOIN LATERAL (SELECT (date '2019-01-07' + pg_temp.pick(n * 29, 2870)::int) AS d, \
                                        (SELECT text FROM lorem_pool \
                                          WHERE len = 30 AND j = pg_temp.pick(n * 23, {TEXT_VARIANTS})) AS body) t \
             JOIN large_institutions i ON i.ord = CASE WHEN n % 5 < 2 THEN 0 ELSE 1 + n % ({INSTITUTIONS} - 1) END \
             JOIN large_users u ON u.ord = pg_temp.pick(n * 31, {USERS}) \
             WHERE i.commitment_id IS NOT NULL; \
             ALTER TABLE questions ENABLE TRIGGER questions_record"
        ),
    )?;
    step(
        conn,
        "answers",
        "ALTER TABLE question_answers DISABLE TRIGGER question_answers_record, DISABLE TRIGGER question_answers_on_record; \
         WITH c AS ( \
           INSERT INTO comments (subject_id, depth, author_id, body, body_html, created_at, on_record) \
           SELECT q.subject_id, 0, i.official, 'Réponse de l''institution.', '<p>Réponse de l''institution.</p>', \
                  q.answered_on::timestamptz + interval '15 hours', true \
           FROM questions q JOIN large_institutions i ON i.id = q.institution_id WHERE q.answered_on IS NOT NULL \
           RETURNING id, subject_id, author_id, created_at) \
         INSERT INTO question_answers (question_id, comment_id, institution_id, answered_by, answered_at, \
                                       answered_on, working_days, on_time) \
         SELECT q.id, c.id, q.institution_id, c.author_id, c.created_at, q.answered_on, \
                ((q.answered_on - q.asked_on) * 5 / 7)::int, q.answered_on <= q.due_on \
         FROM c JOIN questions q ON q.subject_id = c.subject_id; \
         ALTER TABLE question_answers ENABLE TRIGGER question_answers_record, ENABLE TRIGGER question_answers_on_record",
    )?;
    step(
        conn,
        "institution records",
        "INSERT INTO institution_records AS r (institution_id, questions_received, questions_answered, answered_on_time) \
         SELECT q.institution_id, count(*), count(a.id), count(a.id) FILTER (WHERE a.on_time) \
         FROM questions q JOIN large_institutions i ON i.id = q.institution_id \
         LEFT JOIN question_answers a ON a.question_id = q.id \
              AND a.rejected_at IS NULL AND a.hidden_at IS NULL AND a.superseded_at IS NULL \
         GROUP BY q.institution_id \
         ON CONFLICT (institution_id) DO UPDATE SET questions_received = EXCLUDED.questions_received, \
            questions_answered = EXCLUDED.questions_answered, answered_on_time = EXCLUDED.answered_on_time; \
         DELETE FROM institution_answer_days WHERE institution_id IN (SELECT id FROM large_institutions); \
         INSERT INTO institution_answer_days (institution_id, working_days, answers) \
         SELECT a.institution_id, a.working_days, count(*) FROM question_answers a \
         JOIN large_institutions i ON i.id = a.institution_id \
         WHERE a.rejected_at IS NULL AND a.hidden_at IS NULL AND a.superseded_at IS NULL \
         GROUP BY a.institution_id, a.working_days",
    )?;
    check_records(conn)
}

/// What the triggers would have kept, recounted from the questions and answers themselves for
/// every institution: the seed fails rather than leave a record that disagrees.
fn check_records(conn: &mut PgConnection) -> QueryResult<()> {
    #[derive(QueryableByName)]
    struct Wrong {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    let wrong = diesel::sql_query(
        "WITH standing AS (SELECT * FROM question_answers \
                            WHERE rejected_at IS NULL AND hidden_at IS NULL AND superseded_at IS NULL), \
         counted AS (SELECT q.institution_id, count(*)::int AS received, count(s.id)::int AS answered, \
                            (count(s.id) FILTER (WHERE s.on_time))::int AS on_time \
                       FROM questions q LEFT JOIN standing s ON s.question_id = q.id GROUP BY 1), \
         days AS (SELECT institution_id, working_days, count(*)::int AS answers FROM standing GROUP BY 1, 2) \
         SELECT (SELECT count(*) FROM counted c FULL JOIN institution_records r USING (institution_id) \
                  WHERE (coalesce(c.received, 0), coalesce(c.answered, 0), coalesce(c.on_time, 0)) <> \
                        (coalesce(r.questions_received, 0), coalesce(r.questions_answered, 0), \
                         coalesce(r.answered_on_time, 0))) \
              + (SELECT count(*) FROM days d FULL JOIN (SELECT * FROM institution_answer_days WHERE answers <> 0) k \
                   USING (institution_id, working_days) WHERE d.answers IS DISTINCT FROM k.answers) \
              + (SELECT count(*) FROM questions q LEFT JOIN standing s ON s.question_id = q.id \
                  WHERE q.answered_on IS DISTINCT FROM s.answered_on) \
              + (SELECT count(*) FROM question_answers a JOIN comments c ON c.id = a.comment_id WHERE NOT c.on_record) AS n",
    )
    .get_result::<Wrong>(conn)?
    .n;
    if wrong > 0 {
        log::error!("seed large: {wrong} records differ from what the triggers would have kept");
        return Err(diesel::result::Error::RollbackTransaction);
    }
    Ok(())
}

/// Follows and notifications: every large user follows the followed forum and three
/// commitments, and has 100 notifications (1,000,000 in all, a third unread) for the unread
/// count (R7) to find its way through. Run on its own too, for a large database seeded before
/// follows existed.
pub(super) fn follows(conn: &mut PgConnection) -> QueryResult<()> {
    step(
        conn,
        "follows",
        &format!(
            "INSERT INTO follows (user_id, subject_id, created_at) \
             SELECT u.id, f.subject_id, u.created_at + interval '1 day' \
             FROM users u, forums f WHERE u.email LIKE '%@large.opendetat.test' AND f.slug = '{FOLLOWED_FORUM_SLUG}'; \
             INSERT INTO follows (user_id, subject_id, created_at) \
             SELECT DISTINCT u.id, c.subject_id, u.created_at + interval '2 days' \
             FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS ord FROM users \
                    WHERE email LIKE '%@large.opendetat.test') u \
             CROSS JOIN generate_series(1, 3) k \
             JOIN (SELECT subject_id, row_number() OVER (ORDER BY id) - 1 AS ord, count(*) OVER () AS n FROM commitments) c \
               ON c.ord = (u.ord * 7 + k * 13) % c.n \
             ON CONFLICT DO NOTHING"
        ),
    )?;
    super::bulk::set_aside(conn, "notifications")?;
    step(
        conn,
        "notifications",
        &format!(
            "INSERT INTO notifications (user_id, event_id, reason, subject_id, actor_id, created_at, read_at, mail) \
             SELECT u.id, k, (ARRAY['new_comment','reply','mention','progress','answer'])[1 + (u.ord + k) % 5], \
                    f.subject_id, NULL, timestamptz '2026-01-01' + (k * interval '3 days') + u.ord * interval '1 second', \
                    CASE WHEN (u.ord + k) % 3 = 0 THEN NULL ELSE timestamptz '2026-11-01' END, 'digested' \
             FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM users WHERE email LIKE '%@large.opendetat.test') u \
             CROSS JOIN generate_series(1, {NOTIFICATIONS_PER_USER}) k \
             CROSS JOIN (SELECT subject_id FROM forums WHERE slug = '{FOLLOWED_FORUM_SLUG}') f"
        ),
    )?;
    super::bulk::restore(conn, "notifications")
}

/// Every large user registered for one forum (checked in, for most of them: it was held), so
/// that exporting a list of 10,000 registrations can be measured. Run on its own too, for a
/// large database seeded before.
pub(super) fn registrations(conn: &mut PgConnection) -> QueryResult<()> {
    step(
        conn,
        "registrations",
        &format!(
            "INSERT INTO registrations (forum_id, user_id, status, code, created_at, checked_in_at) \
             SELECT f.id, u.id, 'registered', upper(substr(md5('large-' || u.id), 1, 10)), \
                    f.starts_at - interval '20 days' + u.ord * interval '1 minute', \
                    CASE WHEN u.ord % 5 <> 0 THEN f.starts_at END \
             FROM (SELECT id, row_number() OVER (ORDER BY id) AS ord FROM users WHERE email LIKE '%@large.opendetat.test') u \
             CROSS JOIN (SELECT id, starts_at FROM forums WHERE slug = '{REGISTERED_FORUM_SLUG}') f \
             ON CONFLICT DO NOTHING"
        ),
    )
}
