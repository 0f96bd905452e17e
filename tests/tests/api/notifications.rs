//! Follows and notifications: who hears of what (followers, the person replied to or named, the
//! asker, the registered), once each; the unread count, reading; mail one by one or as a daily
//! digest, to the test's SMTP server; and a fan-out that dies or runs twice still notifies each
//! person exactly once.

use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use opendetat_tests::*;

fn follow(app: &TestApp, who: &TestUser, path: &str) -> Value {
    app.put(&format!("/me/follows/{path}"), Some(&who.token), &json!(null)).expect(200).json()
}

/// The member's notifications once there are `n` (the fan-out is a background job).
pub(crate) fn notifications(app: &TestApp, who: &TestUser, n: usize) -> Vec<Value> {
    let started = Instant::now();
    loop {
        let items = app.get_as("/me/notifications", &who.token).expect(200).json()["items"].as_array().unwrap().clone();
        if items.len() >= n || started.elapsed() > Duration::from_secs(15) {
            assert_eq!(items.len(), n, "notifications: {items:?}");
            return items;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn unread(app: &TestApp, who: &TestUser) -> i64 {
    app.get_as("/me/notifications/unread-count", &who.token).expect(200).json()["unread"].as_i64().unwrap()
}

/// Waits until no job of the fan-out is left to run.
pub(crate) fn fan_out_done(app: &TestApp) {
    let started = Instant::now();
    while app.count("jobs WHERE kind = 'notifications_fan_out' AND state <> 'done'") > 0 {
        assert!(started.elapsed() < Duration::from_secs(15), "fan-out jobs still waiting");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn followers_the_person_replied_to_and_those_named_hear_of_a_comment_once_each() {
    let app = TestApp::spawn();
    let follower = app.user("member");
    let state = follow(&app, &follower, "commitment/FR0041");
    assert_eq!((state["following"].as_bool(), state["followers"].as_i64()), (Some(true), Some(1)));
    // Following twice changes nothing.
    assert_eq!(follow(&app, &follower, "commitment/fr0041")["followers"], 1);
    let camille = UserBuilder::member().named("Camille Desmoulins").create(&app);
    // Camille follows too, and is named: one notification, for the mention.
    follow(&app, &camille, "commitment/FR0041");
    let author = UserBuilder::member().named("Lucile Duplessis").create(&app);

    let c = builders::comment(
        &app,
        &author.token,
        "/commitments/FR0041",
        &format!("Qu'en pense @{}, ou @personne-inconnue ?", handle_of(&app, &camille)),
    );
    let heard = notifications(&app, &follower, 1);
    assert_eq!(heard[0]["reason"], "new_comment");
    assert_eq!(heard[0]["actor"]["display_name"], "Lucile Duplessis");
    assert_eq!(heard[0]["comment_id"], c["id"]);
    assert_eq!(heard[0]["subject"]["path"], "/engagements/FR0041");
    assert!(heard[0]["excerpt"].as_str().unwrap().starts_with("Qu'en pense"));
    assert_eq!(heard[0]["read"], false);
    let mentioned = notifications(&app, &camille, 1);
    assert_eq!(mentioned[0]["reason"], "mention");
    fan_out_done(&app);
    assert!(notifications(&app, &author, 0).is_empty(), "nobody hears of their own comment");

    // A reply reaches the author of the comment replied to (who follows nothing).
    builders::reply(&app, &follower.token, "/commitments/FR0041", c.id(), "Je réponds.");
    assert_eq!(notifications(&app, &author, 1)[0]["reason"], "reply");
    fan_out_done(&app);
    assert_eq!(notifications(&app, &camille, 2)[0]["reason"], "new_comment");
    assert_eq!(app.count(&format!("notifications WHERE user_id = {}", follower.id)), 1, "not of one's own reply");

    // Reading: one, then all; the count follows.
    assert_eq!(unread(&app, &camille), 2);
    let first = mentioned[0]["id"].as_i64().unwrap();
    app.post(&format!("/me/notifications/{first}/read"), Some(&camille.token), &json!(null)).expect(204);
    assert_eq!(unread(&app, &camille), 1);
    let only_unread = app.get_as("/me/notifications?unread=true", &camille.token).expect(200).json();
    assert_eq!(only_unread["items"].as_array().unwrap().len(), 1);
    // Someone else's notification is no one's to read.
    app.post(&format!("/me/notifications/{first}/read"), Some(&follower.token), &json!(null))
        .expect_problem(404, "not_found");
    let marked = app.post("/me/notifications/read-all", Some(&camille.token), &json!(null)).expect(200).json();
    assert_eq!(marked["marked"], 1);
    assert_eq!(unread(&app, &camille), 0);

    // Unfollowing stops the news; the list of follows says what is left.
    app.delete("/me/follows/commitment/FR0041", Some(&follower.token)).expect(200);
    assert_eq!(app.get_as("/me/follows/commitment/FR0041", &follower.token).expect(200).json()["following"], false);
    builders::comment(&app, &author.token, "/commitments/FR0041", "Encore un avis.");
    fan_out_done(&app);
    assert_eq!(app.count(&format!("notifications WHERE user_id = {}", follower.id)), 1);
    let follows = app.get_as("/me/follows", &camille.token).expect(200).json();
    assert_eq!(follows["items"][0]["subject"]["key"], "FR0041");
}

#[test]
fn progress_answers_and_forum_changes_reach_those_concerned() {
    let app = TestApp::spawn();
    let follower = app.user("member");
    follow(&app, &follower, "commitment/FR0041");
    let official = UserBuilder::official_of("minister-of-state-digital-sector").create(&app);
    // Progress on a milestone of a followed commitment.
    let c = app.get("/commitments/FR0041").expect(200).json();
    let m = c["milestones"][0]["id"].as_i64().unwrap();
    ProgressBuilder::on(m).status("in_progress").completion("limited").note("Avancée.").create(&app, &official.token);
    let heard = notifications(&app, &follower, 1);
    assert_eq!(heard[0]["reason"], "progress");
    assert_eq!(heard[0]["subject"]["type"], "milestone");

    // An answer reaches the asker, and whoever follows the question.
    let asker = app.user("member");
    let q = QuestionBuilder::on("/commitments/FR0041").create(&app, &asker.token);
    let watcher = app.user("member");
    follow(&app, &watcher, &format!("question/{}", q["id"]));
    AnswerBuilder::to(q.id()).text("Au printemps.").create(&app, &official.token);
    assert_eq!(notifications(&app, &asker, 1)[0]["reason"], "answer");
    assert_eq!(notifications(&app, &watcher, 1)[0]["subject"]["type"], "question");

    // A forum: the person promoted from the waitlist; then its cancellation, to those registered.
    let slug = &ForumBuilder::new("Forum des notifications").open().capacity(1).create(&app, &official.token).slug();
    let (seated, waiting) = (app.user("member"), app.user("member"));
    RegistrationBuilder::to(slug).create(&app, &seated.token);
    RegistrationBuilder::to(slug).create(&app, &waiting.token);
    app.delete(&format!("/forums/{slug}/registrations/me"), Some(&seated.token)).expect(200);
    assert_eq!(notifications(&app, &waiting, 1)[0]["reason"], "promoted");
    // A change calendars do not show says nothing; a new place does.
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"capacity": 5})).expect(200);
    app.patch(
        &format!("/forums/{slug}"),
        Some(&official.token),
        &json!({"location": "Salle 3, 20 avenue de Ségur, Paris"}),
    )
    .expect(200);
    assert_eq!(notifications(&app, &waiting, 2)[0]["reason"], "forum_changed");
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"status": "cancelled"})).expect(200);
    assert_eq!(notifications(&app, &waiting, 3)[0]["reason"], "forum_cancelled");
    fan_out_done(&app);
    assert!(notifications(&app, &seated, 0).is_empty(), "the person who cancelled is no longer concerned");
}

