//! Questions to institutions: addressed to whoever answers, deadlines in working days, answers
//! by the institution's officials only, "not an answer", overdue by date, the record.

use opendetat_tests::*;

/// FR0041's lead institution, which its questions go to.
const LEAD: &str = "minister-of-state-digital-sector";

fn record(app: &TestApp) -> Value {
    app.get("/institutions/minister-of-state-digital-sector/record").expect(200).json()
}

#[test]
fn a_question_goes_to_the_lead_institution_and_its_official_answers_it_on_time() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let q = QuestionBuilder::on("/commitments/FR0041")
        .title("Quand le compte rendu sera-t-il publié ?")
        .create(&app, &member.token);
    assert_eq!(q["institution"]["slug"], "minister-of-state-digital-sector");
    assert_eq!(q["about"]["key"], "FR0041");
    assert_eq!(q["status"], "awaiting");
    assert_eq!(q["deadline_days"], 15);
    assert!(q["due_on"].as_str().unwrap() > q["asked_on"].as_str().unwrap());
    let id = q["id"].as_i64().unwrap();
    // Others may not answer for the institution.
    let other = UserBuilder::official_of("datactivist").create(&app);
    AnswerBuilder::to(id).text("Pas nous.").send(&app, &other.token).expect_problem(403, "not_your_institution");
    AnswerBuilder::to(id).text("Moi.").send(&app, &app.user("admin").token).expect_problem(403, "not_your_institution");
    AnswerBuilder::to(id).text("Moi.").send(&app, &member.token).expect_problem(403, "forbidden");
    AnswerBuilder::to(id)
        .text(" ")
        .send(&app, &UserBuilder::official_of(LEAD).create(&app).token)
        .expect_problem(422, "validation_failed");
    // The seed's two questions: one answered on time in 7 working days, one overdue.
    assert_eq!(record(&app)["questions_answered"], 1);

    let official = UserBuilder::official_of(LEAD).create(&app);
    let answered = AnswerBuilder::to(id).text("La semaine prochaine, sur le site.").create(&app, &official.token);
    assert_eq!(answered["status"], "answered");
    let a = &answered["answers"][0];
    assert_eq!((a["on_time"].as_bool(), a["working_days"].as_i64()), (Some(true), Some(0)));
    assert_eq!(a["answered_by"], "Test member");
    // The answer is a reply in the question's discussion.
    let thread = app.get(&format!("/questions/{id}/comments")).expect(200).json();
    assert_eq!(thread["items"][0]["id"], a["comment_id"]);
    AnswerBuilder::to(id).text("Encore.").send(&app, &official.token).expect_problem(409, "answer_stands");
    let r = record(&app);
    assert_eq!(
        (r["questions_received"].as_i64(), r["questions_answered"].as_i64(), r["answered_on_time"].as_i64()),
        (Some(3), Some(2), Some(2))
    );
    assert_eq!(r["median_working_days"], 3.5, "of 0 and the seed's 7");
    assert_eq!(r["overdue_now"], 1);
    assert!(r["on_time_rate"].is_null(), "not from 3 questions");

    // The asker says it is not an answer: kept, shown, the question awaits again.
    let answer = a["id"].as_i64().unwrap();
    let reject = format!("/questions/{id}/answers/{answer}/rejection");
    app.post(&reject, Some(&app.user("member").token), &json!({})).expect_problem(403, "forbidden");
    let rejected =
        app.post(&reject, Some(&member.token), &json!({"note": "Ce n'est pas une date."})).expect(200).json();
    assert_eq!(rejected["status"], "awaiting");
    assert!(rejected["answers"][0]["rejected_at"].is_string());
    assert_eq!(rejected["answers"][0]["rejection_note"], "Ce n'est pas une date.");
    app.post(&reject, Some(&member.token), &json!({})).expect_problem(409, "already_rejected");
    assert_eq!(record(&app)["questions_answered"], 1);
    assert_eq!(record(&app)["median_working_days"], 7.0);
    let again = AnswerBuilder::to(id).text("Le 15 décembre.").create(&app, &official.token);
    assert_eq!(again["answers"].as_array().unwrap().len(), 2);
    assert_eq!(record(&app)["questions_answered"], 2);
}

