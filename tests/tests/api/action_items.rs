//! Minutes of a held forum and its action items: published by organisers once the forum is
//! held, followed to closure with a history nobody can edit, flagged when overdue.

use opendetat_tests::*;

/// When the forums of these tests were held (action items fall due after it).
const HELD: (&str, &str) = ("2026-01-15T17:00:00Z", "2026-01-15T19:00:00Z");

#[test]
fn minutes_are_for_held_forums_and_count_the_check_ins_by_default() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let member = app.user("member");
    let slug = ForumBuilder::new("Forum tenu").held().at(HELD.0, HELD.1).create(&app, &admin.token).slug();
    let path = format!("/forums/{slug}/minutes");
    // None before publication: a 404 with its code, for a forum that exists.
    let none = app.get(&path).expect_problem(404, "not_found");
    assert!(none["detail"].as_str().unwrap().contains("no minutes"), "{none}");
    // Two people were checked in at the door.
    for who in [app.user("member"), app.user("member")] {
        RegistrationBuilder::to(&slug).checked_in(true).insert(&app, &who);
    }
    let body = json!({"body": "## Décisions\n\n- Publier le guide.", "organisations": ["Etalab", "Inria"],
                      "links": [{"title": "Diaporama", "url": "https://example.org/d.pdf", "kind": "slides"}]});
    app.put(&path, None, &body).expect_problem(401, "unauthorized");
    app.put(&path, Some(&member.token), &body).expect_problem(403, "forbidden");
    let first = app.put(&path, Some(&admin.token), &body).expect(201).json();
    assert_eq!(first["attendees_count"], 2);
    assert_eq!(first["checked_in_count"], 2);
    assert!(first["body_html"].as_str().unwrap().contains("<h2>Décisions</h2>"));
    let corrected =
        app.put(&path, Some(&admin.token), &json!({"body": "Corrigé.", "attendees_count": 30})).expect(200).json();
    assert_eq!(corrected["attendees_count"], 30);
    assert_eq!(app.get(&path).expect(200).json()["body"], "Corrigé.");
    assert_eq!(app.count("events WHERE type IN ('forum.minutes_published', 'forum.minutes_updated') AND audited"), 2);
    // Not for a forum still to come.
    app.put("/forums/2027-01-espace-de-dialogue-en-ligne/minutes", Some(&admin.token), &body)
        .expect_problem(409, "forum_not_held");
    app.put(&path, Some(&admin.token), &json!({"body": " "})).expect_problem(422, "validation_failed");
}

