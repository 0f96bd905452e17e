//! Creating forums: who may, the slug made from a French title or given, and every invalid
//! field named at once.

use opendetat_tests::*;

use super::*;

#[test]
fn an_official_creates_a_forum_with_a_slug_made_from_its_french_title() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let fr0041 = commitment_id(&app, "FR0041");
    let fr0044 = commitment_id(&app, "FR0044");
    let res = ForumBuilder::new("Forum : données ouvertes")
        .commitments(&[fr0044, fr0041])
        .capacity(40)
        .online("https://example.org/visio")
        .send(&app, &official.token)
        .expect(201);
    let created = res.json();
    assert_eq!(created["slug"], "forum-donnees-ouvertes");
    assert_eq!(created["title"], "Forum : données ouvertes");
    assert_eq!(created["status"], "planned");
    assert_eq!(created["capacity"], 40);
    assert_eq!(created["location"], "20 avenue de Ségur, 75007 Paris");
    assert_eq!(created["online_url"], "https://example.org/visio");
    assert_eq!(commitment_codes(&created), ["FR0041", "FR0044"]);
    let id = created["id"].as_i64().unwrap();
    assert_eq!(app.count(&format!("forum_commitments WHERE forum_id = {id}")), 2);
    assert_eq!(app.get("/forums/forum-donnees-ouvertes").expect(200).json(), created);
    assert_eq!(
        slugs(&page_items(&app, "/forums?commitment=FR0044")),
        [CONSULTATION_2018, CONSULTATION, "forum-donnees-ouvertes"]
    );

    let again = ForumBuilder::new("Forum : données ouvertes").create(&app, &official.token);
    assert_eq!(again["slug"], "forum-donnees-ouvertes-2");
    assert_eq!(again["commitments"], json!([]));
    let third = ForumBuilder::new("Forum — Données ouvertes !").create(&app, &official.token);
    assert_eq!(third["slug"], "forum-donnees-ouvertes-3");
    let accents = ForumBuilder::new("Élections, ça œuvre à Noël").create(&app, &official.token);
    assert_eq!(accents["slug"], "elections-ca-oeuvre-a-noel");
}

#[test]
fn an_admin_creates_a_forum_too() {
    let app = TestApp::spawn();
    let admin = app.user("admin");
    let created = ForumBuilder::new("Atelier en ligne")
        .without("location")
        .online("https://example.org/a")
        .open()
        .create(&app, &admin.token);
    assert_eq!(created["slug"], "atelier-en-ligne");
    assert_eq!(created["status"], "open");
    assert!(created["location"].is_null());
    assert_eq!(app.count("forums"), N + 1);
}

#[test]
fn a_forum_is_reachable_by_any_slug_the_api_gives_it() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // A title made of digits would give an all-digit slug, which `/forums/{id}` would read as
    // an id: the slug made gets a word, and names this forum.
    let created = ForumBuilder::new("2030 !").create(&app, &official.token);
    let slug = created.slug();
    assert_eq!(slug, "forum-2030");
    let got = app.get(&format!("/forums/{slug}")).expect(200).json();
    assert_eq!(got["id"], created["id"], "GET /forums/{slug} answered another forum or none");
    // An explicit all-digit slug breaks the contract's rule (at least one letter): refused,
    // naming the slug, and nothing is created.
    let p = ForumBuilder::new("Forum chiffré")
        .slug("2031")
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["slug"]);
    assert_eq!(app.count("forums WHERE slug = '2031'"), 0);
    app.get("/forums/2031").expect_problem(404, "not_found");
}

#[test]
fn an_explicit_slug_already_taken_is_a_409() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let created = ForumBuilder::new("Un forum").slug("mon-forum").create(&app, &official.token);
    assert_eq!(created["slug"], "mon-forum");
    ForumBuilder::new("Un autre").slug(DIALOGUE).send(&app, &official.token).expect_problem(409, "already_exists");
    assert_eq!(app.count("forums"), N + 1);
}

