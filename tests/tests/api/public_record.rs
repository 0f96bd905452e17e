//! The public record cannot be bent (issue 17): an institution's answer is never deleted or
//! silently rewritten, a hidden answer is shown nowhere and stops counting, corrected minutes
//! keep their earlier versions, feedback results cannot be unmasked by difference, reports are
//! no weapon, attendee lists are for a forum's organisers, and CSV is safe in a French
//! spreadsheet.

use opendetat_tests::*;

const LEAD: &str = "minister-of-state-digital-sector";

/// A question about FR0041 answered by an official of its lead institution: (question id,
/// the answer's comment id, the official).
fn answered_question(app: &TestApp, body: &str) -> (i64, i64, TestUser) {
    let id = QuestionBuilder::on("/commitments/FR0041").create(app, &app.user("member").token).id();
    let official = UserBuilder::official_of(LEAD).create(app);
    let answered = AnswerBuilder::to(id).text(body).create(app, &official.token);
    (id, answered["answers"][0]["comment_id"].as_i64().unwrap(), official)
}

fn answered_count(app: &TestApp) -> i64 {
    app.get(&format!("/institutions/{LEAD}/record")).expect(200).json()["questions_answered"].as_i64().unwrap()
}

fn listed_as_answered(app: &TestApp, question: i64) -> bool {
    collect_pages(app, "/questions?status=answered", None).iter().any(|q| q["id"] == question)
}

#[test]
fn an_answer_is_never_deleted_and_each_edit_keeps_the_text_it_replaces() {
    let app = TestApp::spawn();
    let before = answered_count(&app);
    let (q, comment, official) = answered_question(&app, "Le compte rendu paraîtra le 3 mars.");
    assert_eq!(answered_count(&app), before + 1);
    let path = format!("/comments/{comment}");
    assert_eq!(app.get(&path).expect(200).json()["on_record"], true);

    // Neither its author nor an admin deletes it.
    let refused = app.delete(&path, Some(&official.token)).expect_problem(409, "answer_on_record");
    assert!(refused["detail"].as_str().unwrap().contains("public record"), "{refused}");
    app.delete(&path, Some(&app.user("admin").token)).expect_problem(409, "answer_on_record");
    // Not even in SQL.
    let mut db = app.db();
    let sql_delete = diesel::RunQueryDsl::execute(
        diesel::sql_query(format!("UPDATE comments SET deleted_at = now(), body = '' WHERE id = {comment}")),
        &mut db,
    );
    assert!(sql_delete.is_err(), "the database refuses to delete an answer");

    // An edit keeps the earlier text, readable by anyone; the answer still stands.
    app.patch(&path, Some(&official.token), &json!({"body": "Le compte rendu paraîtra le 10 mars."})).expect(200);
    app.patch(&path, Some(&official.token), &json!({"body": "Le compte rendu paraîtra le 17 mars."})).expect(200);
    let question = app.get(&format!("/questions/{q}")).expect(200).json();
    assert_eq!(question["status"], "answered");
    let answer = &question["answers"][0];
    assert!(answer["body_html"].as_str().unwrap().contains("17 mars"));
    assert!(answer["edited_at"].is_string());
    assert_eq!(answer["stands"], true);
    let earlier: Vec<&str> =
        answer["earlier_versions"].as_array().unwrap().iter().map(|v| v["body_html"].as_str().unwrap()).collect();
    assert_eq!(earlier.len(), 2);
    assert!(earlier[0].contains("3 mars") && earlier[1].contains("10 mars"), "{earlier:?}");
    let v = &answer["earlier_versions"];
    assert!(v[0]["written_at"].as_str().unwrap() <= v[0]["replaced_at"].as_str().unwrap());
    assert_eq!(v[0]["replaced_at"], v[1]["written_at"]);
    assert_eq!(answered_count(&app), before + 1);
    // The versions cannot be rewritten either.
    let rewrite =
        diesel::RunQueryDsl::execute(diesel::sql_query("UPDATE comment_versions SET body = 'autre'"), &mut db);
    assert!(rewrite.is_err(), "comment_versions is append-only");
    let erase = diesel::RunQueryDsl::execute(diesel::sql_query("DELETE FROM comment_versions"), &mut db);
    assert!(erase.is_err(), "comment_versions is append-only");

    // An ordinary comment is still deleted by its author.
    let member = app.user("member");
    let mine = builders::comment(&app, &member.token, "/commitments/FR0041", "À supprimer.");
    assert_eq!(mine["on_record"], false);
    app.delete(&format!("/comments/{}", mine["id"]), Some(&member.token)).expect(204);
}