#[test]
fn an_action_item_is_followed_to_closure_and_its_history_cannot_be_rewritten() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let official = app.user("official");
    let member = app.user("member");
    let slug = ForumBuilder::new("Forum tenu").held().at(HELD.0, HELD.1).create(&app, &admin.token).slug();
    let base = format!("/forums/{slug}/action-items");
    let a = ActionItemBuilder::on(&slug, "A");
    app.post(&base, None, &a.body()).expect_problem(401, "unauthorized");
    a.send(&app, &member.token).expect_problem(403, "forbidden");
    // Due before the forum: refused, naming the field.
    let early = a.clone().due_on("2026-01-14").send(&app, &official.token).expect_problem(409, "conflicts_with_stored");
    assert_eq!(early["errors"][0]["field"], "due_on");
    ActionItemBuilder::on("2027-01-espace-de-dialogue-en-ligne", "A")
        .due_on("2027-06-01")
        .send(&app, &official.token)
        .expect_problem(409, "forum_not_held");
    // A milestone of FR0041 with another commitment: refused; alone, it brings its commitment.
    let milestone = app.get("/commitments/FR0041/milestones").expect(200).json()["items"][0]["id"].as_i64().unwrap();
    a.clone()
        .commitment("FR0035")
        .milestone(milestone)
        .send(&app, &official.token)
        .expect_problem(409, "conflicts_with_stored");
    a.clone().commitment("FR9999").send(&app, &official.token).expect_problem(409, "unknown_reference");
    let created =
        ActionItemBuilder::on(&slug, "Publier le guide").milestone(milestone).send(&app, &official.token).expect(201);
    let id = created.json()["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("/api/v1/action-items/{id}").as_str()));
    let created = created.json();
    assert_eq!(created["commitment"]["code"], "FR0041");
    assert_eq!(created["status"], "open");
    assert_eq!(created["history"].as_array().unwrap().len(), 1);
    assert_eq!(created["overdue"], true, "due in June 2026, still open in November");

    let status = format!("/action-items/{id}/status");
    app.post(&status, Some(&member.token), &json!({"status": "done", "outcome": "x"})).expect_problem(403, "forbidden");
    let no_outcome =
        app.post(&status, Some(&official.token), &json!({"status": "done"})).expect_problem(422, "validation_failed");
    assert_eq!(no_outcome["errors"][0]["field"], "outcome");
    app.post(&status, Some(&official.token), &json!({"status": "in_progress", "outcome": "x"}))
        .expect_problem(422, "validation_failed");
    app.post(&status, Some(&official.token), &json!({"status": "open"})).expect_problem(409, "conflicts_with_stored");
    app.post(&status, Some(&official.token), &json!({"status": "in_progress", "note": "Relecture en cours."}))
        .expect(200);
    let done = app
        .post(&status, Some(&official.token), &json!({"status": "done", "outcome": "Guide publié."}))
        .expect(200)
        .json();
    assert_eq!(done["outcome"], "Guide publié.");
    assert!(done["closed_at"].is_string());
    assert_eq!(done["overdue"], false, "closed items are never overdue");
    let reopened = app
        .post(&status, Some(&admin.token), &json!({"status": "open", "note": "Le guide doit être complété."}))
        .expect(200)
        .json();
    assert!(reopened["outcome"].is_null());
    let history: Vec<&str> =
        reopened["history"].as_array().unwrap().iter().map(|h| h["status"].as_str().unwrap()).collect();
    assert_eq!(history, ["open", "in_progress", "done", "open"]);
    assert_eq!(reopened["history"][2]["outcome"], "Guide publié.", "the history keeps the outcome");

    // Nobody rewrites the history, in SQL either.
    let mut db = app.db();
    use diesel::RunQueryDsl;
    for statement in [
        format!("UPDATE action_item_history SET note = 'réécrit' WHERE action_item_id = {id}"),
        format!("DELETE FROM action_item_history WHERE action_item_id = {id}"),
        "TRUNCATE action_item_history CASCADE".to_string(),
    ] {
        assert!(diesel::sql_query(&statement).execute(&mut db).is_err(), "{statement} was allowed");
    }

    // Edited, discussed, and in the public feeds.
    let edited = app
        .patch(
            &format!("/action-items/{id}"),
            Some(&official.token),
            &json!({"title": "Publier le guide complet", "owner": {"kind": "person", "name": "Camille Martin"}}),
        )
        .expect(200)
        .json();
    assert_eq!(edited["owner"]["name"], "Camille Martin");
    assert_eq!(edited["commitment"]["code"], "FR0041", "links kept");
    app.patch(&format!("/action-items/{id}"), Some(&official.token), &json!({"due_on": "2025-12-01"}))
        .expect_problem(409, "conflicts_with_stored");
    app.patch(&format!("/action-items/{id}"), Some(&member.token), &json!({})).expect_problem(403, "forbidden");
    builders::comment(&app, &member.token, &format!("/action-items/{id}"), "Où en est-on ?");
    assert_eq!(
        app.get(&format!("/action-items/{id}/comments")).expect(200).json()["items"].as_array().unwrap().len(),
        1
    );
    // The feed shows a change once every older transaction on the PostgreSQL server has ended
    // (other tests' too): ask again for a while.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let changes = app.get("/changes?types=action_item").expect(200).json();
        if changes["items"].as_array().unwrap().iter().any(|c| c["id"] == id) {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "{changes}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    app.get("/action-items/999999").expect_problem(404, "not_found");
    app.get("/action-items/abc").expect_problem(404, "not_found");
}

#[test]
fn the_follow_up_lists_by_due_date_with_filters_and_flags_the_overdue() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum tenu").held().at(HELD.0, HELD.1).create(&app, &admin.token).slug();
    let past = ActionItemBuilder::on(&slug, "En retard").due_on("2026-02-01").create(&app, &admin.token);
    let future = ActionItemBuilder::on(&slug, "À venir")
        .owner_person("Zoé Durand")
        .due_on("2099-01-01")
        .commitment("FR0041")
        .create(&app, &admin.token);
    let closed = ActionItemBuilder::on(&slug, "Faite").due_on("2026-02-01").create(&app, &admin.token);
    app.post(
        &format!("/action-items/{}/status", closed["id"]),
        Some(&admin.token),
        &json!({"status": "done", "outcome": "Fait."}),
    )
    .expect(200);
    let mine = |q: &str| -> Vec<i64> {
        collect_pages(&app, &format!("/action-items?forum={slug}&limit=1{q}"), None)
            .iter()
            .map(|i| i["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(
        mine(""),
        [past["id"].as_i64().unwrap(), closed["id"].as_i64().unwrap(), future["id"].as_i64().unwrap()],
        "by due date, then id"
    );
    assert_eq!(mine("&overdue=true"), [past["id"].as_i64().unwrap()]);
    assert_eq!(mine("&overdue=false").len(), 2);
    assert_eq!(mine("&status=done"), [closed["id"].as_i64().unwrap()]);
    assert_eq!(mine("&owner=ZOÉ%20DURAND"), [future["id"].as_i64().unwrap()], "owner, ignoring case");
    assert_eq!(mine("&commitment=FR0041"), [future["id"].as_i64().unwrap()]);
    // The seed's own items are there too, with the one left open past its date flagged.
    let seeded = app.get("/action-items?forum=2018-10-transparence-algorithmes-publics").expect(200).json();
    let statuses: Vec<(&str, bool)> = seeded["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["status"].as_str().unwrap(), i["overdue"].as_bool().unwrap()))
        .collect();
    assert_eq!(statuses, [("done", false), ("in_progress", true)]);
    assert!(app.get("/forums/2018-10-transparence-algorithmes-publics/minutes").expect(200).json()["body"].is_string());
}

#[test]
fn an_owner_named_like_an_institution_is_that_institution_and_counts_in_its_record() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let slug = ForumBuilder::new("Forum tenu").held().at(HELD.0, HELD.1).create(&app, &admin.token).slug();
    let dinum = "minister-of-state-digital-sector";
    let name = app.get(&format!("/institutions/{dinum}")).expect(200).json()["name"].as_str().unwrap().to_uppercase();
    let before =
        app.get(&format!("/institutions/{dinum}/record")).expect(200).json()["action_items_owned"].as_i64().unwrap();
    // Named in another case: the record is found all the same.
    let linked =
        ActionItemBuilder::on(&slug, "Publier les données").owner_institution(&name).create(&app, &admin.token);
    assert_eq!(linked["owner_institution"]["slug"], dinum);
    let record = app.get(&format!("/institutions/{dinum}/record")).expect(200).json();
    assert_eq!(record["action_items_owned"].as_i64().unwrap(), before + 1);
    // A person, or a name no institution has, is no institution.
    let person = ActionItemBuilder::on(&slug, "Relire").owner_person(&name).create(&app, &admin.token);
    assert!(person["owner_institution"].is_null());
    let unknown = ActionItemBuilder::on(&slug, "Inconnue").create(&app, &admin.token);
    assert!(unknown["owner_institution"].is_null());
    // Renaming the owner to a person unlinks it.
    let id = linked["id"].as_i64().unwrap();
    let changed = app
        .patch(
            &format!("/action-items/{id}"),
            Some(&admin.token),
            &json!({"owner": {"kind": "person", "name": "Camille"}}),
        )
        .expect(200)
        .json();
    assert!(changed["owner_institution"].is_null());
    assert_eq!(
        app.get(&format!("/institutions/{dinum}/record")).expect(200).json()["action_items_owned"].as_i64().unwrap(),
        before
    );
}
