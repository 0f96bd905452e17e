//! `opendetat seed --scale large`: a deterministic large dataset on top of the real seed, for
//! benchmarks and scale tests — 10,000 users, 500 forums, milestones with progress on every
//! commitment, and 1,000,000 comments of French-like text (70 % top-level, 30 % replies at
//! depths 1 and 2), skewed so five "busy" forums hold about 50,000 comments each and one
//! "small" forum about 50; a plan being co-created with 5,000 proposals. Generated inside PostgreSQL with set-based SQL (no row-by-row
//! round trips); same flag, same data. Skipped when already loaded.

use std::time::Instant;

use diesel::prelude::*;
use diesel::sql_types::BigInt;

mod bulk;
mod co_creation;
mod record;
use record::{accountability, follows, registrations};

pub const USERS: i64 = 10_000;
pub const FORUMS: i64 = 500;
pub const TOP_LEVEL: i64 = 700_000;
pub const DEPTH1: i64 = 200_000;
pub const DEPTH2: i64 = 100_000;
/// Slugs of the forums the benchmark reads.
pub const BUSY_FORUM_SLUG: &str = "forum-large-busy-0";
pub const SMALL_FORUM_SLUG: &str = "forum-large-small";
/// Institutions leading the commitments; the first gets 40 % of the questions (R8).
pub const INSTITUTIONS: i64 = 20;
pub const QUESTIONS: i64 = 100_000;
pub const BUSY_INSTITUTION_SLUG: &str = "institution-large";
/// A held forum with minutes and 100 action items (the benchmark's R6).
pub const HELD_FORUM_SLUG: &str = "forum-large-busy-1";
/// The forum every large user follows (the benchmark's W1f posts there: 10,000 followers).
pub const FOLLOWED_FORUM_SLUG: &str = "forum-large-busy-3";
/// The forum every large user registered for (the benchmark's E1 exports its list: 10,000 rows).
pub const REGISTERED_FORUM_SLUG: &str = "forum-large-busy-2";
/// The plan being co-created (in preparation, its timeline published, a call for proposals open)
/// and its proposals: the benchmark's R9 reads their summary page, W3 supports.
pub const CO_CREATION_PLAN_SLUG: &str = "plan-large-co-creation";
pub const PROPOSALS: i64 = 5_000;
/// Texts of each length (5 to 37 words) the comments and questions draw theirs from.
const TEXT_VARIANTS: i64 = 1_500;
/// Notifications per large user, about one in three unread.
pub const NOTIFICATIONS_PER_USER: i64 = 100;

const WORDS: &str = "ARRAY['le','la','les','des','un','une','et','pour','avec','dans','sur','par',\
'forum','engagement','jalon','données','ouvertes','transparence','participation','citoyenne',\
'administration','publique','collectivités','algorithmes','publics','débat','proposition',\
'atelier','associations','agents','ministère','plan','action','gouvernement','ouvert','suivi',\
'calendrier','publication','consultation','accès','information','numérique','services',\
'usagers','retours','contribution','communauté','territoires','évaluation','projet','code',\
'source','licence','réutilisation','qualité','documentation','format','échange','société',\
'civile','responsabilité','redevabilité','innovation','expérimentation','prochaine','étape',\
'merci','question','réponse','proposons','souhaitons','demandons','important','rapidement']";

