//! The multi-stakeholder forum: members with their side and term, the balance of the current
//! ones; forums marked as its meetings with their public record (attendance from check-ins,
//! organisations named only where their people agreed, minutes); and the cadence — met at least
//! twice in 12 months, warned 30 days before six months without a meeting.

use diesel::prelude::*;
use diesel::sql_types::Text;
use opendetat_tests::builders::*;
use opendetat_tests::*;

/// A forum `days` from now (negative: in the past), with that status.
fn forum(app: &TestApp, admin: &str, slug: &str, days: i64, status: &str) -> Value {
    ForumBuilder::new(slug).slug(slug).starting_in_days(days).status(status).create(app, admin)
}

/// Six months after the forum began, in Paris days (as the server reckons the gap).
fn six_months_after(app: &TestApp, slug: &str) -> String {
    #[derive(QueryableByName)]
    struct Day {
        #[diesel(sql_type = Text)]
        day: String,
    }
    diesel::sql_query(format!(
        "SELECT ((starts_at AT TIME ZONE 'Europe/Paris')::date + interval '6 months')::date::text AS day \
           FROM forums WHERE slug = '{slug}'"
    ))
    .get_result::<Day>(&mut app.db())
    .unwrap()
    .day
}

#[test]
fn members_are_listed_with_their_side_and_the_balance_of_the_current_ones() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let citizen = app.user("member");
    let chair = MemberBuilder::new("Claire Martin", "Transparency International France")
        .with("position", "Co-présidente")
        .create(&app, &admin.token);
    assert_eq!(chair["current"], true);
    MemberBuilder::new("Paul Durand", "Regards Citoyens").create(&app, &admin.token);
    let official = MemberBuilder::new("Inès Roche", "DINUM").administration().create(&app, &admin.token);
    MemberBuilder::new("Jean Ancien", "Association passée").term("2024-01-01", "2025-06-30").create(&app, &admin.token);

    let forum = app.get("/stakeholder-forum").expect(200).json();
    assert_eq!(forum["balance"], json!({"administration": 1, "civil_society": 2}), "the past member is not counted");
    let names: Vec<&str> = forum["members"].as_array().unwrap().iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Inès Roche", "Claire Martin", "Paul Durand"], "by side, then name");
    assert_eq!(forum["members"][1]["position"], "Co-présidente");
    let all = app.get("/stakeholder-forum/members").expect(200).json();
    assert_eq!(all.as_array().unwrap().len(), 4);
    assert_eq!(all.as_array().unwrap().iter().filter(|m| m["current"] == false).count(), 1);

    // Bad input: nothing stored.
    let refused = MemberBuilder::new("X", "Y")
        .term("2026-05-01", "2026-04-01")
        .send(&app, &admin.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(refused["errors"][0]["field"], "term_ends_on");
    MemberBuilder::new("X", "Y").with("category", "lobby").send(&app, &admin.token).expect(422);
    MemberBuilder::new(" ", "Y").send(&app, &admin.token).expect_problem(422, "validation_failed");
    assert_eq!(app.count("stakeholder_members"), 4);
    app.patch(
        &format!("/stakeholder-forum/members/{}", official.id()),
        Some(&admin.token),
        &json!({"term_ends_on": "2025-12-31"}),
    )
    .expect_problem(409, "conflicts_with_stored");

    // Only admins write.
    MemberBuilder::new("X", "Y").send(&app, &citizen.token).expect_problem(403, "forbidden");
    app.post("/stakeholder-forum/members", None, &MemberBuilder::new("X", "Y").body()).expect(401);

    // A term ended: the member leaves the balance, stays in the full list.
    let ended = app
        .patch(
            &format!("/stakeholder-forum/members/{}", official.id()),
            Some(&admin.token),
            &json!({"term_ends_on": "2026-06-30", "position": null}),
        )
        .expect(200)
        .json();
    assert_eq!(ended["current"], false);
    assert_eq!(
        app.get("/stakeholder-forum").expect(200).json()["balance"],
        json!({"administration": 0, "civil_society": 2})
    );
    app.delete(&format!("/stakeholder-forum/members/{}", chair.id()), Some(&admin.token)).expect(204);
    app.delete(&format!("/stakeholder-forum/members/{}", chair.id()), Some(&admin.token))
        .expect_problem(404, "not_found");
    assert_eq!(
        app.count("events WHERE type LIKE 'stakeholder_member.%' AND audited"),
        6,
        "four added, one changed, one removed — each audited"
    );
}

