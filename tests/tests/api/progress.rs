//! The progress log: who may report, the latest update drives the milestone, corrections,
//! append-only in SQL, and a commitment's completion computed now and over time.

use opendetat_tests::*;

/// FR0041's lead institution.
const LEAD: &str = "minister-of-state-digital-sector";

#[test]
fn only_the_lead_institutions_officials_and_admins_report_progress() {
    let app = TestApp::spawn();
    let m = milestone_id(&app, "FR0041", "12.1");
    let path = format!("/milestones/{m}/progress");
    let report = ProgressBuilder::on(m).as_of("2020-06-30").completed().note("Cinq forums tenus.");
    // An official of another institution, and one of none: 403 with the reason.
    let other = UserBuilder::official_of("datactivist").create(&app);
    report.send(&app, &other.token).expect_problem(403, "not_your_institution");
    report.send(&app, &app.user("official").token).expect_problem(403, "not_your_institution");
    report.send(&app, &app.user("member").token).expect_problem(403, "forbidden");
    app.post(&path, None, &report.body()).expect_problem(401, "unauthorized");
    assert_eq!(app.count("progress_updates"), 0);

    let official = UserBuilder::official_of(LEAD).create(&app);
    let created = report.create(&app, &official.token);
    assert_eq!(created["author"]["display_name"], "Test member");
    assert_eq!(created["author"]["institution"]["slug"], "minister-of-state-digital-sector");
    let m_now = app.get(&format!("/milestones/{m}")).expect(200).json();
    assert_eq!((m_now["status"].as_str(), m_now["completion"].as_str()), (Some("completed"), Some("complete")));
    // Admins report on any commitment; the demo official on FR0041.
    let admin = app.user("admin");
    ProgressBuilder::on(m).as_of("2020-07-01").completed().note("Vérifié.").create(&app, &admin.token);
    let claire = app.demo("agent@demo.opendetat.fr");
    ProgressBuilder::on(m).as_of("2020-07-02").completed().note("Confirmé.").create(&app, &claire.token);
    // Audited, with the update as written.
    let audit = app.get_as("/admin/audit?action=milestone.progress_reported", &admin.token).expect(200).json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 3);
    assert_eq!(audit["items"][2]["after"]["note"], "Cinq forums tenus.");
}