#[test]
fn a_hidden_answer_is_shown_nowhere_and_the_question_awaits_an_answer_again() {
    let app = TestApp::spawn();
    let before = answered_count(&app);
    let (q, comment, official) = answered_question(&app, "Réponse contenant le mot zygomorphe.");
    assert!(listed_as_answered(&app, q));
    let moderator = app.user("moderator");
    app.put(
        &format!("/comments/{comment}/moderation"),
        Some(&moderator.token),
        &json!({"hidden": true, "reason": "données personnelles"}),
    )
    .expect(200);

    // Its text is nowhere: not on the question, the discussion, the activity feed nor search.
    let question = app.get(&format!("/questions/{q}")).expect(200).json();
    assert_eq!(question["status"], "awaiting");
    let answer = &question["answers"][0];
    assert!(answer["body_html"].is_null());
    assert_eq!(answer["stands"], false);
    assert_eq!(answer["hidden_reason"], "données personnelles");
    assert!(!question.to_string().contains("zygomorphe"), "{question}");
    assert!(!app.get(&format!("/questions/{q}/comments")).expect(200).text.contains("zygomorphe"));
    assert!(!app.get("/comments").expect(200).text.contains("zygomorphe"));
    assert_eq!(app.get("/search?q=zygomorphe").expect(200).json()["items"], json!([]));
    // It counts nowhere: the question is open again and the record lost the answer.
    assert!(!listed_as_answered(&app, q));
    assert!(collect_pages(&app, "/questions?status=open", None).iter().any(|x| x["id"] == q));
    assert_eq!(answered_count(&app), before);

    // Edits of a hidden answer are refused, like any hidden comment's.
    app.patch(&format!("/comments/{comment}"), Some(&official.token), &json!({"body": "Autre chose."}))
        .expect_problem(409, "comment_unavailable");

    // The institution answers again; shown again later, the first answer is set aside.
    let again = app
        .post(&format!("/questions/{q}/answers"), Some(&official.token), &json!({"body": "Une réponse nouvelle."}))
        .expect(201)
        .json();
    assert_eq!(again["status"], "answered");
    assert_eq!(answered_count(&app), before + 1);
    app.put(&format!("/comments/{comment}/moderation"), Some(&moderator.token), &json!({"hidden": false})).expect(200);
    let question = app.get(&format!("/questions/{q}")).expect(200).json();
    let answers = question["answers"].as_array().unwrap();
    assert_eq!((answers[0]["stands"].as_bool(), answers[0]["superseded_at"].is_string()), (Some(false), true));
    assert!(answers[0]["body_html"].as_str().unwrap().contains("zygomorphe"));
    assert_eq!(answers[1]["stands"], true);
    assert_eq!(answered_count(&app), before + 1, "one standing answer, counted once");

    // Shown again with no other answer standing, an answer stands again, on its own date.
    let (q2, comment2, _) = answered_question(&app, "Deuxième question, première réponse.");
    app.put(&format!("/comments/{comment2}/moderation"), Some(&moderator.token), &json!({"hidden": true})).expect(200);
    assert_eq!(answered_count(&app), before + 1);
    app.put(&format!("/comments/{comment2}/moderation"), Some(&moderator.token), &json!({"hidden": false})).expect(200);
    let shown = app.get(&format!("/questions/{q2}")).expect(200).json();
    assert_eq!((shown["status"].as_str(), shown["answers"][0]["stands"].as_bool()), (Some("answered"), Some(true)));
    assert_eq!(answered_count(&app), before + 2);
}

