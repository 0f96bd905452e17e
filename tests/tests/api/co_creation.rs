//! Co-creating a plan: the timeline published at least 14 days before its first phase, or with
//! a reason shown to all; phases seen by the public only once published; the timeline as
//! iCalendar (read back by Python's icalendar); the plan's followers told of the publication
//! and of each phase's opening, once.

use opendetat_tests::builders::*;
use opendetat_tests::*;

use crate::calendar::parse_ics;
use crate::notifications::notifications;

fn in_preparation(app: &TestApp, admin: &str, slug: &str) -> Value {
    ActionPlanBuilder::new(slug).with("status", "in_preparation").create(app, admin)
}

#[test]
fn a_timeline_is_published_14_days_ahead_or_with_a_public_reason() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let plan = in_preparation(&app, &admin.token, "fr-2027-2029");
    assert_eq!(plan["status"], "in_preparation");
    app.post("/action-plans/fr-2027-2029/timeline/publication", Some(&admin.token), &json!({}))
        .expect_problem(409, "timeline_empty");

    let phase = PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 10).create(&app, &admin.token);
    assert_eq!(phase["open"], false, "not open before the timeline is published");
    // Admins see the draft timeline; the public sees nothing of it yet.
    assert_eq!(app.get("/action-plans/fr-2027-2029/timeline").expect(200).json()["phases"], json!([]));
    let draft = app.get_as("/action-plans/fr-2027-2029/timeline", &admin.token).expect(200).json();
    assert_eq!(draft["phases"].as_array().unwrap().len(), 1);
    app.get("/action-plans/fr-2027-2029/timeline.ics").expect_problem(404, "not_found");

    // Ten days' notice is too short: refused, with the field to mend, and nothing stored.
    let refused = app
        .post("/action-plans/fr-2027-2029/timeline/publication", Some(&admin.token), &json!({}))
        .expect_problem(422, "notice_too_short");
    assert_eq!(refused["errors"][0]["field"], "late_reason");
    assert_eq!(app.count("action_plans WHERE timeline_published_at IS NOT NULL"), 0);
    assert_eq!(app.count("events WHERE type = 'action_plan.timeline_published'"), 0);

    // With a reason, it is published, and the reason is public.
    let published = app
        .post(
            "/action-plans/fr-2027-2029/timeline/publication",
            Some(&admin.token),
            &json!({"late_reason": "Le Gouvernement a arrêté le calendrier le 1er décembre."}),
        )
        .expect(200)
        .json();
    assert!(published["published_at"].is_string());
    let public = app.get("/action-plans/fr-2027-2029/timeline").expect(200).json();
    assert_eq!(public["late_reason"], "Le Gouvernement a arrêté le calendrier le 1er décembre.");
    assert_eq!(public["phases"][0]["title"], "Appel à propositions");
    assert_eq!(public["open_for_proposals"], Value::Null, "the phase opens in ten days");
    assert_eq!(
        app.get("/action-plans/fr-2027-2029").expect(200).json()["timeline_late_reason"],
        "Le Gouvernement a arrêté le calendrier le 1er décembre."
    );
    app.post("/action-plans/fr-2027-2029/timeline/publication", Some(&admin.token), &json!({}))
        .expect_problem(409, "timeline_published");

    // Fifteen days ahead needs no reason; a phase added later must keep the notice too.
    in_preparation(&app, &admin.token, "fr-2029-2031");
    let first = PhaseBuilder::call_for_proposals(&app, "fr-2029-2031", 15).create(&app, &admin.token);
    app.post("/action-plans/fr-2029-2031/timeline/publication", Some(&admin.token), &json!({})).expect(200);
    let late = PhaseBuilder::call_for_proposals(&app, "fr-2029-2031", 3)
        .send(&app, &admin.token)
        .expect_problem(422, "notice_too_short");
    assert_eq!(late["errors"][0]["field"], "opens_on");
    app.patch(
        &format!("/co-creation-phases/{}", first.id()),
        Some(&admin.token),
        &json!({"opens_on": paris_day(&app, 2)}),
    )
    .expect_problem(422, "notice_too_short");
    app.patch(
        &format!("/co-creation-phases/{}", first.id()),
        Some(&admin.token),
        &json!({"closes_on": paris_day(&app, 1)}),
    )
    .expect_problem(409, "conflicts_with_stored");
    let later = app
        .patch(
            &format!("/co-creation-phases/{}", first.id()),
            Some(&admin.token),
            &json!({"title": "Appel à idées", "opens_on": paris_day(&app, 20), "closes_on": paris_day(&app, 50)}),
        )
        .expect(200)
        .json();
    assert_eq!(later["title"], "Appel à idées");

    // A plan being carried out has no timeline to publish.
    ActionPlanBuilder::new("fr-2025-2027").create(&app, &admin.token);
    PhaseBuilder::call_for_proposals(&app, "fr-2025-2027", 30).create(&app, &admin.token);
    app.post("/action-plans/fr-2025-2027/timeline/publication", Some(&admin.token), &json!({}))
        .expect_problem(409, "not_in_preparation");

    // Only admins write timelines.
    let official = app.user("official");
    PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 30).send(&app, &official.token).expect(403);
    app.post("/action-plans/fr-2027-2029/phases", None, &json!({})).expect(401);
}

