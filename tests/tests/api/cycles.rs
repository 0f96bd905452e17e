//! Cycles: the forums of a run and the commitments it sets out to cover.

use opendetat_tests::*;

#[test]
fn the_seeded_cycle_shows_its_five_forums_their_coverage_and_its_action_items() {
    let app = TestApp::spawn();
    let cycle = app.get("/cycles/premier-cycle-2018").expect(200).json();
    assert_eq!(cycle["title"], "Premier cycle — second semestre 2018");
    assert_eq!(cycle["forums"].as_array().unwrap().len(), 5);
    let coverage: Vec<(String, usize)> = cycle["coverage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["commitment"]["code"].as_str().unwrap().to_string(), c["forums"].as_array().unwrap().len()))
        .collect();
    assert_eq!(
        coverage,
        [("FR0031".into(), 1), ("FR0033".into(), 1), ("FR0035".into(), 1), ("FR0041".into(), 1), ("FR0044".into(), 1)]
    );
    assert_eq!(cycle["actions"], json!({"open": 1, "in_progress": 1, "done": 1, "dropped": 0, "overdue": 2}));
    let list = app.get("/cycles").expect(200).json();
    assert_eq!(list["items"][0]["forums_count"], 5);
    assert_eq!(list["items"][0]["covered_count"], 5);
    let forum = app.get("/forums/2018-10-transparence-algorithmes-publics").expect(200).json();
    assert_eq!(forum["cycle"], json!({"slug": "premier-cycle-2018", "title": "Premier cycle — second semestre 2018"}));
    // Its action items, and its forums in the calendar feed (none upcoming: an empty calendar).
    let items = app.get("/action-items?cycle=premier-cycle-2018").expect(200).json();
    assert_eq!(items["items"].as_array().unwrap().len(), 3);
    assert!(app.get("/forums.ics?cycle=premier-cycle-2018").expect(200).text.contains("BEGIN:VCALENDAR"));
    app.get("/forums.ics?cycle=no-such-cycle").expect_problem(404, "not_found");
}

#[test]
fn officials_start_a_cycle_and_forums_join_it_and_coverage_follows() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let member = app.user("member");
    let cycle = CycleBuilder::new("Deuxième cycle 2027")
        .between("2027-01-01", "2027-06-30")
        .commitments(&[commitment_id(&app, "FR0041"), commitment_id(&app, "FR0047")]);
    app.post("/cycles", None, &cycle.body()).expect_problem(401, "unauthorized");
    cycle.send(&app, &member.token).expect_problem(403, "forbidden");
    let created = cycle.create(&app, &official.token);
    assert_eq!(created["slug"], "deuxieme-cycle-2027");
    assert!(
        created["coverage"].as_array().unwrap().iter().all(|c| c["forums"].as_array().unwrap().is_empty()),
        "none yet"
    );
    // A forum joins: the commitment it works on is covered.
    let forum = app
        .patch(
            "/forums/2027-01-espace-de-dialogue-en-ligne",
            Some(&official.token),
            &json!({"cycle": "deuxieme-cycle-2027"}),
        )
        .expect(200)
        .json();
    assert_eq!(forum["cycle"]["slug"], "deuxieme-cycle-2027");
    let cycle = app.get("/cycles/deuxieme-cycle-2027").expect(200).json();
    let covered: Vec<bool> =
        cycle["coverage"].as_array().unwrap().iter().map(|c| !c["forums"].as_array().unwrap().is_empty()).collect();
    assert_eq!(covered, [true, false], "FR0041 covered, FR0047 not yet");
    assert!(app.get("/forums.ics?cycle=deuxieme-cycle-2027").expect(200).text.contains("espace de dialogue"));
    // Bad input.
    let backwards = CycleBuilder::new("X")
        .between("2027-06-01", "2027-01-01")
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(backwards["errors"][0]["field"], "ends_on");
    app.patch("/cycles/deuxieme-cycle-2027", Some(&official.token), &json!({"ends_on": "2026-01-01"}))
        .expect_problem(409, "conflicts_with_stored");
    app.patch("/forums/2027-01-espace-de-dialogue-en-ligne", Some(&official.token), &json!({"cycle": "nope"}))
        .expect_problem(409, "unknown_reference");
    let left = app
        .patch("/forums/2027-01-espace-de-dialogue-en-ligne", Some(&official.token), &json!({"cycle": null}))
        .expect(200)
        .json();
    assert!(left["cycle"].is_null());
    CycleBuilder::new("Y")
        .slug("deuxieme-cycle-2027")
        .between("2027-01-01", "2027-01-02")
        .send(&app, &official.token)
        .expect_problem(409, "already_exists");
}