#[test]
fn corrected_minutes_keep_what_they_said_before() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum au compte rendu corrigé").held().create(&app, &admin.token).slug();
    let path = format!("/forums/{slug}/minutes");
    MinutesBuilder::of(&slug).text("Douze personnes étaient là.").attendees(12).create(&app, &admin.token);
    let first = app.get(&path).expect(200).json();
    assert_eq!(first["earlier_versions"], json!([]));
    let corrected = MinutesBuilder::of(&slug).text("Quinze personnes étaient là.").attendees(15);
    corrected.send(&app, &admin.token).expect(200);
    // The same text again is no new version.
    corrected.send(&app, &admin.token).expect(200);
    let corrected = app.get(&path).expect(200).json();
    assert!(corrected["body_html"].as_str().unwrap().contains("Quinze"));
    let earlier = corrected["earlier_versions"].as_array().unwrap();
    assert_eq!(earlier.len(), 1);
    assert!(earlier[0]["body_html"].as_str().unwrap().contains("Douze"));
    assert_eq!(earlier[0]["attendees_count"], 12);
    assert_eq!(earlier[0]["written_at"], first["published_at"]);
    let rewrite = diesel::RunQueryDsl::execute(
        diesel::sql_query("UPDATE forum_minutes_versions SET body = 'autre'"),
        &mut app.db(),
    );
    assert!(rewrite.is_err(), "forum_minutes_versions is append-only");
}

/// Until when the held forums of these tests take answers: tomorrow.
const OPEN_UNTIL: &str = "now() + interval '1 day'";

#[test]
fn only_people_recorded_as_present_answer_and_an_organiser_may_record_them_afterwards() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let format = FormatBuilder::new("Format du registre").rating_only().create(&app, &admin.token).slug();
    let forum = ForumBuilder::new("Forum du registre")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    // Nobody was checked in at the door: being registered is not enough.
    let person = app.user("member");
    let registration = RegistrationBuilder::to(&forum).checked_in(false).insert(&app, &person);
    FeedbackBuilder::on(&forum, 4).send(&app, &person.token).expect_problem(403, "not_a_participant");
    // An organiser marks her present from the list after the forum: now she answers.
    app.post(&format!("/forums/{forum}/registrations/{registration}/check-in"), Some(&admin.token), &json!(null))
        .expect(200);
    FeedbackBuilder::on(&forum, 4).send(&app, &person.token).expect(201);
}