#[test]
fn past_its_deadline_a_question_is_overdue_then_long_overdue_and_the_record_says_so() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let official = UserBuilder::official_of(LEAD).create(&app);
    let mut ids = Vec::new();
    for i in 0..10 {
        ids.push(
            QuestionBuilder::on("/commitments/FR0041").title(&format!("Question {i}")).create(&app, &member.token).id(),
        );
    }
    // Two asked long ago and never answered (the test sets dates; it does not wait).
    app.sql(&format!(
        "UPDATE questions SET asked_on = '2026-01-05', due_on = '2026-01-26', long_due_on = '2026-02-16' WHERE id = {}",
        ids[0]
    ));
    app.sql(&format!(
        "UPDATE questions SET asked_on = paris_today() - 30, due_on = paris_today() - 1, long_due_on = paris_today() + 10 WHERE id = {}",
        ids[1]
    ));
    assert_eq!(app.get(&format!("/questions/{}", ids[0])).expect(200).json()["status"], "long_overdue");
    assert_eq!(app.get(&format!("/questions/{}", ids[1])).expect(200).json()["status"], "overdue");
    // Only this test's questions (the seed has two of its own).
    let listed = |q: &str| -> Vec<i64> {
        collect_pages(&app, &format!("/questions?{q}"), None)
            .iter()
            .map(|q| q["id"].as_i64().unwrap())
            .filter(|id| ids.contains(id))
            .collect()
    };
    assert_eq!(listed("status=long_overdue"), [ids[0]]);
    assert_eq!(listed("status=overdue"), [ids[1]]);
    // The institution's queue: open questions, oldest first.
    let queue = listed("institution=minister-of-state-digital-sector&status=open&order=oldest");
    assert_eq!(queue, ids);
    // Eight answered on time; one of the overdue ones answered late.
    for id in &ids[2..] {
        AnswerBuilder::to(*id).create(&app, &official.token);
    }
    let late = AnswerBuilder::to(ids[0]).text("En retard.").create(&app, &official.token);
    assert_eq!(late["answers"][0]["on_time"], false);
    assert!(late["answers"][0]["working_days"].as_i64().unwrap() > 200);
    // With the seed's two: 12 received, 10 answered (9 on time), 2 overdue now.
    let r = record(&app);
    assert_eq!(r["questions_received"], 12);
    assert_eq!(r["questions_answered"], 10);
    assert_eq!(r["answered_on_time"], 9);
    assert_eq!(r["overdue_now"], 2);
    assert_eq!(r["decided"], 12);
    assert_eq!(r["on_time_rate"], json!({"percent": 75.0, "low": 46.8, "high": 91.1}));
    assert_eq!(r["median_working_days"], 0.0);
    // Side by side with the others.
    let all = collect_pages(&app, "/institution-records", None);
    assert_eq!(all.len(), 4);
    assert!(all
        .iter()
        .any(|x| x["institution"]["slug"] == "minister-of-state-digital-sector" && x["questions_received"] == 12));
}

