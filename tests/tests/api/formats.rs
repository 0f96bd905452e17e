//! Formats: versions published once and never changed, a word diff between two of them, and
//! the version each forum follows.

use std::sync::Barrier;

use opendetat_tests::*;

/// The texts a comparison's segments give back, without `skip`'s segments.
fn rebuild(segments: &Value, skip: &str) -> String {
    segments.as_array().unwrap().iter().filter(|s| s["op"] != skip).map(|s| s["text"].as_str().unwrap()).collect()
}

#[test]
fn the_seeded_format_has_its_two_versions_and_their_word_diff() {
    let app = TestApp::spawn();
    let format = app.get("/formats/forum-open-detat").expect(200).json();
    assert_eq!(format["latest_version"], 2);
    assert_eq!(format["versions"].as_array().unwrap().len(), 2);
    assert_eq!(format["versions"][1]["version"], 1, "newest first");
    assert!(format["versions"][1]["change_note"].is_null());
    assert!(format["current"]["change_note"].as_str().unwrap().contains("prochaines étapes"));
    let v1 = app.get("/formats/forum-open-detat/versions/1").expect(200).json();
    assert!(v1["purpose"].as_str().unwrap().contains("espace de discussion informel"));
    assert_eq!(v1["duration_minutes"], 140);
    assert_eq!(v1["forums_count"], 5, "the five forums of 2018 followed version 1");
    let v2 = format["current"].clone();
    let cmp = app.get("/formats/forum-open-detat/compare?from=1&to=2").expect(200).json();
    assert_eq!(rebuild(&cmp["segments"], "insert"), v1["document"].as_str().unwrap());
    assert_eq!(rebuild(&cmp["segments"], "delete"), v2["document"].as_str().unwrap());
    assert!(cmp["words_inserted"].as_i64().unwrap() > 10);
    assert!(cmp["segments"].as_array().unwrap().iter().any(|s| s["op"] == "delete" && s["text"] == "20"));
    // The held forums of 2018 keep the version they followed, now superseded.
    let held = app.get("/forums/2018-10-transparence-algorithmes-publics").expect(200).json();
    assert_eq!(
        held["format"],
        json!({"slug": "forum-open-detat", "name": "Forum Open d'État", "version": 1, "superseded": true})
    );
    app.get("/formats/forum-open-detat/versions/3").expect_problem(404, "not_found");
    app.get("/formats/forum-open-detat/compare?from=1&to=9").expect_problem(404, "not_found");
    app.get("/formats/forum-open-detat/compare?from=0&to=2").expect_problem(422, "validation_failed");
    app.get("/formats/forum-open-detat/compare?from=1").expect_problem(400, "invalid_query");
}

#[test]
fn officials_publish_new_versions_and_published_ones_never_change() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let member = app.user("member");
    let atelier = FormatBuilder::new("Atelier").content(format_content("Discuter.", &[15, 45]));
    app.post("/formats", None, &atelier.body()).expect_problem(401, "unauthorized");
    atelier.send(&app, &member.token).expect_problem(403, "forbidden");
    let created = atelier.send(&app, &official.token).expect(201);
    assert_eq!(created.header("location"), Some("/api/v1/formats/atelier"));
    let created = created.json();
    assert_eq!(created["current"]["duration_minutes"], 60);
    assert!(created["current"]["published_by"].is_string(), "the publisher's display name");
    assert!(created["current"]["document"].as_str().unwrap().contains("Durée totale : 60 min"));

    let next = VersionBuilder::of("atelier", 1)
        .note("Plus de temps pour les tables.")
        .content(format_content("Discuter ensemble.", &[15, 60]));
    next.send(&app, &member.token).expect_problem(403, "forbidden");
    let v2 = next.send(&app, &official.token).expect(201);
    assert_eq!(v2.header("location"), Some("/api/v1/formats/atelier/versions/2"));
    assert_eq!(v2.json()["version"], 2);
    // Written from version 1 while version 2 exists: refused, nothing lost.
    let stale = next.send(&app, &official.token).expect_problem(409, "stale_version");
    assert_eq!(stale["errors"][0]["field"], "based_on");
    assert_eq!(app.count("format_versions"), 2);

    // A published version does not change, through the API or in SQL.
    app.patch("/formats/atelier/versions/1", None, &json!({})).expect_problem(401, "unauthorized");
    app.patch("/formats/atelier/versions/1", Some(&member.token), &json!({})).expect_problem(403, "forbidden");
    app.patch("/formats/atelier/versions/1", Some(&official.token), &json!({"purpose": "Autre"}))
        .expect_problem(409, "version_published");
    app.patch("/formats/atelier/versions/7", Some(&official.token), &json!({})).expect_problem(404, "not_found");
    let mut db = app.db();
    use diesel::RunQueryDsl;
    for statement in [
        "UPDATE format_versions SET purpose = 'réécrit' WHERE version = 1",
        "DELETE FROM format_versions WHERE version = 1",
        "TRUNCATE format_versions CASCADE",
    ] {
        let refused = diesel::sql_query(statement).execute(&mut db);
        assert!(refused.is_err(), "{statement} was allowed");
    }
    let v1 = app.get("/formats/atelier/versions/1").expect(200).json();
    assert_eq!(v1["purpose"], "Discuter.");
    // Renaming touches the format, not its versions.
    let renamed =
        app.patch("/formats/atelier", Some(&official.token), &json!({"name": "Atelier ouvert"})).expect(200).json();
    assert_eq!(renamed["name"], "Atelier ouvert");
    assert_eq!(renamed["latest_version"], 2);
    // Both publications are in the public change feed and the audit trail.
    let audit =
        app.count("events WHERE audited AND type IN ('format.created', 'format.version_published', 'format.updated')");
    assert_eq!(audit, 3);
}