#[test]
fn results_are_published_only_once_answers_close_and_never_move_after() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let format = FormatBuilder::new("Format du registre").rating_only().create(&app, &admin.token).slug();
    let forum = ForumBuilder::new("Forum du registre")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    let path = format!("/forums/{forum}/feedback");
    let people: Vec<TestUser> = (0..7).map(|_| app.user("member")).collect();
    for p in &people {
        RegistrationBuilder::to(&forum).checked_in(true).insert(&app, p);
    }
    // Four identical answers, then a real participant's, then a sixth: while answers are open,
    // nothing is published, so no difference reveals anyone.
    for (i, p) in people.iter().take(6).enumerate() {
        FeedbackBuilder::on(&forum, if i == 4 { 1 } else { 5 }).send(&app, &p.token).expect(201);
        let open = app.get(&path).expect(200).json();
        assert_eq!(open["open"], true);
        let results = &open["results"];
        assert_eq!(
            (results["published"].as_bool(), results["answers_count"].is_null()),
            (Some(false), true),
            "{results}"
        );
        assert!(results["questions"][0]["count"].is_null() && results["questions"][0]["distribution"].is_null());
    }
    // The format's results do not count a forum still taking answers either.
    let by_version = app.get(&format!("/formats/{format}/feedback")).expect(200).json();
    assert!(by_version["versions"][0]["results"]["answers_count"].is_null());

    // Closed: published, and frozen.
    app.sql(&format!("UPDATE forums SET feedback_closes_at = now() - interval '1 second' WHERE slug = '{forum}'"));
    let closed = app.get(&path).expect(200).json();
    assert_eq!(closed["open"], false);
    assert_eq!(closed["results"]["published"], true);
    assert_eq!(closed["results"]["answers_count"], 6);
    assert_eq!(closed["results"]["questions"][0]["distribution"], json!([1, 0, 0, 0, 5]));
    FeedbackBuilder::on(&forum, 3).send(&app, &people[6].token).expect_problem(409, "feedback_closed");
    app.put(&format!("{path}/me"), Some(&people[0].token), &json!({"answers": [{"key": "utilite", "rating": 2}]}))
        .expect_problem(409, "feedback_closed");
    assert_eq!(app.get(&path).expect(200).json()["results"], closed["results"]);
    // Editing the held forum does not reopen its answers.
    app.patch(
        &format!("/forums/{forum}"),
        Some(&admin.token),
        &json!({"ends_at": "2099-01-01T18:00:00Z", "starts_at": "2099-01-01T16:00:00Z"}),
    )
    .expect(200);
    assert_eq!(app.get(&path).expect(200).json()["results"], closed["results"]);
    assert_eq!(
        app.get(&format!("/formats/{format}/feedback")).expect(200).json()["versions"][0]["results"]["answers_count"],
        6
    );

    // A second forum of the same version, closed with one answer: its results stay unpublished,
    // and the version's do not take it in (the difference would be that one person).
    let small = ForumBuilder::new("Forum restreint")
        .held()
        .format(&format)
        .feedback_closes(OPEN_UNTIL)
        .create(&app, &admin.token)
        .slug();
    let alone = app.user("member");
    RegistrationBuilder::to(&small).checked_in(true).insert(&app, &alone);
    FeedbackBuilder::on(&small, 2).send(&app, &alone.token).expect(201);
    app.sql(&format!("UPDATE forums SET feedback_closes_at = now() - interval '1 second' WHERE slug = '{small}'"));
    let small_results = app.get(&format!("/forums/{small}/feedback")).expect(200).json();
    assert_eq!(
        (small_results["results"]["published"].as_bool(), small_results["results"]["answers_count"].is_null()),
        (Some(false), true)
    );
    let version = &app.get(&format!("/formats/{format}/feedback")).expect(200).json()["versions"][0]["results"];
    assert_eq!(version["answers_count"], 6);
    assert_eq!(version["questions"][0]["distribution"], json!([1, 0, 0, 0, 5]));
}

fn state(app: &TestApp, comment: i64) -> String {
    app.get(&format!("/comments/{comment}")).expect(200).json()["state"].as_str().unwrap().to_string()
}

#[test]
fn reports_hide_automatically_only_from_settled_accounts_and_never_staff_or_answers() {
    let app = TestApp::spawn_with(true, &[("AUTO_HIDE_REPORTS", "2"), ("REQUIRE_VERIFIED_EMAIL", "false")]);
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Un avis tranché.")["id"].as_i64().unwrap();
    // One does not report oneself.
    app.post(&format!("/comments/{c}/reports"), Some(&author.token), &json!({"reason": "spam"}))
        .expect_problem(409, "own_comment");
    // Brand-new accounts and unconfirmed ones do not count toward hiding.
    for who in [
        UserBuilder::member().created_days_ago(0),
        UserBuilder::member().created_days_ago(1),
        UserBuilder::member().created_days_ago(30).unverified(),
    ] {
        assert_eq!(ReportBuilder::on(c).create(&app, &who.create(&app).token)["hid_comment"], false);
    }
    assert_eq!(state(&app, c), "visible");
    // Two settled accounts do.
    let settled = || UserBuilder::member().created_days_ago(8).create(&app);
    assert_eq!(ReportBuilder::on(c).create(&app, &settled().token)["hid_comment"], false);
    assert_eq!(ReportBuilder::on(c).create(&app, &settled().token)["hid_comment"], true);
    assert_eq!(state(&app, c), "hidden");

    // An official's comment and an institution's answer wait for a moderator, whatever the count.
    let official = app.user("official");
    let by_official = builders::comment(&app, &official.token, "/commitments/FR0041", "Position du ministère.")["id"]
        .as_i64()
        .unwrap();
    let (_, answer, _) = answered_question(&app, "Réponse officielle.");
    for target in [by_official, answer] {
        for _ in 0..3 {
            let settled = UserBuilder::member().created_days_ago(30).create(&app);
            assert_eq!(ReportBuilder::on(target).create(&app, &settled.token)["hid_comment"], false);
        }
        assert_eq!(state(&app, target), "visible");
    }
    let moderator = app.user("moderator");
    let queued: Vec<i64> = app.get_as("/moderation/reports", &moderator.token).expect(200).json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["comment"]["id"].as_i64().unwrap())
        .collect();
    assert!(queued.contains(&by_official) && queued.contains(&answer), "{queued:?}");
}

