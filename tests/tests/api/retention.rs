//! Retention (issue 24, point 4): what the job workers' housekeeping forgets, and what it keeps.

use std::time::Duration;

use opendetat_tests::*;

#[test]
fn spent_links_idle_throttles_and_year_old_notifications_are_forgotten() {
    // A short lease: the housekeeping beat (half of it) comes every second.
    let app = TestApp::spawn_with(false, &[("JOB_LEASE_SECS", "2")]);
    let member = app.user("member");
    let id = member.id;
    app.sql(&format!(
        "INSERT INTO mail_tokens (user_id, purpose, token_hash, expires_at, used_at, created_at) VALUES \
           ({id}, 'reset_password', 'old-used', now() - interval '9 days', now() - interval '8 days', now() - interval '9 days'), \
           ({id}, 'reset_password', 'old-expired', now() - interval '8 days', NULL, now() - interval '9 days'), \
           ({id}, 'reset_password', 'recent', now() - interval '1 day', now() - interval '1 day', now() - interval '2 days')"
    ));
    app.sql(
        "INSERT INTO login_throttle (key, failures, window_started_at, blocked_until) VALUES \
           ('idle@example.org', 3, now() - interval '2 days', NULL), \
           ('recent@example.org', 3, now() - interval '10 minutes', NULL), \
           ('blocked@example.org', 9, now() - interval '2 days', now() + interval '5 minutes')",
    );
    app.sql(&format!(
        "INSERT INTO notifications (user_id, event_id, reason, created_at, mail) VALUES \
           ({id}, -1, 'reply', now() - interval '400 days', 'none'), \
           ({id}, -2, 'reply', now() - interval '10 days', 'none')"
    ));
    let gone = |app: &TestApp| {
        app.count("mail_tokens WHERE token_hash IN ('old-used', 'old-expired')") == 0
            && app.count("login_throttle WHERE key = 'idle@example.org'") == 0
            && app.count("notifications WHERE event_id = -1") == 0
    };
    for _ in 0..200 {
        if gone(&app) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(gone(&app), "what is past its time is forgotten");
    // What is still within its time stays: a recent link, a throttle still counting or still
    // blocking, a notification of ten days, and the sign-up's own link.
    assert_eq!(app.count("mail_tokens WHERE token_hash = 'recent'"), 1);
    assert_eq!(app.count("mail_tokens WHERE purpose = 'verify_email'"), 1);
    assert_eq!(app.count("login_throttle WHERE key IN ('recent@example.org', 'blocked@example.org')"), 2);
    assert_eq!(app.count("notifications WHERE event_id = -2"), 1);
}