#[test]
fn mail_comes_one_by_one_or_as_a_daily_digest_of_what_is_unread() {
    let app = TestApp::spawn();
    let (eager, daily, quiet) = (app.user("member"), app.user("member"), app.user("member"));
    app.put("/me/notification-settings", Some(&eager.token), &json!({"mail": "immediate"})).expect(200);
    app.put("/me/notification-settings", Some(&quiet.token), &json!({"mail": "off"})).expect(200);
    assert_eq!(app.get_as("/me/notification-settings", &daily.token).expect(200).json()["mail"], "daily");
    for who in [&eager, &daily, &quiet] {
        follow(&app, who, "commitment/FR0041");
    }
    let author = UserBuilder::member().named("Olympe de Gouges").create(&app);
    builders::comment(&app, &author.token, "/commitments/FR0041", "Premier avis.");
    builders::comment(&app, &author.token, "/commitments/FR0041", "Second avis.");
    let mails = app.wait_for_mails_to(&eager.email, 3);
    let texts: Vec<String> = mails
        .iter()
        .filter_map(|m| m.part("text/plain"))
        .filter(|t| t.contains("Olympe de Gouges a commenté"))
        .collect();
    assert_eq!(texts.len(), 2, "one mail per notification");
    assert!(texts[0].contains("/engagements/FR0041#comment-"), "{}", texts[0]);
    fan_out_done(&app);

    // The daily digest: what is still unread, in one mail; nothing for those who said no mail.
    let first = notifications(&app, &daily, 2).last().unwrap()["id"].as_i64().unwrap();
    app.post(&format!("/me/notifications/{first}/read"), Some(&daily.token), &json!(null)).expect(204);
    // The server's worker keeps one digest scheduled (tomorrow 7:00); the test brings it forward.
    let started = Instant::now();
    while app.count("jobs WHERE kind = 'notifications_digest' AND state = 'queued'") != 1 {
        assert!(started.elapsed() < Duration::from_secs(10), "no digest scheduled");
        std::thread::sleep(Duration::from_millis(50));
    }
    app.sql("UPDATE jobs SET run_at = now() WHERE kind = 'notifications_digest' AND state = 'queued'");
    let digest = app.wait_for_mails_to(&daily.email, 2);
    let text = digest
        .iter()
        .filter_map(|m| m.part("text/plain"))
        .find(|t| t.contains("Vos notifications") || t.contains("Voici ce qui"))
        .unwrap_or_else(|| panic!("no digest: {digest:?}"));
    assert_eq!(text.matches("Olympe de Gouges a commenté").count(), 1, "only the unread one: {text}");
    assert!(text.contains("/compte#notifications"));
    // The next digest waits for the next 7:00 in Paris (less than an hour away when the test
    // runs between 6:00 and 7:00 there), and sends nothing twice.
    let started = Instant::now();
    while app.count(
        "jobs WHERE kind = 'notifications_digest' AND state = 'queued' \
         AND run_at > now() AND run_at <= now() + interval '1 day' \
         AND to_char(run_at AT TIME ZONE 'Europe/Paris', 'HH24:MI:SS') = '07:00:00'",
    ) != 1
    {
        assert!(started.elapsed() < Duration::from_secs(10), "the next digest is not scheduled");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.mails_to(&daily.email).len(), 2, "the sign-up mail and one digest");
    assert_eq!(app.mails_to(&quiet.email).len(), 1, "the sign-up mail only");
    assert_eq!(unread(&app, &quiet), 2, "but the notifications are there");
}