#[test]
fn members_and_anonymous_users_cannot_create_edit_or_delete_forums() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let moderator = app.user("moderator");
    let path = format!("/forums/{DIALOGUE}");
    let forbidden = ForumBuilder::new("Forum interdit");
    for token in [&member.token, &moderator.token] {
        forbidden.send(&app, token).expect_problem(403, "forbidden");
        app.patch(&path, Some(token), &json!({"title": "Piraté"})).expect_problem(403, "forbidden");
        app.delete(&path, Some(token)).expect_problem(403, "forbidden");
    }
    let res = app.post("/forums", None, &forbidden.body());
    assert_eq!(res.header("www-authenticate"), Some("Bearer"));
    res.expect_problem(401, "unauthorized");
    app.patch(&path, None, &json!({"title": "Piraté"})).expect_problem(401, "unauthorized");
    app.delete(&path, None).expect_problem(401, "unauthorized");
    forbidden.send(&app, "not-a-token").expect_problem(401, "unauthorized");

    assert_eq!(app.count("forums"), N);
    assert_eq!(app.get(&path).expect(200).json()["title"], "Forum Open d'État : un espace de dialogue en ligne");
}

#[test]
fn ends_at_before_or_at_starts_at_is_rejected_naming_ends_at() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let before = ForumBuilder::new("Forum à l'envers").with("ends_at", "2027-05-10T17:00:00+02:00").body();
    let p = app.post("/forums", Some(&official.token), &before).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["ends_at"]);
    let same = ForumBuilder::new("Forum instantané").with("ends_at", "2027-05-10T16:30:00Z").body();
    let p = app.post("/forums", Some(&official.token), &same).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["ends_at"]);
    assert_eq!(app.count("forums"), N);
}

#[test]
fn a_forum_needs_a_location_or_an_online_url() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let nowhere = ForumBuilder::new("Forum nulle part").without("location");
    let p = nowhere.send(&app, &official.token).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    let nulls = nowhere.clone().with("location", Value::Null).with("online_url", Value::Null);
    let p = nulls.send(&app, &official.token).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["location"]);
    // Online only is fine.
    let online = nowhere.online("https://example.org/salle").create(&app, &official.token);
    assert!(online["location"].is_null());
    assert_eq!(online["online_url"], "https://example.org/salle");
}

#[test]
fn a_javascript_online_url_is_rejected_naming_online_url() {
    let app = TestApp::spawn();
    let official = app.user("official");
    for url in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org/x"] {
        let p = ForumBuilder::new("Forum piégé")
            .online(url)
            .send(&app, &official.token)
            .expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["online_url"], "{url}");
    }
    assert_eq!(app.count("forums"), N);
}

#[test]
fn an_unknown_commitment_id_is_rejected_and_nothing_is_created() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let fr0041 = commitment_id(&app, "FR0041");
    let p = ForumBuilder::new("Forum orphelin")
        .commitments(&[fr0041, 987654])
        .send(&app, &official.token)
        .expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    let p = ForumBuilder::new("Forum orphelin")
        .commitments(&[0])
        .send(&app, &official.token)
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["commitment_ids"]);
    assert_eq!(app.count("forums"), N);
    assert_eq!(app.count("forums WHERE title = 'Forum orphelin'"), 0);
    assert_eq!(app.count("forum_commitments"), 10);
}

#[test]
fn several_invalid_fields_are_all_named_at_once() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let body = ForumBuilder::new("   ").slug("Pas Un Slug").capacity(0).online("javascript:alert(1)").theme("").body();
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["capacity", "online_url", "slug", "theme", "title"]);
    assert_eq!(app.count("forums"), N);
}

#[test]
fn schedule_and_place_errors_are_named_together_with_field_errors() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // Ends before it starts, has neither place nor link, and a capacity of 0: three errors.
    let body = ForumBuilder::new("Forum bancal")
        .without("location")
        .with("ends_at", "2027-05-10T17:00:00+02:00")
        .capacity(0)
        .body();
    let p = app.post("/forums", Some(&official.token), &body).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["capacity", "ends_at", "location"]);
}