#[test]
fn reporting_leaves_no_trace_in_the_public_change_feed() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let c = builders::comment(&app, &author.token, "/commitments/FR0041", "Un commentaire.")["id"].as_i64().unwrap();
    for _ in 0..3 {
        ReportBuilder::on(c).create(&app, &app.user("member").token);
    }
    // Wait until the feed has passed the reports (it shows a change once older transactions
    // have ended, anywhere on the server).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mine = loop {
        let all = collect_changes(&app);
        let mine: Vec<Value> = all.into_iter().filter(|x| x["type"] == "comment" && x["id"] == c).collect();
        let reports_logged = app.count("events WHERE type = 'comment.reported'") == 3;
        if (!mine.is_empty() && reports_logged) || std::time::Instant::now() > deadline {
            break mine;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    let mine_after: Vec<Value> =
        collect_changes(&app).into_iter().filter(|x| x["type"] == "comment" && x["id"] == c).collect();
    assert_eq!(mine.len(), 1, "{mine:?}");
    assert_eq!(mine_after.len(), 1, "the reports changed nothing public: {mine_after:?}");
    assert_eq!(mine_after[0]["change"], "created");
}

fn collect_changes(app: &TestApp) -> Vec<Value> {
    let mut items = Vec::new();
    let mut since: Option<String> = None;
    loop {
        let path = match &since {
            Some(s) => format!("/changes?types=comment&since={s}"),
            None => "/changes?types=comment".to_string(),
        };
        let page = app.get(&path).expect(200).json();
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        since = Some(page["next_since"].as_str().unwrap().to_string());
        if page["has_more"] == false {
            return items;
        }
    }
}

#[test]
fn a_forums_attendee_list_is_for_its_organisers_only() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let fr0041 = commitment_id(&app, "FR0041");
    let slug =
        &ForumBuilder::new("Forum aux organisateurs").open().commitments(&[fr0041]).create(&app, &admin.token).slug();
    let member = app.user("member");
    let seat = RegistrationBuilder::to(slug).create(&app, &member.token);
    let routes = |code: &str| -> Vec<(&'static str, String, Option<Value>)> {
        vec![
            ("GET", format!("/forums/{slug}/registrations"), None),
            ("GET", format!("/forums/{slug}/registrations/export"), None),
            ("POST", format!("/forums/{slug}/check-ins"), Some(json!({"code": code}))),
            ("POST", format!("/forums/{slug}/registrations/{}/check-in", seat["id"]), Some(json!(null))),
        ]
    };
    let code = seat["code"].as_str().unwrap().to_string();
    let call = |who: &TestUser, (method, path, body): &(&str, String, Option<Value>)| -> Resp {
        match body {
            Some(b) => app.send(method, path, Some(&who.token), b),
            None => app.request(method, path, Some(&who.token), &[], None),
        }
    };
    // Officials of an institution with nothing to do with the forum, or of none: refused.
    let elsewhere = UserBuilder::official_of("datactivist").create(&app);
    app.sql(&format!(
        "DELETE FROM commitment_institutions WHERE commitment_id = {fr0041} AND institution_id = (SELECT id FROM institutions WHERE slug = 'datactivist')"
    ));
    for who in [&elsewhere, &app.user("official"), &app.user("moderator"), &member] {
        for route in routes(&code) {
            call(who, &route).expect_problem(403, "not_an_organiser");
        }
    }
    // An official of the lead institution of the forum's commitment organises it.
    let lead = UserBuilder::official_of(LEAD).create(&app);
    for route in routes(&code) {
        let answer = call(&lead, &route);
        assert_eq!(answer.status, 200, "{} {}: {}", route.0, route.1, answer.text);
    }
    // So does someone an admin names, until taken off the list; the list is public.
    let named = app.user("member");
    app.put(&format!("/forums/{slug}/organisers/{}", named.id), Some(&member.token), &json!(null))
        .expect_problem(403, "forbidden");
    let organisers = app
        .put(&format!("/forums/{slug}/organisers/{}", named.id), Some(&admin.token), &json!(null))
        .expect(200)
        .json();
    let people: Vec<i64> = organisers["people"].as_array().unwrap().iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert_eq!(people, [admin.id, named.id], "the admin who announced it, then the one named");
    assert_eq!(organisers["institutions"][0]["slug"], LEAD);
    assert_eq!(app.get(&format!("/forums/{slug}/organisers")).expect(200).json(), organisers);
    app.get_as(&format!("/forums/{slug}/registrations"), &named.token).expect(200);
    app.put(&format!("/forums/{slug}/organisers/999999"), Some(&admin.token), &json!(null))
        .expect_problem(409, "unknown_reference");
    app.delete(&format!("/forums/{slug}/organisers/{}", named.id), Some(&admin.token)).expect(200);
    app.get_as(&format!("/forums/{slug}/registrations"), &named.token).expect_problem(403, "not_an_organiser");
    assert_eq!(app.count("events WHERE type IN ('forum.organiser_added', 'forum.organiser_removed') AND audited"), 2);
    // An official who announces a forum organises it, whatever the institution.
    let announcer = UserBuilder::official_of("datactivist").create(&app);
    let own = ForumBuilder::new("Forum annoncé").open().create(&app, &announcer.token);
    app.get_as(&format!("/forums/{}/registrations", own.slug()), &announcer.token).expect(200);
}

