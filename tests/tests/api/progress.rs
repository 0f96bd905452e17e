//! The progress log: who may report, the latest update drives the milestone, corrections,
//! append-only in SQL, and a commitment's completion computed now and over time.

use opendetat_tests::*;

fn milestone(app: &TestApp, code: &str) -> i64 {
    let c = app.get("/commitments/FR0041").expect(200).json();
    c["milestones"].as_array().unwrap().iter().find(|m| m["code"] == code).unwrap()["id"].as_i64().unwrap()
}

fn report(as_of: &str, status: &str, completion: &str, note: &str) -> Value {
    json!({"as_of": as_of, "status": status, "completion": completion, "note": note})
}

/// An official who speaks for FR0041's lead institution.
fn lead_official(app: &TestApp) -> TestUser {
    let official = app.user("official");
    app.sql(&format!(
        "UPDATE users SET institution_id = (SELECT id FROM institutions WHERE slug = 'minister-of-state-digital-sector') WHERE id = {}",
        official.id
    ));
    official
}

#[test]
fn only_the_lead_institutions_officials_and_admins_report_progress() {
    let app = TestApp::spawn();
    let m = milestone(&app, "12.1");
    let path = format!("/milestones/{m}/progress");
    let body = report("2020-06-30", "completed", "complete", "Cinq forums tenus.");
    // An official of another institution, and one of none: 403 with the reason.
    let other = app.user("official");
    app.sql(&format!(
        "UPDATE users SET institution_id = (SELECT id FROM institutions WHERE slug = 'datactivist') WHERE id = {}",
        other.id
    ));
    app.post(&path, Some(&other.token), &body).expect_problem(403, "not_your_institution");
    app.post(&path, Some(&app.user("official").token), &body).expect_problem(403, "not_your_institution");
    app.post(&path, Some(&app.user("member").token), &body).expect_problem(403, "forbidden");
    app.post(&path, None, &body).expect_problem(401, "unauthorized");
    assert_eq!(app.count("progress_updates"), 0);

    let official = lead_official(&app);
    let created = app.post(&path, Some(&official.token), &body).expect(201).json();
    assert_eq!(created["author"]["display_name"], "Test member");
    assert_eq!(created["author"]["institution"]["slug"], "minister-of-state-digital-sector");
    let m_now = app.get(&format!("/milestones/{m}")).expect(200).json();
    assert_eq!((m_now["status"].as_str(), m_now["completion"].as_str()), (Some("completed"), Some("complete")));
    // Admins report on any commitment; the demo official on FR0041.
    let admin = app.user("admin");
    app.post(&path, Some(&admin.token), &report("2020-07-01", "completed", "complete", "Vérifié.")).expect(201);
    let claire = app.demo("agent@demo.opendetat.fr");
    app.post(&path, Some(&claire.token), &report("2020-07-02", "completed", "complete", "Confirmé.")).expect(201);
    // Audited, with the update as written.
    let audit = app.get_as("/admin/audit?action=milestone.progress_reported", &admin.token).expect(200).json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 3);
    assert_eq!(audit["items"][2]["after"]["note"], "Cinq forums tenus.");
}