#[test]
fn questions_on_milestones_and_action_items_and_what_cannot_be_asked() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let admin = app.user("admin");
    let fr0041 = app.get("/commitments/FR0041").expect(200).json();
    let m = fr0041["milestones"][0]["id"].as_i64().unwrap();
    let q = QuestionBuilder::on(&format!("/milestones/{m}"))
        .title("Jalon ?")
        .text("Où en est-il ?")
        .create(&app, &member.token);
    assert_eq!(q["about"]["type"], "milestone");
    assert_eq!(q["institution"]["slug"], "minister-of-state-digital-sector");
    assert_eq!(app.get(&format!("/questions?milestone={m}")).expect(200).json()["items"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.get("/questions?commitment=FR0041").expect(200).json()["items"].as_array().unwrap().len(),
        3,
        "with the seed's two"
    );
    // An action item owned by an institution: the question goes to its owner.
    app.sql("UPDATE action_items SET owner_institution_id = (SELECT id FROM institutions WHERE slug = 'datactivist') WHERE id = 1");
    let q = QuestionBuilder::on("/action-items/1").title("Action ?").text("Faite ?").create(&app, &member.token);
    assert_eq!(q["institution"]["slug"], "datactivist");
    // No lead institution, a withdrawn commitment, an unknown record.
    QuestionBuilder::on("/commitments/FR0001")
        .title("Q")
        .text("B")
        .send(&app, &member.token)
        .expect_problem(409, "no_institution");
    app.patch("/commitments/FR0041", Some(&admin.token), &json!({"status": "withdrawn"})).expect(200);
    QuestionBuilder::on("/commitments/FR0041")
        .title("Q")
        .text("B")
        .send(&app, &member.token)
        .expect_problem(409, "withdrawn");
    QuestionBuilder::on(&format!("/milestones/{m}"))
        .title("Q")
        .text("B")
        .send(&app, &member.token)
        .expect_problem(409, "withdrawn");
    QuestionBuilder::on("/commitments/FR9999")
        .title("Q")
        .text("B")
        .send(&app, &member.token)
        .expect_problem(404, "not_found");
    app.post("/commitments/FR0041/questions", Some(&member.token), &json!({"title": "", "body": "B", "extra": 1}))
        .expect_problem(422, "unprocessable_body");
    app.get("/questions/999999").expect_problem(404, "not_found");
}

#[test]
fn holidays_are_computed_and_an_added_day_off_moves_open_deadlines() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let year = app.get("/holidays?year=2026").expect(200).json();
    let days: Vec<&str> = year["days"].as_array().unwrap().iter().map(|d| d["day"].as_str().unwrap()).collect();
    assert_eq!(days.len(), 11);
    assert!(
        days.contains(&"2026-04-06") && days.contains(&"2026-05-14") && days.contains(&"2026-05-25"),
        "Easter-based ones"
    );
    app.get("/holidays?year=3000").expect_problem(422, "validation_failed");

    let member = app.user("member");
    let q = QuestionBuilder::on("/commitments/FR0041").title("Avant Noël ?").create(&app, &member.token);
    let id = q["id"].as_i64().unwrap();
    app.sql(&format!("UPDATE questions SET asked_on = '2026-12-07' WHERE id = {id}"));
    let added = app
        .post("/holidays", Some(&admin.token), &json!({"day": "2026-12-24", "label": "Pont de Noël"}))
        .expect(201)
        .json();
    assert!(added["days"].as_array().unwrap().iter().any(|d| d["day"] == "2026-12-24" && d["source"] == "added"));
    // 15 working days from 7 December 2026, skipping Christmas and the added 24th.
    assert_eq!(app.get(&format!("/questions/{id}")).expect(200).json()["due_on"], "2026-12-30");
    app.post("/holidays", Some(&admin.token), &json!({"day": "2026-12-24", "label": "Encore"}))
        .expect_problem(409, "already_exists");
    app.post("/holidays", Some(&admin.token), &json!({"day": "2026-12-25", "label": "Noël"}))
        .expect_problem(409, "already_exists");
    app.delete("/holidays/2026-12-24", Some(&admin.token)).expect(204);
    assert_eq!(app.get(&format!("/questions/{id}")).expect(200).json()["due_on"], "2026-12-29");
    app.delete("/holidays/2026-12-24", Some(&admin.token)).expect_problem(404, "not_found");
    // Christmas is listed with the added days, but the law sets it.
    app.delete("/holidays/2026-12-25", Some(&admin.token)).expect_problem(409, "public_holiday");
    assert!(app.get("/holidays?year=2026").expect(200).json()["days"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["day"] == "2026-12-25"));
    let audit = app.get_as("/admin/audit?action=holiday.added", &admin.token).expect(200).json();
    assert_eq!(audit["items"].as_array().unwrap().len(), 1);
}

#[test]
fn a_filter_naming_nothing_gives_an_empty_page() {
    let app = TestApp::spawn();
    for q in ["institution=no-such", "commitment=FR9999", "milestone=999999", "action_item=999999"] {
        assert_eq!(app.get(&format!("/questions?{q}")).expect(200).json()["items"], json!([]), "{q}");
    }
    assert_eq!(app.get("/questions?commitment=FR0041").expect(200).json()["items"].as_array().unwrap().len(), 2);
}
