//! Feedback: participants only, once, editable until it closes; results in aggregate only,
//! nothing below 5 answers, free text once approved, per forum and per format version.

use opendetat_tests::*;

/// Until when the held forums of these tests take answers: they were held in October, so
/// answers would have closed 30 days after.
const OPEN_UNTIL: &str = "'2099-01-01T00:00:00Z'";

#[test]
fn only_participants_answer_once_and_may_change_it_until_it_closes() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let format = FormatBuilder::new("Format avec avis").create(&app, &admin.token).slug();
    let forum = ForumBuilder::new("Forum avec avis")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    let path = format!("/forums/{forum}/feedback");
    let came = app.user("member");
    let stayed_home = app.user("member");
    let registered_only = app.user("member");
    RegistrationBuilder::to(&forum).checked_in(true).insert(&app, &came);
    RegistrationBuilder::to(&forum).checked_in(false).insert(&app, &registered_only);
    app.post(&path, None, &FeedbackBuilder::on(&forum, 4).body()).expect_problem(401, "unauthorized");
    // Someone checked in was there; someone only registered was not (check-ins were done).
    FeedbackBuilder::on(&forum, 4).send(&app, &stayed_home.token).expect_problem(403, "not_a_participant");
    FeedbackBuilder::on(&forum, 4).send(&app, &registered_only.token).expect_problem(403, "not_a_participant");
    // Bad answers.
    let seven = FeedbackBuilder::on(&forum, 7).send(&app, &came.token).expect_problem(422, "validation_failed");
    assert_eq!(seven["errors"][0]["field"], "answers[0].rating");
    app.post(&path, Some(&came.token), &json!({"answers": [{"key": "utilite", "rating": 3, "text": "x"}]}))
        .expect_problem(422, "validation_failed");
    app.post(
        &path,
        Some(&came.token),
        &json!({"answers": [{"key": "utilite", "rating": 3}, {"key": "utilite", "rating": 2}]}),
    )
    .expect_problem(422, "validation_failed");
    app.post(&path, Some(&came.token), &json!({"answers": [{"key": "inconnue", "rating": 3}]}))
        .expect_problem(409, "unknown_reference");
    app.post(&path, Some(&came.token), &json!({"answers": [{"key": "idees", "rating": 3}]}))
        .expect_problem(409, "conflicts_with_stored");
    // Once; then changed.
    let given = FeedbackBuilder::on(&forum, 4).text("Plus de temps.").send(&app, &came.token).expect(201).json();
    assert_eq!(given["answers"][0]["rating"], 4);
    FeedbackBuilder::on(&forum, 5).send(&app, &came.token).expect_problem(409, "already_answered");
    let changed =
        app.put(&format!("{path}/me"), Some(&came.token), &FeedbackBuilder::on(&forum, 5).body()).expect(200).json();
    assert_eq!(changed["answers"].as_array().unwrap().len(), 1);
    assert_eq!(app.get_as(&format!("{path}/me"), &came.token).expect(200).json()["answers"][0]["rating"], 5);
    assert!(app.get_as(&format!("{path}/me"), &stayed_home.token).expect(200).json().is_null());
    // Closed: no more changes.
    app.sql(&format!("UPDATE forums SET feedback_closes_at = now() - interval '1 day' WHERE slug = '{forum}'"));
    app.put(&format!("{path}/me"), Some(&came.token), &FeedbackBuilder::on(&forum, 1).body())
        .expect_problem(409, "feedback_closed");
    assert_eq!(app.get(&path).expect(200).json()["open"], false);
    // Not before the forum is held.
    FeedbackBuilder::on("2027-01-espace-de-dialogue-en-ligne", 4)
        .send(&app, &came.token)
        .expect_problem(409, "forum_not_held");
}

#[test]
fn where_nobody_was_checked_in_nobody_answers_until_an_organiser_records_who_came() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let format = FormatBuilder::new("Format avec avis").create(&app, &admin.token).slug();
    let forum = ForumBuilder::new("Forum avec avis")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    let registered = app.user("member");
    RegistrationBuilder::to(&forum).checked_in(false).insert(&app, &registered);
    FeedbackBuilder::on(&forum, 3).send(&app, &registered.token).expect_problem(403, "not_a_participant");
    app.sql(&format!("UPDATE registrations SET checked_in_at = now() WHERE user_id = {}", registered.id));
    FeedbackBuilder::on(&forum, 3).send(&app, &registered.token).expect(201);
}