#[test]
fn the_registrations_csv_quotes_what_a_french_spreadsheet_would_split() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = &ForumBuilder::new("Forum à exporter").open().create(&app, &admin.token).slug();
    let person = app.user("member");
    app.sql(&format!(
        "UPDATE users SET display_name = 'a;=1+1;b', organisation = 'Ville; Lyon' WHERE id = {}",
        person.id
    ));
    RegistrationBuilder::to(slug).create(&app, &person.token);
    let csv = app.get_as(&format!("/forums/{slug}/registrations/export"), &admin.token).expect(200).text;
    let line = csv.lines().nth(1).unwrap();
    assert!(line.contains(",\"a;'=1+1;b\",\"Ville; Lyon\","), "{line}");
    // Read as a French spreadsheet reads it (`;` as the separator), no field holds a formula.
    let fields = parse_with(&csv, ';');
    assert!(fields.iter().flatten().all(|f| !f.starts_with('=')), "{fields:?}");
}

/// `text` read by Python's csv module with `delimiter`.
fn parse_with(text: &str, delimiter: char) -> Vec<Vec<String>> {
    let file = std::env::temp_dir().join(format!("opendetat-csv-{}", unique_email("csv").replace('@', "_")));
    std::fs::write(&file, text).unwrap();
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(format!(
            "import csv, json, sys\n\
             with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n\
             \x20   print(json.dumps(list(csv.reader(f, delimiter='{delimiter}'))))"
        ))
        .arg(&file)
        .output()
        .expect("python3 (the CSV parser)");
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_contract_states_the_rules_between_fields_that_json_schema_can_say() {
    let app = TestApp::spawn_empty();
    let doc = app.get("/api/openapi.json").expect(200).json();
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["AnswerInput"]["oneOf"].as_array().map(Vec::len), Some(2));
    assert_eq!(schemas["StatusChangeRequest"]["allOf"][0]["then"]["required"], json!(["outcome"]));
    assert_eq!(schemas["NewReportRequest"]["allOf"][0]["if"]["properties"]["reason"]["const"], "other");
    assert_eq!(schemas["NewReportRequest"]["allOf"][0]["then"]["required"], json!(["details"]));
    assert!(doc["paths"]["/api/v1/forums/{id}"]["delete"]["responses"]["409"].is_object());
}