#[test]
fn the_timeline_is_a_calendar_of_all_day_phases() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    in_preparation(&app, &admin.token, "fr-2027-2029");
    let call = PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 20).create(&app, &admin.token);
    PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 60)
        .with("kind", "public_comment")
        .with("title", "Consultation sur le projet de plan ; dernière étape")
        .with("accepts_proposals", false)
        .create(&app, &admin.token);
    app.post("/action-plans/fr-2027-2029/timeline/publication", Some(&admin.token), &json!({})).expect(200);
    let resp = app.get("/action-plans/fr-2027-2029/timeline.ics").expect(200);
    assert_eq!(resp.header("content-type"), Some("text/calendar; charset=utf-8"));
    let cal = parse_ics(&resp.text);
    let events = cal["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["summary"], "Appel à propositions");
    assert_eq!(events[0]["start"], call["opens_on"], "an all-day event on the opening day");
    // DTEND is the day after the last one (RFC 5545's exclusive end of an all-day event).
    assert_eq!(events[0]["end"], json!(paris_day(&app, 51)));
    assert_eq!(events[1]["summary"], "Consultation sur le projet de plan ; dernière étape", "escaping survives");
    assert!(events[0]["uid"].as_str().unwrap().starts_with(&format!("co-creation-phase-{}@", call.id())));
}

#[test]
fn followers_of_a_plan_hear_of_its_timeline_and_of_each_phase_opening_once() {
    // Workers look for phases that opened on each beat (every second with a 2 s lease).
    let app = TestApp::spawn_with(false, &[("JOB_LEASE_SECS", "2")]);
    let admin = app.user("admin");
    let follower = app.user("member");
    in_preparation(&app, &admin.token, "fr-2027-2029");
    app.put("/me/follows/action_plan/fr-2027-2029", Some(&follower.token), &json!(null)).expect(200);
    PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 0).create(&app, &admin.token);
    PhaseBuilder::call_for_proposals(&app, "fr-2027-2029", 40).with("title", "Rédaction").create(&app, &admin.token);
    app.post(
        "/action-plans/fr-2027-2029/timeline/publication",
        Some(&admin.token),
        &json!({"late_reason": "Calendrier arrêté tardivement."}),
    )
    .expect(200);
    let heard = notifications(&app, &follower, 2);
    let reasons: Vec<&str> = heard.iter().map(|n| n["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, ["phase_opened", "timeline_published"], "newest first");
    assert_eq!(heard[0]["subject"]["path"], "/plans/fr-2027-2029/concertation", "its concertation");
    // Beats go on: the phase that opened is told once, the one to come not yet.
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert_eq!(app.count("events WHERE type = 'action_plan.phase_opened'"), 1);
    assert_eq!(app.count(&format!("notifications WHERE user_id = {}", follower.id)), 2);
}