fn step(conn: &mut PgConnection, label: &str, sql: &str) -> QueryResult<()> {
    use diesel::connection::SimpleConnection;
    let started = Instant::now();
    conn.batch_execute(sql)?;
    log::info!("seed large: {label} in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

fn count(conn: &mut PgConnection, table: &str) -> QueryResult<i64> {
    Ok(diesel::sql_query(format!("SELECT count(*) AS n FROM {table}")).get_result::<Count>(conn)?.n)
}

pub fn run(conn: &mut PgConnection) -> Result<(), String> {
    let started = Instant::now();
    let already = diesel::sql_query("SELECT count(*) AS n FROM users WHERE email LIKE '%@large.opendetat.test'")
        .get_result::<Count>(conn)
        .map_err(|e| e.to_string())?
        .n;
    if already > 0 {
        // A large database seeded by an earlier version gets what later versions added.
        let missing = |conn: &mut PgConnection, table: &str| -> Result<bool, String> {
            let n = diesel::sql_query(format!(
                "SELECT count(*) AS n FROM {table} WHERE user_id IN (SELECT id FROM users WHERE email LIKE '%@large.opendetat.test')"
            ))
            .get_result::<Count>(conn)
            .map_err(|e| e.to_string())?
            .n;
            Ok(n == 0)
        };
        let mut added = Vec::new();
        if missing(conn, "follows")? {
            conn.transaction(follows)
                .map_err(|e: diesel::result::Error| format!("large seed (follows) failed: {e}"))?;
            added.push("follows, notifications");
        }
        if missing(conn, "registrations")? {
            conn.transaction(registrations)
                .map_err(|e: diesel::result::Error| format!("large seed (registrations) failed: {e}"))?;
            added.push("registrations");
        }
        let plans =
            diesel::sql_query(format!("SELECT count(*) AS n FROM action_plans WHERE slug = '{CO_CREATION_PLAN_SLUG}'"))
                .get_result::<Count>(conn)
                .map_err(|e| e.to_string())?
                .n;
        if plans == 0 {
            conn.transaction(co_creation::co_creation)
                .map_err(|e: diesel::result::Error| format!("large seed (co-creation) failed: {e}"))?;
            added.push("co-creation");
        }
        if !added.is_empty() {
            diesel::sql_query("VACUUM ANALYZE follows, notifications, registrations, proposals, proposal_supports")
                .execute(conn)
                .map_err(|e| e.to_string())?;
        }
        log::info!(
            "seed large: already loaded ({already} users); added: {}",
            if added.is_empty() { "nothing".into() } else { added.join(", ") }
        );
        return Ok(());
    }
    conn.transaction(load).map_err(|e: diesel::result::Error| format!("large seed failed: {e}"))?;
    // The load updates rows it inserted (answers mark their questions): vacuum those tables so
    // that partial indexes and the visibility map are as they would be in production.
    diesel::sql_query("VACUUM ANALYZE questions, question_answers, institution_records, institution_answer_days, milestones, follows, notifications, registrations, proposals, proposal_supports")
        .execute(conn)
        .map_err(|e| e.to_string())?;
    diesel::sql_query("ANALYZE").execute(conn).map_err(|e| e.to_string())?;
    log::info!("seed large: done in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn load(conn: &mut PgConnection) -> QueryResult<()> {
    diesel::sql_query("SET LOCAL synchronous_commit = off").execute(conn)?;
    // A deterministic pseudo-random number in [0, m) from a seed.
    step(
        conn,
        "helpers",
        "CREATE FUNCTION pg_temp.pick(seed bigint, m bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS \
         $$ SELECT (hashint8(seed)::bigint + 2147483648) % m $$",
    )?;
    step(
        conn,
        "helpers",
        &format!(
            "CREATE FUNCTION pg_temp.lorem(seed bigint, n int) RETURNS text LANGUAGE sql IMMUTABLE AS $$ \
             SELECT string_agg(w[1 + pg_temp.pick(seed * 131 + i, array_length(w, 1))], ' ') \
             FROM generate_series(1, n) i, (SELECT {WORDS}::text[] AS w) x $$"
        ),
    )?;
    // The comments' and questions' texts come from a pool of 49,500 (1,500 per length from 5 to
    // 37 words), not from one `lorem` call each: the call, a SQL function PostgreSQL cannot
    // inline, cost as much as the rest of an insert but for the search vector. A word is in as
    // many texts as before (R5's "transparence" in about a quarter).
    step(
        conn,
        "text pool",
        &format!(
            "CREATE TEMP TABLE lorem_pool ON COMMIT DROP AS \
             SELECT len, j, pg_temp.lorem(len * 1000000 + j, len) AS text \
             FROM generate_series(5, 37) len, generate_series(0, {TEXT_VARIANTS} - 1) j; \
             CREATE UNIQUE INDEX ON lorem_pool (len, j); ANALYZE lorem_pool"
        ),
    )?;
    step(
        conn,
        "users",
        &format!(
            "INSERT INTO users (email, display_name, password_hash, role, organisation, created_at) \
             SELECT 'user' || n || '@large.opendetat.test', 'Participant ' || n, '!', \
                    CASE WHEN n % 200 = 0 THEN 'official' WHEN n % 500 = 1 THEN 'moderator' ELSE 'member' END, \
                    CASE WHEN n % 3 = 0 THEN 'Association ' || (n % 97) ELSE NULL END, \
                    timestamptz '2018-06-01' + n * interval '2 hours' \
             FROM generate_series(1, {USERS}) n"
        ),
    )?;
    step(
        conn,
        "user index",
        "CREATE TEMP TABLE large_users ON COMMIT DROP AS \
         SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id FROM users WHERE email LIKE '%@large.opendetat.test'; \
         CREATE UNIQUE INDEX ON large_users (ord); ANALYZE large_users",
    )?;
    step(
        conn,
        "forums",
        &format!(
            "INSERT INTO forums (slug, title, theme, description, description_html, starts_at, ends_at, location, online_url, capacity, status) \
             SELECT CASE WHEN n < 5 THEN 'forum-large-busy-' || n WHEN n = {last} THEN '{SMALL_FORUM_SLUG}' \
                         ELSE 'forum-large-' || n END, \
                    'Forum ' || n || ' : ' || pg_temp.lorem(n, 4), \
                    (ARRAY['Données ouvertes','Transparence','Participation citoyenne','Algorithmes publics','Science ouverte'])[1 + n % 5], \
                    pg_temp.lorem(n + 7, 40), '<p>' || pg_temp.lorem(n + 7, 40) || '</p>', \
                    timestamptz '2018-09-01 09:00+02' + n * interval '5 days', \
                    timestamptz '2018-09-01 12:00+02' + n * interval '5 days', \
                    CASE WHEN n % 2 = 0 THEN n || ' rue de la République, Paris' END, \
                    CASE WHEN n % 2 = 1 THEN 'https://example.org/forums/' || n END, \
                    50 + n % 150, \
                    CASE WHEN timestamptz '2018-09-01' + n * interval '5 days' < timestamptz '2026-11-01' THEN 'held' ELSE 'planned' END \
             FROM generate_series(0, {last}) n",
            last = FORUMS - 1
        ),
    )?;
    step(
        conn,
        "forum index",
        "CREATE TEMP TABLE large_forums ON COMMIT DROP AS \
         SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id, subject_id FROM forums WHERE slug LIKE 'forum-large-%'; \
         CREATE UNIQUE INDEX ON large_forums (ord); ANALYZE large_forums",
    )?;
    step(
        conn,
        "forum commitments",
        "INSERT INTO forum_commitments (forum_id, commitment_id) \
         SELECT f.id, c.id FROM large_forums f \
         JOIN (SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id FROM commitments) c \
           ON c.ord IN (f.ord % 50, (f.ord * 7 + 3) % 50) ON CONFLICT DO NOTHING",
    )?;
    step(
        conn,
        "milestones",
        "INSERT INTO milestones (commitment_id, code, title, due_date, due_period, status, position) \
         SELECT c.id, c.number || '.' || k, 'Étape ' || k || ' : ' || pg_temp.lorem(c.id * 10 + k, 6), \
                make_date(2016 + (c.id % 5)::int + k, 12, 31), 'Semestre 2 ' || (2016 + (c.id % 5)::int + k), \
                (ARRAY['not_started','in_progress','completed','completed','delayed','withdrawn'])[1 + pg_temp.pick(c.id * 10 + k, 6)], k \
         FROM commitments c CROSS JOIN generate_series(1, 3) k \
         WHERE NOT EXISTS (SELECT 1 FROM milestones m WHERE m.commitment_id = c.id); \
         UPDATE milestones SET baseline_completion = CASE status WHEN 'completed' THEN 'complete' \
                WHEN 'not_started' THEN 'not_started' WHEN 'withdrawn' THEN 'no_evidence' ELSE 'limited' END \
          WHERE baseline_completion = 'no_evidence' AND status <> 'withdrawn'; \
         UPDATE milestones SET completion = baseline_completion \
          WHERE NOT EXISTS (SELECT 1 FROM progress_updates p WHERE p.milestone_id = milestones.id)",
    )?;
    step(
        conn,
        "target index",
        "CREATE TEMP TABLE large_commitments ON COMMIT DROP AS \
         SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id, subject_id FROM commitments; \
         CREATE UNIQUE INDEX ON large_commitments (ord); ANALYZE large_commitments",
    )?;
    step(
        conn,
        "target index",
        "CREATE TEMP TABLE large_milestones ON COMMIT DROP AS \
         SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id, subject_id FROM milestones; \
         CREATE UNIQUE INDEX ON large_milestones (ord); ANALYZE large_milestones",
    )?;
    let (n_commitments, n_milestones) = (count(conn, "large_commitments")?, count(conn, "large_milestones")?);
    // Who answers whom is a pure function of the reply's number (see the replies below), so
    // the reply counts are known before the parents are written: no UPDATE pass over 300k
    // rows (which would also recompute their stored search vectors).
    step(
        conn,
        "reply counts",
        &format!(
            "CREATE TEMP TABLE counts1 ON COMMIT DROP AS SELECT pg_temp.pick(n * 5 + 1, {TOP_LEVEL}) AS ord, count(*)::int AS c \
             FROM generate_series(1, {DEPTH1}) n GROUP BY 1; CREATE UNIQUE INDEX ON counts1 (ord); \
             CREATE TEMP TABLE counts2 ON COMMIT DROP AS SELECT pg_temp.pick(n * 5 + 2, {DEPTH1}) AS ord, count(*)::int AS c \
             FROM generate_series(1, {DEPTH2}) n GROUP BY 1; CREATE UNIQUE INDEX ON counts2 (ord)"
        ),
    )?;
    // A million rows into a table with a dozen indexes (one GIN) and five foreign keys is index
    // maintenance and key lookups, not inserts (over half of the seed's time): see `bulk`.
    bulk::set_aside(conn, "comments")?;
    // Top-level comments: 25 % on the five busy forums, 35 on the small one, then commitments,
    // milestones, and the rest spread over the other forums.
    step(
        conn,
        "top-level comments",
        &format!(
            "WITH src AS ( \
               SELECT n, CASE \
                   WHEN n <= 175000 THEN 'busy' WHEN n <= 175035 THEN 'small' \
                   WHEN n <= 235035 THEN 'commitment' WHEN n <= 255035 THEN 'milestone' ELSE 'forum' END AS kind \
               FROM generate_series(1, {TOP_LEVEL}) n), \
             body AS (SELECT n, kind, (SELECT text FROM lorem_pool \
                                       WHERE len = 8 + pg_temp.pick(n, 30) AND j = pg_temp.pick(n * 7 + 3, {TEXT_VARIANTS})) AS text \
                      FROM src) \
             INSERT INTO comments (subject_id, author_id, body, body_html, created_at, reply_count) \
             SELECT CASE kind WHEN 'busy' THEN (SELECT subject_id FROM large_forums WHERE ord = n % 5) \
                              WHEN 'small' THEN (SELECT subject_id FROM large_forums WHERE ord = {small}) \
                              WHEN 'forum' THEN (SELECT subject_id FROM large_forums WHERE ord = 5 + n % {spread}) \
                              WHEN 'commitment' THEN (SELECT subject_id FROM large_commitments WHERE ord = n % {commitments}) \
                              WHEN 'milestone' THEN (SELECT subject_id FROM large_milestones WHERE ord = n % {milestones}) END, \
                    (SELECT id FROM large_users WHERE ord = pg_temp.pick(n, {USERS})), \
                    text, '<p>' || text || '</p>', \
                    timestamptz '2019-01-01' + (n::float8 / {TOP_LEVEL}) * interval '2800 days' + pg_temp.pick(n, 3600) * interval '1 second', \
                    coalesce((SELECT c FROM counts1 WHERE ord = n - 1), 0) \
             FROM body ORDER BY n",
            small = FORUMS - 1,
            spread = FORUMS - 6,
            commitments = n_commitments,
            milestones = n_milestones
        ),
    )?;
    for (depth, replies, parent_depth, expected_parents) in [(1, DEPTH1, 0, TOP_LEVEL), (2, DEPTH2, 1, DEPTH1)] {
        step(
            conn,
            &format!("replies at depth {depth}"),
            &format!(
                "CREATE TEMP TABLE parents ON COMMIT DROP AS \
                 SELECT row_number() OVER (ORDER BY id) - 1 AS ord, id, subject_id, \
                        coalesce(root_id, id) AS root, created_at \
                 FROM comments WHERE depth = {parent_depth} AND author_id IN (SELECT id FROM large_users); \
                 CREATE UNIQUE INDEX ON parents (ord); ANALYZE parents"
            ),
        )?;
        let n_parents = count(conn, "parents")?;
        // The precomputed reply counts assume exactly these parents, in insertion order.
        assert_eq!(n_parents, expected_parents, "large seed: unexpected parents at depth {parent_depth}");
        step(
            conn,
            &format!("replies at depth {depth}"),
            &format!(
                "WITH src AS (SELECT n, (SELECT text FROM lorem_pool WHERE len = 5 + pg_temp.pick(n + {depth}, 25) \
                                          AND j = pg_temp.pick(n * 3 + {depth}, {TEXT_VARIANTS})) AS text, \
                                     pg_temp.pick(n * 5 + {depth}, {parents}) AS parent_ord \
                              FROM generate_series(1, {replies}) n) \
                 INSERT INTO comments (subject_id, parent_id, root_id, depth, author_id, body, body_html, created_at, reply_count) \
                 SELECT p.subject_id, p.id, p.root, {depth}, \
                        (SELECT id FROM large_users WHERE ord = pg_temp.pick(n + 17, {USERS})), \
                        src.text, '<p>' || src.text || '</p>', \
                        p.created_at + (1 + pg_temp.pick(n, 86400)) * interval '1 second', \
                        CASE WHEN {depth} = 1 THEN coalesce((SELECT c FROM counts2 WHERE ord = n - 1), 0) ELSE 0 END \
                 FROM src JOIN parents p ON p.ord = src.parent_ord ORDER BY n",
                parents = n_parents
            ),
        )?;
        step(conn, "cleanup", "DROP TABLE parents")?;
    }
    // A held forum's public record (the benchmark's R6): its minutes and 100 action items,
    // each with two history entries; a quarter closed, a quarter overdue.
    step(
        conn,
        "minutes and action items",
        &format!(
            "INSERT INTO forum_minutes (forum_id, body, body_html, attendees_count, organisations) \
             SELECT id, pg_temp.lorem(id, 300), '<p>' || pg_temp.lorem(id, 300) || '</p>', 87, \
                    ARRAY['Etalab', 'Association 12', 'Mairie de Lyon'] \
             FROM forums WHERE slug = '{HELD_FORUM_SLUG}'; \
             INSERT INTO action_items (forum_id, title, description, description_html, owner_kind, owner_name, \
                                       due_on, commitment_id, status, outcome, closed_at, created_at) \
             SELECT f.id, 'Action ' || n || ' : ' || pg_temp.lorem(n * 11, 6), pg_temp.lorem(n * 13, 40), \
                    '<p>' || pg_temp.lorem(n * 13, 40) || '</p>', \
                    CASE WHEN n % 3 = 0 THEN 'person' ELSE 'institution' END, 'Responsable ' || (n % 17), \
                    (f.starts_at + (30 + n * 9) * interval '1 day')::date, \
                    (SELECT id FROM large_commitments WHERE ord = n % {n_commitments}), \
                    CASE WHEN n % 4 = 0 THEN 'done' WHEN n % 4 = 1 THEN 'in_progress' ELSE 'open' END, \
                    CASE WHEN n % 4 = 0 THEN pg_temp.lorem(n * 17, 12) END, \
                    CASE WHEN n % 4 = 0 THEN f.starts_at + n * interval '3 days' END, \
                    f.ends_at \
             FROM forums f, generate_series(1, 100) n WHERE f.slug = '{HELD_FORUM_SLUG}'; \
             INSERT INTO action_item_history (action_item_id, status, changed_at) \
             SELECT a.id, 'open', a.created_at FROM action_items a JOIN forums f ON f.id = a.forum_id \
              WHERE f.slug = '{HELD_FORUM_SLUG}'; \
             INSERT INTO action_item_history (action_item_id, status, note, outcome, changed_at) \
             SELECT a.id, a.status, 'Point d''étape.', a.outcome, a.created_at + interval '10 days' \
               FROM action_items a JOIN forums f ON f.id = a.forum_id \
              WHERE f.slug = '{HELD_FORUM_SLUG}' AND a.status <> 'open'"
        ),
    )?;
    accountability(conn)?;
    // After the answers: their comments, too, go in before the indexes are built.
    bulk::restore(conn, "comments")?;
    // The held forum's action items owned by an institution are owned by test institutions'
    // records, as the API links them (R6 reads those institutions too).
    step(
        conn,
        "action item owners",
        &format!(
            "UPDATE action_items a SET owner_name = i.name, owner_institution_id = i.id \
               FROM forums f, institutions i \
              WHERE f.id = a.forum_id AND f.slug = '{HELD_FORUM_SLUG}' AND a.owner_kind = 'institution' \
                AND i.slug = '{BUSY_INSTITUTION_SLUG}' || CASE WHEN a.id % {n} = 0 THEN '' ELSE '-' || (a.id % {n}) END",
            n = INSTITUTIONS
        ),
    )?;
    follows(conn)?;
    registrations(conn)?;
    co_creation::co_creation(conn)?;

    Ok(())
}
