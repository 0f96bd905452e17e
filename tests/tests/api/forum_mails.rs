//! The forum's mails: the confirmation carries the forum's .ics; a change of time or place and
//! a cancellation reach everyone registered or waiting; the reminder goes 48 hours before, once;
//! the organiser hears at 80 % and 100 % of the seats, once each.

use opendetat_tests::*;

use super::calendar::parse_ics;

/// The mails to `to` whose text says `needle`, once there are `n` of them (a job sends them in
/// the background; the sign-up's own mail is left out this way).
fn mails_saying(app: &TestApp, to: &str, needle: &str, n: usize) -> Vec<Mail> {
    let started = std::time::Instant::now();
    loop {
        let found: Vec<Mail> =
            app.mails_to(to).into_iter().filter(|m| m.part("text/plain").is_some_and(|t| t.contains(needle))).collect();
        if found.len() >= n || started.elapsed() > std::time::Duration::from_secs(20) {
            assert!(found.len() >= n, "{n} mail(s) to {to} saying {needle:?}, found {}", found.len());
            return found;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// All the forum's mails to `to` (everything but the sign-up's).
fn forum_mails(app: &TestApp, to: &str) -> usize {
    app.mails_to(to).iter().filter(|m| m.part("text/plain").is_some_and(|t| t.contains("Forum courriels"))).count()
}

#[test]
fn the_confirmation_carries_the_forums_calendar_and_changes_reach_everyone() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let slug = ForumBuilder::new("Forum courriels")
        .open()
        .capacity(1)
        .starting_in_days(10)
        .create(&app, &official.token)
        .slug();
    let seated = app.user("member");
    let waiting = app.user("member");
    RegistrationBuilder::to(&slug).create(&app, &seated.token);
    RegistrationBuilder::to(&slug).create(&app, &waiting.token);
    let confirmation = mails_saying(&app, &seated.email, "est confirmée", 1);
    let ics = confirmation[0]
        .part("text/calendar")
        .unwrap_or_else(|| panic!("no calendar attached: {}", confirmation[0].data));
    let parsed = parse_ics(&ics);
    assert_eq!(parsed["events"][0]["sequence"], 0);
    assert!(parsed["events"][0]["summary"].as_str().unwrap().starts_with("Forum courriels"));
    assert!(
        mails_saying(&app, &waiting.email, "liste d'attente", 1)[0].part("text/calendar").is_none(),
        "no calendar for the waitlist"
    );

    // A new place: both hear of it, with the updated calendar (SEQUENCE 1).
    app.patch(
        &format!("/forums/{slug}"),
        Some(&official.token),
        &json!({"location": "Salle 2, 139 rue de Bercy, Paris"}),
    )
    .expect(200);
    // A change calendars do not show (capacity) sends nothing.
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"capacity": 3})).expect(200);
    mails_saying(&app, &waiting.email, "change d'heure ou de lieu", 1);
    let changed_ics =
        parse_ics(&mails_saying(&app, &seated.email, "change d'heure ou de lieu", 1)[0].part("text/calendar").unwrap());
    assert_eq!(changed_ics["events"][0]["location"], "Salle 2, 139 rue de Bercy, Paris");
    assert_eq!(changed_ics["events"][0]["sequence"], 1);
    // Cancelled: everyone hears, and the calendar strikes it out.
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"status": "cancelled"})).expect(200);
    let cancelled = mails_saying(&app, &seated.email, "est annulé", 1);
    assert_eq!(parse_ics(&cancelled[0].part("text/calendar").unwrap())["events"][0]["status"], "CANCELLED");
    mails_saying(&app, &waiting.email, "est annulé", 1);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(forum_mails(&app, &seated.email), 3, "confirmed, changed, cancelled: nothing twice");
}

#[test]
fn the_organiser_hears_at_80_and_100_percent_once_each() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let slug = ForumBuilder::new("Forum courriels")
        .open()
        .capacity(5)
        .starting_in_days(10)
        .create(&app, &official.token)
        .slug();
    let people: Vec<TestUser> = (0..6).map(|_| app.user("member")).collect();
    for p in &people[..4] {
        RegistrationBuilder::to(&slug).create(&app, &p.token);
    }
    mails_saying(&app, &official.email, "80 % de ses places (4)", 1);
    // A cancellation and a new registration at 4 again: no second "80 %".
    app.delete(&format!("/forums/{slug}/registrations/me"), Some(&people[3].token)).expect(200);
    RegistrationBuilder::to(&slug).create(&app, &people[3].token);
    RegistrationBuilder::to(&slug).create(&app, &people[4].token);
    mails_saying(&app, &official.email, "Toutes les places", 1);
    RegistrationBuilder::to(&slug).create(&app, &people[5].token);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(forum_mails(&app, &official.email), 2, "once each");
}

#[test]
fn the_reminder_goes_48_hours_before_to_those_with_a_seat_once() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let slug = ForumBuilder::new("Forum courriels")
        .open()
        .capacity(1)
        .starting_in_days(5)
        .create(&app, &official.token)
        .slug();
    let seated = app.user("member");
    let waiting = app.user("member");
    RegistrationBuilder::to(&slug).create(&app, &seated.token);
    RegistrationBuilder::to(&slug).create(&app, &waiting.token);
    assert_eq!(app.count("jobs WHERE kind = 'forum_reminders' AND state = 'queued'"), 1, "one job for the forum");
    // Time passes (the test moves the dates rather than sleeping): the forum is in 47 hours and
    // its job is due; a second, duplicate job is due too.
    app.sql(&format!("UPDATE forums SET starts_at = now() + interval '47 hours', ends_at = now() + interval '49 hours' WHERE slug = '{slug}'"));
    app.sql("UPDATE jobs SET run_at = now() WHERE kind = 'forum_reminders'");
    app.sql("INSERT INTO jobs (kind, payload) SELECT kind, payload FROM jobs WHERE kind = 'forum_reminders'");
    let reminder = mails_saying(&app, &seated.email, "a lieu dans deux jours", 1);
    assert!(reminder[0].part("text/calendar").is_some());
    for _ in 0..50 {
        if app.count("jobs WHERE kind = 'forum_reminders' AND state <> 'done'") == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(app.count("jobs WHERE kind = 'forum_reminders' AND state <> 'done'"), 0);
    assert_eq!(
        mails_saying(&app, &seated.email, "a lieu dans deux jours", 1).len(),
        1,
        "reminded once, though two jobs ran"
    );
    assert_eq!(forum_mails(&app, &waiting.email), 1, "no reminder without a seat");
}