#[test]
fn the_latest_update_by_date_is_the_milestones_status_and_corrections_keep_both() {
    let app = TestApp::spawn();
    let official = lead_official(&app);
    let m = milestone(&app, "12.2");
    let path = format!("/milestones/{m}/progress");
    let first = app
        .post(&path, Some(&official.token), &report("2019-03-01", "in_progress", "substantial", "Espace ouvert."))
        .expect(201)
        .json();
    // Posted later but dated earlier: in the log, not the current status.
    app.post(&path, Some(&official.token), &report("2018-12-01", "not_started", "not_started", "Rattrapage."))
        .expect(201);
    let now = app.get(&format!("/milestones/{m}")).expect(200).json();
    assert_eq!(now["completion"], "substantial");
    // A correction names the update it corrects; both stay, each points at the other.
    let mut fix = report("2019-03-01", "in_progress", "limited", "Correction : l'espace était en test.");
    fix["corrects"] = first["id"].clone();
    let correction = app.post(&path, Some(&official.token), &fix).expect(201).json();
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
    let future = app
        .post(&path, Some(&official.token), &report("2199-01-01", "completed", "complete", "Plus tard."))
        .expect_problem(422, "validation_failed");
    assert_eq!(future["errors"][0]["code"], "not_in_future");
    let other = milestone(&app, "12.3");
    let mut wrong = report("2019-03-02", "in_progress", "limited", "Ailleurs.");
    wrong["corrects"] = first["id"].clone();
    let p = app
        .post(&format!("/milestones/{other}/progress"), Some(&official.token), &wrong)
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
    app.post(
        "/milestones/999999/progress",
        Some(&official.token),
        &report("2019-03-01", "in_progress", "limited", "x"),
    )
    .expect_problem(404, "not_found");
    assert_eq!(app.count("progress_updates"), 3, "nothing written by refused requests");
}

#[test]
fn the_log_is_append_only_through_the_api_and_in_sql() {
    let app = TestApp::spawn();
    let official = lead_official(&app);
    let m = milestone(&app, "12.1");
    let u = app
        .post(
            &format!("/milestones/{m}/progress"),
            Some(&official.token),
            &report("2020-01-10", "in_progress", "limited", "Premier point."),
        )
        .expect(201)
        .json();
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
        let err = diesel::sql_query(statement).execute(&mut app.db()).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{statement}: {err}");
    }
    assert_eq!(app.get(&format!("/progress-updates/{}", u["id"])).expect(200).json()["note"], "Premier point.");
    // Only an erased account's link may be cut (the name stays).
    app.sql(&format!("UPDATE progress_updates SET author_id = NULL WHERE id = {}", u["id"]));
    let after = app.get(&format!("/progress-updates/{}", u["id"])).expect(200).json();
    assert!(after["author"]["id"].is_null());
    assert_eq!(after["author"]["display_name"], "Test member");
}

#[test]
fn a_commitments_completion_is_computed_now_and_day_by_day() {
    let app = TestApp::spawn();
    let official = lead_official(&app);
    let before = app.get("/commitments/FR0041/progress").expect(200).json();
    assert_eq!(before["history"], json!([]));
    assert_eq!(before["lead_institution"]["slug"], "minister-of-state-digital-sector");
    // The seed's milestones were due in 2018 and 2019 and are not complete: overdue.
    assert!(before["milestones"].as_array().unwrap().iter().all(|m| m["overdue"] == true), "{before}");
    let post = |code: &str, as_of: &str, completion: &str| {
        let status = if completion == "complete" { "completed" } else { "in_progress" };
        app.post(
            &format!("/milestones/{}/progress", milestone(&app, code)),
            Some(&official.token),
            &report(as_of, status, completion, "Point."),
        )
        .expect(201);
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
    assert_eq!(
        app.get("/institutions/minister-of-state-digital-sector").expect(200).json()["progress_updates_count"],
        5
    );
    app.get("/commitments/FR9999/progress").expect_problem(404, "not_found");
}

#[test]
fn a_milestone_or_commitment_with_a_progress_log_is_archived_not_deleted() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let m = milestone(&app, "12.4");
    app.post(
        &format!("/milestones/{m}/progress"),
        Some(&admin.token),
        &report("2020-01-10", "in_progress", "limited", "Point."),
    )
    .expect(201);
    let archived = app.delete(&format!("/milestones/{m}"), Some(&admin.token)).expect(200).json();
    assert!(archived["archived_at"].is_string());
    // Its log stays readable and closed.
    assert_eq!(app.get(&format!("/milestones/{m}/progress")).expect(200).json()["items"].as_array().unwrap().len(), 1);
    app.post(
        &format!("/milestones/{m}/progress"),
        Some(&admin.token),
        &report("2020-01-11", "in_progress", "limited", "Encore."),
    )
    .expect_problem(409, "archived");
    let c = app.delete("/commitments/FR0041", Some(&admin.token)).expect(200).json();
    assert!(c["archived_at"].is_string());
}