#[test]
fn the_latest_update_by_date_is_the_milestones_status_and_corrections_keep_both() {
    let app = TestApp::spawn();
    let official = UserBuilder::official_of(LEAD).create(&app);
    let m = milestone_id(&app, "FR0041", "12.2");
    let path = format!("/milestones/{m}/progress");
    let update = |as_of: &str, status: &str, completion: &str, note: &str| {
        ProgressBuilder::on(m).as_of(as_of).status(status).completion(completion).note(note)
    };
    let first = update("2019-03-01", "in_progress", "substantial", "Espace ouvert.").create(&app, &official.token);
    // Posted later but dated earlier: in the log, not the current status.
    update("2018-12-01", "not_started", "not_started", "Rattrapage.").create(&app, &official.token);
    let now = app.get(&format!("/milestones/{m}")).expect(200).json();
    assert_eq!(now["completion"], "substantial");
    // A correction names the update it corrects; both stay, each points at the other.
    let correction = update("2019-03-01", "in_progress", "limited", "Correction : l'espace était en test.")
        .corrects(first.id())
        .create(&app, &official.token);
    assert_eq!(correction["corrects"], first["id"]);
    assert_eq!(app.get(&format!("/milestones/{m}")).expect(200).json()["completion"], "limited");
    let log = app.get(&path).expect(200).json();
    let order: Vec<i64> = log["items"].as_array().unwrap().iter().map(|u| u["id"].as_i64().unwrap()).collect();
    assert_eq!(order.len(), 3);
    assert_eq!(order[0], correction["id"].as_i64().unwrap(), "latest first");
    let corrected = app.get(&format!("/progress-updates/{}", first["id"])).expect(200).json();
    assert_eq!(corrected["corrected_by"], json!([correction["id"]]));
    assert_eq!(corrected["note"], "Espace ouvert.", "never rewritten");

    // Bad input.
    let future = update("2199-01-01", "completed", "complete", "Plus tard.")
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(future["errors"][0]["code"], "not_in_future");
    let other = milestone_id(&app, "FR0041", "12.3");
    let p = ProgressBuilder::on(other)
        .as_of("2019-03-02")
        .note("Ailleurs.")
        .corrects(first.id())
        .send(&app, &official.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(p["errors"][0]["field"], "corrects");
    app.post(
        &path,
        Some(&official.token),
        &json!({"as_of": "2019-03-01", "status": "in_progress", "completion": "halfway", "note": "x"}),
    )
    .expect_problem(422, "unprocessable_body");
    app.post(&path, Some(&official.token), &json!({"as_of": "2019-03-01", "status": "in_progress", "completion": "limited", "note": " ", "evidence": [{"title": "x", "url": "ftp://x"}]}))
        .expect_problem(422, "validation_failed");
    ProgressBuilder::on(999999)
        .as_of("2019-03-01")
        .note("x")
        .send(&app, &official.token)
        .expect_problem(404, "not_found");
    assert_eq!(app.count("progress_updates"), 3, "nothing written by refused requests");
}

#[test]
fn the_log_is_append_only_through_the_api_and_in_sql() {
    let app = TestApp::spawn();
    let official = UserBuilder::official_of(LEAD).create(&app);
    let m = milestone_id(&app, "FR0041", "12.1");
    let u = ProgressBuilder::on(m).as_of("2020-01-10").note("Premier point.").create(&app, &official.token);
    let admin = app.user("admin");
    // No route changes or deletes an update.
    for method in ["PATCH", "PUT", "DELETE"] {
        let r = app.send(
            method,
            &format!("/progress-updates/{}", u["id"]),
            Some(&admin.token),
            &json!({"note": "Réécrit."}),
        );
        assert_eq!(r.status, 405, "{method}: {}", r.text);
    }
    // The database refuses it too, whoever asks.
    use diesel::RunQueryDsl;
    for statement in [
        "UPDATE progress_updates SET note = 'Réécrit.'",
        "UPDATE progress_updates SET completion = 'complete'",
        "DELETE FROM progress_updates",
        "TRUNCATE progress_updates",
    ] {
        let err = diesel::sql_query(statement).execute(&mut app.db()).unwrap_err().to_string();
        // TRUNCATE is refused before the trigger runs when documents cite updates as evidence.
        assert!(err.contains("append-only") || err.contains("referenced in a foreign key"), "{statement}: {err}");
    }
    assert_eq!(app.get(&format!("/progress-updates/{}", u["id"])).expect(200).json()["note"], "Premier point.");
    // Only an erasure's change is let through: the account's link cut and, with it, the name
    // becoming "Compte supprimé". No other renaming.
    for statement in [
        format!("UPDATE progress_updates SET author_name = 'Quelqu''un' WHERE id = {}", u["id"]),
        format!("UPDATE progress_updates SET author_id = NULL, author_name = 'Quelqu''un' WHERE id = {}", u["id"]),
    ] {
        let err = diesel::sql_query(&statement).execute(&mut app.db()).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{statement}: {err}");
    }
    app.sql(&format!(
        "UPDATE progress_updates SET author_id = NULL, author_name = 'Compte supprimé' WHERE id = {}",
        u["id"]
    ));
    let after = app.get(&format!("/progress-updates/{}", u["id"])).expect(200).json();
    assert!(after["author"]["id"].is_null());
    assert_eq!(after["author"]["display_name"], "Compte supprimé");
    assert_eq!(after["author"]["institution"]["slug"], LEAD);
}

#[test]
fn a_commitments_completion_is_computed_now_and_day_by_day() {
    let app = TestApp::spawn();
    let official = UserBuilder::official_of(LEAD).create(&app);
    let before = app.get("/commitments/FR0041/progress").expect(200).json();
    assert_eq!(before["history"], json!([]));
    assert_eq!(before["lead_institution"]["slug"], "minister-of-state-digital-sector");
    // The seed's milestones were due in 2018 and 2019 and are not complete: overdue.
    assert!(before["milestones"].as_array().unwrap().iter().all(|m| m["overdue"] == true), "{before}");
    let post = |code: &str, as_of: &str, completion: &str| {
        let status = if completion == "complete" { "completed" } else { "in_progress" };
        ProgressBuilder::on(milestone_id(&app, "FR0041", code))
            .as_of(as_of)
            .status(status)
            .completion(completion)
            .create(&app, &official.token);
    };
    post("12.1", "2019-01-15", "complete");
    post("12.2", "2019-01-15", "complete");
    post("12.3", "2019-06-30", "substantial");
    post("12.4", "2020-01-31", "complete");
    post("12.3", "2020-02-15", "complete");
    let p = app.get("/commitments/FR0041/progress").expect(200).json();
    assert_eq!(p["completion"], json!({"total": 4, "complete": 4, "percent": 100, "level": "complete"}));
    let history: Vec<(String, i64, String)> = p["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["on"].as_str().unwrap().to_string(),
                h["percent"].as_i64().unwrap(),
                h["level"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            ("2019-01-15".into(), 50, "substantial".into()),
            ("2019-06-30".into(), 50, "substantial".into()),
            ("2020-01-31".into(), 75, "substantial".into()),
            ("2020-02-15".into(), 100, "complete".into()),
        ]
    );
    assert!(p["milestones"].as_array().unwrap().iter().all(|m| m["overdue"] == false), "complete ones are not overdue");
    assert_eq!(p["milestones"][2]["last_update_on"], "2020-02-15");
    assert_eq!(p["recent"].as_array().unwrap().len(), 5);
    assert_eq!(p["recent"][0]["as_of"], "2020-02-15");
    // The institution counts what it posted.
    assert_eq!(app.get(&format!("/institutions/{LEAD}")).expect(200).json()["progress_updates_count"], 5);
    app.get("/commitments/FR9999/progress").expect_problem(404, "not_found");
}

#[test]
fn a_milestone_or_commitment_with_a_progress_log_is_archived_not_deleted() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let m = milestone_id(&app, "FR0041", "12.4");
    ProgressBuilder::on(m).as_of("2020-01-10").create(&app, &admin.token);
    let archived = app.delete(&format!("/milestones/{m}"), Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string());
    // Its log stays readable and closed.
    assert_eq!(app.get(&format!("/milestones/{m}/progress")).expect(200).json()["items"].as_array().unwrap().len(), 1);
    ProgressBuilder::on(m).as_of("2020-01-11").note("Encore.").send(&app, &admin.token).expect_problem(409, "archived");
    let c = app.delete("/commitments/FR0041", Some(&admin.token)).expect(200).json();
    assert!(c["archived_at"].is_string());
}