/// Registers `n` members following FR0041 straight in SQL (half of them wanting a mail each).
fn followers(app: &TestApp, n: i64) {
    app.sql(&format!(
        "WITH made AS (INSERT INTO users (email, display_name, password_hash, role, locale, email_verified_at) \
           SELECT 'follower-' || g || '-' || md5(random()::text) || '@example.fr', 'Abonné ' || g, 'x', 'member', 'fr', now() \
           FROM generate_series(1, {n}) g RETURNING id), \
         settings AS (INSERT INTO notification_settings (user_id, mail) SELECT id, 'immediate' FROM made WHERE id % 2 = 0) \
         INSERT INTO follows (user_id, subject_id) \
         SELECT id, (SELECT subject_id FROM commitments WHERE code = 'FR0041') FROM made"
    ));
}

#[test]
fn a_fan_out_whose_worker_dies_notifies_each_person_exactly_once() {
    // No worker in the server: the test decides who runs the fan-out, and kills it.
    let app = TestApp::spawn_with(true, &[("JOB_WORKERS", "0")]);
    followers(&app, 40);
    let author = app.user("member");
    let notified = "notifications n JOIN events e ON e.id = n.event_id WHERE e.type = 'comment.created'";
    let mail_jobs = "jobs WHERE kind = 'mail' AND payload ->> 'template' = 'notification'";

    // 1. A worker dies mid-way: its transaction is blocked (the test holds a lock on the table
    //    it writes) when the worker is killed. Nothing of its work remains.
    builders::comment(&app, &author.token, "/commitments/FR0041", "Un avis pour quarante personnes.");
    let mut blocker = app.db();
    blocker.batch_execute("BEGIN; LOCK TABLE notifications IN SHARE ROW EXCLUSIVE MODE").unwrap();
    let mut doomed = app.spawn_worker(&[("JOB_LEASE_SECS", "2")]);
    let started = Instant::now();
    while app.count("pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO notifications%'") == 0
    {
        assert!(started.elapsed() < Duration::from_secs(20), "the worker never reached the fan-out");
        std::thread::sleep(Duration::from_millis(50));
    }
    doomed.kill().unwrap();
    doomed.wait().unwrap();
    blocker.batch_execute("ROLLBACK").unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(app.count(notified), 0, "a worker that died left nothing");
    assert_eq!(app.count(mail_jobs), 0);

    // 2. A worker dies after its commit, before marking the job done: simulated by running the
    //    job's code here under a worker name that then never answers.
    builders::comment(&app, &author.token, "/commitments/FR0041", "Un second avis.");
    let mut conn = app.db();
    let mut ghost_run = || -> bool {
        // Other jobs (sign-up mails) are put aside for an hour.
        let job = loop {
            let Some(job) = opendetat::jobs::claim(&mut conn, "ghost").unwrap() else { return false };
            if job.kind == opendetat::resources::notifications::FAN_OUT_JOB {
                break job;
            }
            conn.batch_execute(&format!(
                "UPDATE jobs SET state = 'queued', locked_by = NULL, locked_at = NULL, run_at = now() + interval '1 hour' WHERE id = {}",
                job.id
            ))
            .unwrap();
        };
        // Every process installs what the resources declare first thing; this one runs a job.
        opendetat::registry::install(opendetat::resources::RESOURCES);
        let mailer = opendetat::mail::Mailer::new(
            None,
            "/tmp",
            "Open d'État <ne-pas-repondre@example.fr>",
            "http://localhost:8080",
        )
        .unwrap();
        let mut ctx = opendetat::jobs::worker::JobContext {
            conn: &mut conn,
            mailer: &mailer,
            attempt: job.attempts,
            job_id: job.id,
        };
        opendetat::resources::notifications::run_fan_out(&mut ctx, &job.payload).unwrap();
        true
    };
    // The first comment's job is still the dead worker's; the ghost runs the second's, and dies.
    assert!(ghost_run(), "the ghost took a fan-out job");
    assert_eq!(app.count(notified), 40, "committed before the worker died");
    assert_eq!(app.count(mail_jobs), 20);
    app.sql("UPDATE jobs SET locked_at = now() - interval '1 hour' WHERE locked_by = 'ghost'");

    // A healthy worker takes back the ghost's job once its lease has expired, runs the one left,
    // and nobody hears twice.
    let mut healthy = app.spawn_worker(&[("JOB_LEASE_SECS", "2")]);
    let started = Instant::now();
    while app.count("jobs WHERE kind = 'notifications_fan_out' AND state = 'done'") < 2 {
        assert!(started.elapsed() < Duration::from_secs(30), "the fan-out jobs never finished");
        std::thread::sleep(Duration::from_millis(100));
    }
    healthy.kill().unwrap();
    healthy.wait().unwrap();
    assert_eq!(app.count("jobs WHERE kind = 'notifications_fan_out' AND attempts = 2"), 2, "each ran twice");
    assert_eq!(app.count(notified), 80, "40 people, two comments");
    assert_eq!(
        app.count(&format!("({}) x", "SELECT user_id, event_id FROM notifications GROUP BY 1, 2 HAVING count(*) > 1")),
        0
    );
    assert_eq!(app.count(mail_jobs), 40, "one mail per notification for those who want one, never two");
}

