//! Seats follow the forum: a larger capacity promotes the people waiting in arrival order, in
//! the transaction of the change (even racing registrations and cancellations); a capacity
//! below the people seated is refused; reserved seats nobody of the category took go back to
//! the general pool at their time.

use std::time::{Duration, Instant};

use opendetat_tests::*;

fn mine(app: &TestApp, slug: &str, who: &TestUser) -> Value {
    app.get_as(&format!("/forums/{slug}/registrations/me"), &who.token).expect(200).json()
}

/// Waits for the mail that tells `who` a seat is theirs (beside the address confirmation and
/// the waitlist's mail, which jobs may deliver in any order).
fn promoted_mail(app: &TestApp, who: &TestUser) {
    let started = Instant::now();
    let promoted = |m: &Mail| m.part("text/plain").is_some_and(|t| t.contains("Une place s'est libérée"));
    while !app.mails_to(&who.email).iter().any(promoted) {
        assert!(started.elapsed() < Duration::from_secs(15), "no mail told {} of their seat", who.email);
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_larger_capacity_promotes_those_waiting_in_order_and_a_smaller_one_never_takes_a_seat() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum qui s'agrandit").open().capacity(2).create(&app, &admin.token).slug();
    let path = format!("/forums/{slug}");
    let people: Vec<TestUser> = (0..5).map(|_| app.user("member")).collect();
    for person in &people {
        RegistrationBuilder::to(&slug).create(&app, &person.token);
    }
    assert_eq!(mine(&app, &slug, &people[4])["position"], 3);

    // Below the two people seated: refused, with its code; nothing changes.
    let refused =
        app.patch(&path, Some(&admin.token), &json!({"capacity": 1})).expect_problem(409, "capacity_below_registered");
    assert!(refused["detail"].as_str().unwrap().contains('2'), "{refused}");
    assert_eq!(app.get(&path).expect(200).json()["capacity"], 2);

    // Two more seats: the first two waiting have them, in the answer's transaction.
    app.patch(&path, Some(&admin.token), &json!({"capacity": 4})).expect(200);
    for (i, status) in [(2, "registered"), (3, "registered"), (4, "waitlisted")] {
        let r = mine(&app, &slug, &people[i]);
        assert_eq!(r["status"], status, "person {i}: {r}");
        assert_eq!(r["promoted_at"].is_string(), status == "registered");
    }
    assert_eq!(mine(&app, &slug, &people[4])["position"], 1);
    // Each is told as on a cancellation: a mail and a notification.
    promoted_mail(&app, &people[2]);
    assert_eq!(super::notifications::notifications(&app, &people[3], 1)[0]["reason"], "promoted");
    app.patch(&path, Some(&admin.token), &json!({"capacity": 3})).expect_problem(409, "capacity_below_registered");

    // No limit any more: everyone waiting has a seat.
    app.patch(&path, Some(&admin.token), &json!({"capacity": null})).expect(200);
    assert_eq!(mine(&app, &slug, &people[4])["status"], "registered");
    let summary = app.get(&format!("{path}/registrations/summary")).expect(200).json();
    assert_eq!((summary["registered"].as_i64(), summary["waitlisted"].as_i64()), (Some(5), Some(0)));
}

#[test]
fn a_capacity_change_racing_fifty_registrations_and_ten_cancellations_leaves_exactly_capacity_seated() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum très demandé").open().capacity(20).create(&app, &admin.token).slug();
    let seated: Vec<TestUser> = (0..10).map(|_| app.user("member")).collect();
    for person in &seated {
        RegistrationBuilder::to(&slug).create(&app, &person.token);
    }
    let newcomers: Vec<TestUser> = (0..50).map(|_| app.user("member")).collect();
    let base = format!("/forums/{slug}/registrations");
    let answers = at_once(61, |i| match i {
        0 => app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"capacity": 30})),
        1..=10 => app.delete(&format!("{base}/me"), Some(&seated[i - 1].token)),
        _ => RegistrationBuilder::to(&slug).send(&app, &newcomers[i - 11].token),
    });
    for (i, answer) in answers.into_iter().enumerate() {
        answer.expect(if i <= 10 { 200 } else { 201 });
    }
    // 50 people still want a seat: exactly 30 have one, 20 wait.
    let summary = app.get(&format!("{base}/summary")).expect(200).json();
    assert_eq!((summary["registered"].as_i64(), summary["waitlisted"].as_i64()), (Some(30), Some(20)), "{summary}");
    // The waitlist in arrival order: everyone seated came before everyone waiting, and the
    // places count 1, 2, 3… in that order.
    let forum = app.get(&format!("/forums/{slug}")).expect(200).json()["id"].as_i64().unwrap();
    let last_seated = app.count(&format!(
        "registrations r WHERE forum_id = {forum} AND status = 'waitlisted' \
           AND id < (SELECT max(id) FROM registrations WHERE forum_id = {forum} AND status = 'registered')"
    ));
    assert_eq!(last_seated, 0, "someone waits who came before someone seated");
    let mut list: Vec<Value> = Vec::new();
    let mut next = Some(base.clone());
    while let Some(page) = next {
        let got = app.get_as(&page, &admin.token).expect(200).json();
        list.extend(got["items"].as_array().unwrap().iter().cloned());
        next = got["next_cursor"].as_str().map(|c| format!("{base}?cursor={c}"));
    }
    let places: Vec<i64> =
        list.iter().filter(|r| r["status"] == "waitlisted").map(|r| r["position"].as_i64().unwrap()).collect();
    assert_eq!(places, (1..=20).collect::<Vec<i64>>());
    // Every promotion told once.
    assert_eq!(
        app.count(&format!(
            "events WHERE type = 'registration.promoted' AND (payload ->> 'forum_id')::bigint = {forum}"
        )),
        app.count(&format!("registrations WHERE forum_id = {forum} AND promoted_at IS NOT NULL"))
    );
}

