//! The job queue, with real workers (`opendetat serve` and `opendetat worker` processes) and
//! mail to aiosmtpd: a job enqueued in a transaction that rolls back never runs; a worker killed
//! mid-job leaves the job to be retried; two workers never run the same job; a job scheduled
//! for later waits.

use std::time::{Duration, Instant};

use diesel::prelude::*;
use opendetat::mail::{self, templates::Template, Outgoing};
use opendetat::types::Locale;
use opendetat_tests::*;

fn outgoing(to: &str) -> Outgoing {
    Outgoing {
        to: to.into(),
        name: "Camille".into(),
        locale: Locale::Fr,
        template: Template::PasswordChanged,
        link: None,
        forum: None,
        note: None,
        notices: Vec::new(),
    }
}

fn wait_until(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + within;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_job_enqueued_in_a_transaction_that_rolls_back_never_runs() {
    let app = TestApp::spawn_empty();
    let (kept, dropped) = (unique_email("kept"), unique_email("dropped"));
    let mut conn = app.db();
    let refused: Result<(), diesel::result::Error> = conn.transaction(|conn| {
        mail::enqueue(conn, &outgoing(&dropped))?;
        // The write the mail was for fails: everything it did is undone, the mail too.
        Err(diesel::result::Error::RollbackTransaction)
    });
    assert!(refused.is_err());
    conn.transaction(|conn| mail::enqueue(conn, &outgoing(&kept)).map(|_| ())).unwrap();
    // The committed one is sent; by then the other would have been too.
    app.wait_for_mails_to(&kept, 1);
    std::thread::sleep(Duration::from_millis(300));
    assert!(app.mails_to(&dropped).is_empty());
    assert_eq!(app.count("jobs WHERE kind = 'mail'"), 1);
}

#[test]
fn a_worker_killed_mid_job_leaves_it_to_be_retried_and_it_is_sent_once() {
    // The server runs no workers; a worker node talks to a mail server that hangs.
    let app = TestApp::spawn_with(false, &[("JOB_WORKERS", "0")]);
    let stalled = StalledSmtp::start();
    let stalled_url = stalled.url();
    let mut stuck = app.spawn_worker(&[("SMTP_URL", &stalled_url), ("JOB_LEASE_SECS", "2")]);
    let to = unique_email("crash");
    let mut conn = app.db();
    mail::enqueue(&mut conn, &outgoing(&to)).unwrap();
    wait_until("the worker to take the job", Duration::from_secs(20), || {
        app.count("jobs WHERE state = 'running' AND locked_by IS NOT NULL") == 1
    });
    // The node dies mid-job (SIGKILL: no chance to clean up).
    stuck.kill().unwrap();
    stuck.wait().unwrap();
    assert_eq!(app.count("jobs WHERE state = 'running'"), 1, "the job stays taken…");
    // …until its lease expires; another worker then takes it back and sends it.
    let mut healthy = app.spawn_worker(&[("JOB_LEASE_SECS", "2")]);
    let mail = SmtpSink::shared().wait_for_mail_to(&to, Duration::from_secs(30));
    assert!(mail.header("Subject").is_some());
    wait_until("the job to be done", Duration::from_secs(10), || {
        app.count("jobs WHERE state = 'done' AND attempts = 2") == 1
    });
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(app.mails_to(&to).len(), 1, "sent once");
    healthy.kill().unwrap();
    healthy.wait().unwrap();
}

#[test]
fn two_workers_never_run_the_same_job() {
    let app = TestApp::spawn_with(false, &[("JOB_WORKERS", "2")]);
    let mut other = app.spawn_worker(&[("JOB_WORKERS", "2")]);
    let recipients: Vec<String> = (0..120).map(|i| unique_email(&format!("bulk{i}-"))).collect();
    let mut conn = app.db();
    conn.transaction(|conn| {
        for to in &recipients {
            mail::enqueue(conn, &outgoing(to))?;
        }
        Ok::<_, diesel::result::Error>(())
    })
    .unwrap();
    wait_until("every job to be done", Duration::from_secs(60), || app.count("jobs WHERE state = 'done'") == 120);
    // Each one was claimed once, by one of the four workers, and each mail arrived once.
    assert_eq!(app.count("jobs WHERE attempts = 1"), 120);
    for to in &recipients {
        assert_eq!(app.mails_to(to).len(), 1, "{to}");
    }
    other.kill().unwrap();
    other.wait().unwrap();
}

#[test]
fn a_job_scheduled_for_later_waits_for_its_time() {
    let app = TestApp::spawn_empty();
    let to = unique_email("later");
    let mut conn = app.db();
    let at = chrono::Utc::now() + chrono::Duration::seconds(2);
    opendetat::jobs::enqueue_at(&mut conn, mail::JOB_KIND, serde_json::to_value(outgoing(&to)).unwrap(), Some(at))
        .unwrap();
    std::thread::sleep(Duration::from_millis(1200));
    assert!(app.mails_to(&to).is_empty(), "sent before its time");
    app.wait_for_mails_to(&to, 1);
    assert!(chrono::Utc::now() >= at);
}

#[test]
fn finished_jobs_are_deleted_after_two_weeks_and_failed_ones_kept() {
    let app = TestApp::spawn_with(false, &[("JOB_WORKERS", "0")]);
    // 2,500 done long ago (more than one batch), some done lately, some failed long ago.
    app.sql("INSERT INTO jobs (kind, state, finished_at) SELECT 'mail', 'done', now() - interval '20 days' FROM generate_series(1, 2500)");
    app.sql("INSERT INTO jobs (kind, state, finished_at) SELECT 'mail', 'done', now() - interval '2 days' FROM generate_series(1, 3)");
    app.sql(
        "INSERT INTO jobs (kind, state, finished_at, last_error) \
         SELECT 'mail', 'failed', now() - interval '20 days', 'refused' FROM generate_series(1, 2)",
    );
    let mut worker = app.spawn_worker(&[]);
    wait_until("old finished jobs to go", Duration::from_secs(20), || {
        app.count("jobs WHERE state = 'done' AND finished_at < now() - interval '14 days'") == 0
    });
    worker.kill().unwrap();
    worker.wait().unwrap();
    assert_eq!(app.count("jobs WHERE state = 'done'"), 3, "recent ones stay");
    assert_eq!(app.count("jobs WHERE state = 'failed'"), 2, "failed ones stay for admins");
}