#[test]
fn follows_refuse_what_is_not_there_and_suggestions_name_members() {
    let app = TestApp::spawn();
    let member = app.user("member");
    app.put("/me/follows/planet/FR0041", Some(&member.token), &json!(null)).expect_problem(404, "not_found");
    app.put("/me/follows/commitment/FR9999", Some(&member.token), &json!(null)).expect_problem(404, "not_found");
    app.put("/me/notification-settings", Some(&member.token), &json!({"mail": "weekly"})).expect(422);
    UserBuilder::member().named("Manon Roland").create(&app);
    UserBuilder::member().named("Manon Phlipon").create(&app);
    let found = app.get_as("/mentions/suggestions?q=manon%20r", &member.token).expect(200).json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["display_name"], "Manon Roland");
    assert!(found[0]["handle"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(
        app.get_as("/mentions/suggestions?q=MANON", &member.token).expect(200).json().as_array().unwrap().len(),
        2
    );
    // A `%` is a character to look for, not a wildcard.
    assert!(app.get_as("/mentions/suggestions?q=%25", &member.token).expect(200).json().as_array().unwrap().is_empty());
    app.get_as("/mentions/suggestions?q=", &member.token).expect(422);
    app.get_as("/mentions/suggestions?q=ma&limit=50", &member.token).expect(422);
}