#[test]
fn results_are_aggregates_from_five_answers_with_approved_texts_and_no_names() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let format = FormatBuilder::new("Format avec avis").create(&app, &admin.token).slug();
    let forum = ForumBuilder::new("Forum avec avis")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    let path = format!("/forums/{forum}/feedback");
    let people: Vec<TestUser> = (0..5).map(|_| app.user("member")).collect();
    for (i, p) in people.iter().enumerate() {
        RegistrationBuilder::to(&forum).checked_in(true).insert(&app, p);
        if i < 4 {
            FeedbackBuilder::on(&forum, i as i64 + 2)
                .text(&format!("Idée numéro {i}"))
                .send(&app, &p.token)
                .expect(201);
        }
    }
    // While answers are open, nothing is published, whatever the count.
    let open = app.get(&path).expect(200).json();
    assert_eq!(
        (open["results"]["published"].as_bool(), open["results"]["answers_count"].is_null()),
        (Some(false), true)
    );
    // Four answers, closed: no figure at all.
    let close = || {
        app.sql(&format!("UPDATE forums SET feedback_closes_at = now() - interval '1 second' WHERE slug = '{forum}'"))
    };
    let reopen =
        || app.sql(&format!("UPDATE forums SET feedback_closes_at = '2099-01-01T00:00:00Z' WHERE slug = '{forum}'"));
    close();
    let four = app.get(&path).expect(200).json();
    assert_eq!(four["results"]["enough"], false);
    assert!(four["results"]["answers_count"].is_null());
    assert!(four["results"]["questions"]
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["count"].is_null() && q["mean"].is_null()));
    // The fifth: counts, mean, distribution; texts only once approved.
    reopen();
    FeedbackBuilder::on(&forum, 5).send(&app, &people[4].token).expect(201);
    close();
    let five = app.get(&path).expect(200).json();
    assert_eq!(five["results"]["answers_count"], 5);
    let rating = &five["results"]["questions"][0];
    assert_eq!(rating["count"], 5);
    assert_eq!(rating["mean"], 3.8);
    assert_eq!(rating["distribution"], json!([0, 1, 1, 1, 2]));
    let text = &five["results"]["questions"][1];
    assert!(text["count"].is_null(), "four text answers: below the threshold");
    // Organisers see the texts without names and approve them.
    let member = &people[0];
    app.get_as(&format!("{path}/texts"), &member.token).expect_problem(403, "forbidden");
    let texts = app.get_as(&format!("{path}/texts"), &admin.token).expect(200).json();
    assert_eq!(texts.as_array().unwrap().len(), 4);
    let serialized = texts.to_string();
    assert!(!serialized.contains(&member.email) && !serialized.contains("user"), "no names: {serialized}");
    // A fifth text answer brings that question to the threshold; two are approved.
    reopen();
    app.put(
        &format!("{path}/me"),
        Some(&people[4].token),
        &FeedbackBuilder::on(&forum, 5).text("Idée numéro 4").body(),
    )
    .expect(200);
    close();
    let texts = app.get_as(&format!("{path}/texts"), &admin.token).expect(200).json();
    for t in texts.as_array().unwrap().iter().take(2) {
        app.put(&format!("/feedback-texts/{}/approval", t["id"]), Some(&admin.token), &json!({})).expect(200);
    }
    app.put(&format!("/feedback-texts/{}/approval", texts[0]["id"]), Some(&member.token), &json!({}))
        .expect_problem(403, "forbidden");
    let published = app.get(&path).expect(200).json();
    let texts_shown = published["results"]["questions"][1]["texts"].as_array().unwrap().len();
    assert_eq!(texts_shown, 2);
    assert!(!published.to_string().contains(&member.email));
    app.delete(&format!("/feedback-texts/{}/approval", texts[0]["id"]), Some(&admin.token)).expect(200);
    assert_eq!(app.get(&path).expect(200).json()["results"]["questions"][1]["texts"].as_array().unwrap().len(), 1);

    // The format's version 1 has the same figures; a version 2 appears beside it, empty.
    let by_version = app.get(&format!("/formats/{format}/feedback")).expect(200).json();
    assert_eq!(by_version["versions"][0]["results"]["answers_count"], 5);
    let next = json!({"based_on": 1, "change_note": "Plus de temps.", "content": {
        "purpose": "Discuter.", "audience": "Tous.", "agenda": [{"title": "Tables", "minutes": 90}],
        "questionnaire": [{"key": "utilite", "kind": "rating", "label": "Utile ?"}]}});
    app.post(&format!("/formats/{format}/versions"), Some(&admin.token), &next).expect(201);
    let side_by_side = app.get(&format!("/formats/{format}/feedback")).expect(200).json();
    let versions: Vec<(i64, Value)> = side_by_side["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].as_i64().unwrap(), v["results"]["answers_count"].clone()))
        .collect();
    assert_eq!(versions, [(1, json!(5)), (2, Value::Null)]);

    // The organisers' response links to the new version.
    app.put(&format!("{path}/response"), Some(&member.token), &json!({"body": "x"})).expect_problem(403, "forbidden");
    let response = app
        .put(
            &format!("{path}/response"),
            Some(&admin.token),
            &json!({"body": "Nous avons allongé les tables.", "next_version": 2}),
        )
        .expect(200)
        .json();
    assert_eq!(response["next_version"]["version"], 2);
    app.put(&format!("{path}/response"), Some(&admin.token), &json!({"body": "x", "next_version": 9}))
        .expect_problem(409, "unknown_reference");
    assert_eq!(app.get(&path).expect(200).json()["response"]["body"], "Nous avons allongé les tables.");
}