#[test]
fn the_cadence_says_whether_the_forum_met_twice_in_a_year_and_warns_before_six_months_without_a_meeting() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    let never = app.get("/stakeholder-forum").expect(200).json()["cadence"].clone();
    assert_eq!(never["met_last_12_months"], 0);
    assert_eq!(never["gap_opens_on"], Value::Null);
    assert_eq!(never["warning"], true, "a forum that never met is warned");

    for (slug, days, status) in [
        ("ten-months", -300, "held"),
        ("four-months", -120, "held"),
        ("fourteen-months", -420, "held"),
        ("cancelled", -30, "cancelled"),
    ] {
        forum(&app, &admin.token, slug, days, status);
        stakeholder_meeting(&app, &admin.token, slug);
    }
    forum(&app, &admin.token, "not-a-meeting", -10, "held");
    let cadence = app.get("/stakeholder-forum").expect(200).json()["cadence"].clone();
    assert_eq!(cadence["met_last_12_months"], 2, "not the one 14 months ago, the cancelled one or a plain forum");
    assert_eq!(cadence["met_twice_in_12_months"], true);
    assert_eq!(cadence["gap_opens_on"], six_months_after(&app, "four-months"));
    assert_eq!(cadence["warning"], false, "the gap opens in about two months");
    assert_eq!(cadence["next_meeting_at"], Value::Null);

    // Without the meeting four months ago, the last was ten months ago: the gap is open.
    app.delete("/forums/four-months/stakeholder-meeting", Some(&admin.token)).expect(204);
    let cadence = app.get("/stakeholder-forum").expect(200).json()["cadence"].clone();
    assert_eq!(cadence["met_last_12_months"], 1);
    assert_eq!(cadence["met_twice_in_12_months"], false);
    assert_eq!(cadence["warning"], true);

    // A meeting announced in 20 days closes it; one 5 months and 10 days ago leaves 20 days: warned.
    forum(&app, &admin.token, "next", 20, "open");
    stakeholder_meeting(&app, &admin.token, "next");
    let cadence = app.get("/stakeholder-forum").expect(200).json()["cadence"].clone();
    assert!(cadence["next_meeting_at"].is_string());
    assert_eq!(cadence["gap_opens_on"], six_months_after(&app, "next"));
    assert_eq!(cadence["warning"], false);
    app.delete("/forums/next/stakeholder-meeting", Some(&admin.token)).expect(204);
    forum(&app, &admin.token, "almost-six-months", -162, "held");
    stakeholder_meeting(&app, &admin.token, "almost-six-months");
    let cadence = app.get("/stakeholder-forum").expect(200).json()["cadence"].clone();
    assert_eq!(cadence["met_twice_in_12_months"], true);
    assert_eq!(cadence["warning"], true, "the gap opens in about 20 days");
}

#[test]
fn a_meeting_publishes_its_attendance_and_the_organisations_whose_people_agreed() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    forum(&app, &admin.token, "forum-multi-acteurs", -2, "held");
    app.get("/forums/forum-multi-acteurs/stakeholder-meeting").expect_problem(404, "not_found");

    let mut people = Vec::new();
    for (organisation, checked_in) in
        [("Regards Citoyens", true), ("DINUM", true), ("Discrète SA", true), ("Absente", false)]
    {
        let person = app.user("member");
        app.sql(&format!("UPDATE users SET organisation = '{organisation}' WHERE id = {}", person.id));
        RegistrationBuilder::to("forum-multi-acteurs").checked_in(checked_in).insert(&app, &person);
        people.push(person);
    }
    // Consent is for the meetings of the forum, and for people registered.
    app.put("/forums/forum-multi-acteurs/organisation-consent", Some(&people[0].token), &Value::Null)
        .expect_problem(409, "not_a_stakeholder_meeting");
    let meeting = stakeholder_meeting(&app, &admin.token, "forum-multi-acteurs");
    assert_eq!(meeting["held"], true);
    assert_eq!(meeting["attendance"], 3);
    assert_eq!(meeting["organisations_present"], json!([]), "nobody agreed yet");
    let stranger = app.user("member");
    app.put("/forums/forum-multi-acteurs/organisation-consent", Some(&stranger.token), &Value::Null)
        .expect_problem(409, "no_registration");
    app.put("/forums/forum-multi-acteurs/organisation-consent", None, &Value::Null).expect(401);

    for person in [&people[0], &people[1], &people[3]] {
        let consent = app
            .put("/forums/forum-multi-acteurs/organisation-consent", Some(&person.token), &Value::Null)
            .expect(200)
            .json();
        assert!(consent["given_at"].is_string());
    }
    let meeting = app.get("/forums/forum-multi-acteurs/stakeholder-meeting").expect(200).json();
    assert_eq!(
        meeting["organisations_present"],
        json!(["DINUM", "Regards Citoyens"]),
        "not the one who did not agree, nor the one absent"
    );
    assert_eq!(meeting["minutes_published"], false);
    let overview = app.get("/stakeholder-forum").expect(200).json();
    assert_eq!(overview["meetings"][0]["forum"]["slug"], "forum-multi-acteurs");
    assert_eq!(overview["meetings"][0]["organisations_present"], json!(["DINUM", "Regards Citoyens"]));

    // Withdrawn: no longer named; the consent is one's own (private events, audited).
    app.delete("/forums/forum-multi-acteurs/organisation-consent", Some(&people[1].token)).expect(204);
    let mine = app.get_as("/forums/forum-multi-acteurs/organisation-consent", &people[1].token).expect(200).json();
    assert_eq!(mine["given_at"], Value::Null);
    assert_eq!(mine["organisation"], "DINUM");
    assert_eq!(
        app.get("/forums/forum-multi-acteurs/stakeholder-meeting").expect(200).json()["organisations_present"],
        json!(["Regards Citoyens"])
    );
    assert_eq!(app.count("events WHERE type = 'forum.organisation_shared' AND audited"), 3);
    assert_eq!(app.count("events WHERE type = 'forum.organisation_unshared' AND audited"), 1);

    // Minutes published by the organisers show on the record; marking is for admins only.
    MinutesBuilder::of("forum-multi-acteurs").create(&app, &admin.token);
    assert_eq!(
        app.get("/forums/forum-multi-acteurs/stakeholder-meeting").expect(200).json()["minutes_published"],
        true
    );
    app.put("/forums/forum-multi-acteurs/stakeholder-meeting", Some(&people[0].token), &Value::Null)
        .expect_problem(403, "forbidden");
    app.delete("/forums/forum-multi-acteurs/stakeholder-meeting", None).expect(401);
}