#[test]
fn two_editors_publishing_at_once_get_one_version_and_one_conflict() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    FormatBuilder::new("Forum rapide").create(&app, &official.token);
    let barrier = Barrier::new(2);
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let (barrier, app, token) = (&barrier, &app, &official.token);
                s.spawn(move || {
                    let edit = VersionBuilder::of("forum-rapide", 1)
                        .note(&format!("Édition {i}"))
                        .content(format_content(&format!("Version de {i}."), &[30]));
                    barrier.wait();
                    edit.send(app, token).status
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut sorted = statuses.clone();
    sorted.sort();
    assert_eq!(sorted, [201, 409], "{statuses:?}");
    assert_eq!(app.get("/formats/forum-rapide").expect(200).json()["latest_version"], 2);
}

#[test]
fn bad_formats_get_field_errors() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let mut bad = format_content("Discuter.", &[0]);
    bad["questionnaire"] = json!([
        {"key": "Note", "kind": "rating", "label": "A"},
        {"key": "x", "kind": "rating", "label": "B"},
        {"key": "x", "kind": "text", "label": "C"}
    ]);
    let problem = app
        .post("/formats", Some(&official.token), &json!({"name": " ", "content": bad}))
        .expect_problem(422, "validation_failed");
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    for field in ["name", "content.agenda[0].minutes", "content.questionnaire", "content.questionnaire[0].key"] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    let mut empty = format_content("Discuter.", &[]);
    empty["questionnaire"][0]["kind"] = json!("stars");
    app.post("/formats", Some(&official.token), &json!({"name": "Vide", "content": empty}))
        .expect_problem(422, "unprocessable_body");
    app.post("/formats", Some(&official.token), &json!({"name": "Vide", "content": format_content("x", &[])}))
        .expect_problem(422, "validation_failed");
    FormatBuilder::new("Doublon").create(&app, &official.token);
    FormatBuilder::new("Autre")
        .slug("doublon")
        .content(format_content("x", &[10]))
        .send(&app, &official.token)
        .expect_problem(409, "already_exists");
}

#[test]
fn forums_record_the_version_they_follow() {
    let app = TestApp::spawn_empty();
    let admin = app.user("admin");
    FormatBuilder::new("Forum type").create(&app, &admin.token);
    let forum = ForumBuilder::new("Forum suivant un format").format("forum-type").create(&app, &admin.token);
    assert_eq!(forum["format"], json!({"slug": "forum-type", "name": "Forum type", "version": 1, "superseded": false}));
    VersionBuilder::of("forum-type", 1)
        .note("Plus court.")
        .content(format_content("Discuter.", &[30]))
        .create(&app, &admin.token);
    let slug = &forum.slug();
    let after = app.get(&format!("/forums/{slug}")).expect(200).json();
    assert_eq!(after["format"]["version"], 1, "the forum keeps the version it followed");
    assert_eq!(after["format"]["superseded"], true);
    let moved = app
        .patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"format": {"slug": "forum-type"}}))
        .expect(200)
        .json();
    assert_eq!(moved["format"]["version"], 2);
    let back = app
        .patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"format": {"slug": "forum-type", "version": 1}}))
        .expect(200)
        .json();
    assert_eq!(back["format"]["version"], 1);
    let none = app.patch(&format!("/forums/{slug}"), Some(&admin.token), &json!({"format": null})).expect(200).json();
    assert!(none["format"].is_null());
    let unknown =
        ForumBuilder::new("X").format("inconnu").send(&app, &admin.token).expect_problem(409, "unknown_reference");
    assert_eq!(unknown["errors"][0]["field"], "format.slug");
    let no_version = ForumBuilder::new("X")
        .with("format", json!({"slug": "forum-type", "version": 9}))
        .send(&app, &admin.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(no_version["errors"][0]["field"], "format.version");
    let bad = ForumBuilder::new("X")
        .with("format", json!({"slug": "forum-type", "version": 0}))
        .send(&app, &admin.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(bad["errors"][0]["field"], "format.version");
    let formats = app.get("/formats").expect(200).json();
    assert_eq!(formats["items"][0]["latest_version"], 2);
    assert_eq!(formats["items"][0]["duration_minutes"], 30);
}