#[test]
fn reserved_seats_nobody_took_go_back_to_those_waiting_at_their_time() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let until = (chrono::Utc::now() + chrono::Duration::seconds(3)).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let forum = ForumBuilder::new("Forum aux places gardées")
        .open()
        .capacity(3)
        .with("reserved_seats", json!({"seats": 2, "category": "officials", "until": until}))
        .commitments(&[commitment_id(&app, "FR0041")])
        .create(&app, &admin.token);
    assert_eq!(forum["reserved_seats_until"], until.as_str());
    let slug = forum.slug();
    let people: Vec<TestUser> = (0..3).map(|_| app.user("member")).collect();
    for person in &people {
        RegistrationBuilder::to(&slug).create(&app, &person.token);
    }
    assert_eq!(mine(&app, &slug, &people[1])["status"], "waitlisted", "two seats are kept for officials");

    // At their time, nobody of the category came: both go to the people waiting.
    let started = Instant::now();
    while mine(&app, &slug, &people[2])["status"] != "registered" {
        assert!(started.elapsed() < Duration::from_secs(30), "the reserved seats were not given back");
        std::thread::sleep(Duration::from_millis(200));
    }
    let first = mine(&app, &slug, &people[1]);
    assert_eq!((first["status"].as_str(), first["reserved_seat"].as_bool()), (Some("registered"), Some(false)));
    promoted_mail(&app, &people[1]);
    // Given back, the seats are anyone's: an official of the commitment now waits like others.
    let official = UserBuilder::official_of("minister-of-state-digital-sector").create(&app);
    assert_eq!(RegistrationBuilder::to(&slug).create(&app, &official.token)["status"], "waitlisted");
}

#[test]
fn reserved_seats_given_back_now_or_kept_past_the_start_are_told_apart() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum aux places rendues")
        .open()
        .capacity(2)
        .reserved_seats(1, "civil_society")
        .create(&app, &admin.token)
        .slug();
    let path = format!("/forums/{slug}");
    let official = app.user("official");
    let (a, b) = (app.user("official"), app.user("official"));
    RegistrationBuilder::to(&slug).create(&app, &official.token);
    assert_eq!(RegistrationBuilder::to(&slug).create(&app, &a.token)["status"], "waitlisted");
    RegistrationBuilder::to(&slug).create(&app, &b.token);

    // Kept past the start: refused, naming the field (in the request: 422; against the stored
    // start: 409).
    let late = json!({"seats": 1, "category": "civil_society", "until": "2027-06-01T00:00:00Z"});
    let p = app
        .patch(&path, Some(&admin.token), &json!({"reserved_seats": late}))
        .expect_problem(409, "conflicts_with_stored");
    assert_eq!(p["errors"][0]["field"], "reserved_seats.until", "{p}");
    let p = app
        .patch(
            &path,
            Some(&admin.token),
            &json!({"reserved_seats": late, "starts_at": "2027-05-10T16:30:00Z", "capacity": 2}),
        )
        .expect_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["field"], "reserved_seats.until", "{p}");

    // Given back now (a time already past): the first person waiting has the seat at once.
    let now = json!({"seats": 1, "category": "civil_society", "until": "2026-01-01T00:00:00Z"});
    let forum = app.patch(&path, Some(&admin.token), &json!({"reserved_seats": now})).expect(200).json();
    assert_eq!(forum["reserved_seats_until"], "2026-01-01T00:00:00Z");
    assert_eq!(mine(&app, &slug, &a)["status"], "registered");
    assert_eq!(
        (mine(&app, &slug, &b)["status"].as_str(), mine(&app, &slug, &b)["position"].as_i64()),
        (Some("waitlisted"), Some(1))
    );
}
