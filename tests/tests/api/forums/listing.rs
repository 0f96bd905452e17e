//! Reading forums: the seeded list, times in UTC, upcoming and past, the filters, one forum by
//! id or slug, and its description rendered safely.

use opendetat_tests::*;

use super::*;

#[test]
fn lists_the_five_seeded_forums_by_start_date() {
    let app = TestApp::spawn();
    let body = app.get("/forums").expect(200).json();
    let items = body["items"].as_array().unwrap();
    assert_eq!(slugs(items), SEEDED);
    assert!(body["next_cursor"].is_null(), "{body}");
    let dialogue = &items[6];
    assert_eq!(dialogue["title"], "Forum Open d'État : un espace de dialogue en ligne");
    assert_eq!(dialogue["theme"], "Espace de dialogue en ligne");
    assert_eq!(dialogue["status"], "open");
    assert_eq!(dialogue["capacity"], 50);
    assert_eq!(dialogue["online_url"], "https://example.org/forums/espace-de-dialogue");
    assert_eq!(commitment_codes(dialogue), ["FR0041"]);
    assert_eq!(commitment_codes(&items[3]), ["FR0033", "FR0036"]);
    assert!(dialogue["description_html"].as_str().unwrap().contains("<strong>espace de dialogue en ligne</strong>"));
}

#[test]
fn forum_times_are_utc_rfc3339_with_the_paris_timezone() {
    let app = TestApp::spawn();
    for item in all_forums(&app) {
        assert_eq!(item["timezone"], "Europe/Paris", "{item}");
        for field in ["starts_at", "ends_at", "created_at", "updated_at"] {
            utc_nanos(item[field].as_str().unwrap_or_else(|| panic!("{field} missing in {item}")));
        }
    }
    // Seeded as 09:30 and 12:30 Paris summer time (+02:00).
    let f = app.get(&format!("/forums/{ALGORITHMES}")).expect(200).json();
    assert_eq!(f["starts_at"], "2018-10-11T07:30:00Z");
    assert_eq!(f["ends_at"], "2018-10-11T10:30:00Z");
    // Seeded as 18:30 Paris winter time (+01:00).
    let f = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    assert_eq!(f["starts_at"], "2027-01-21T17:30:00Z");

    // What a client sends with an offset comes back in UTC.
    let official = app.user("official");
    let created = ForumBuilder::new("Forum horaire").create(&app, &official.token);
    assert_eq!(created["starts_at"], "2027-05-10T16:30:00Z");
    assert_eq!(created["ends_at"], "2027-05-10T19:00:00Z");
    assert_eq!(created["timezone"], "Europe/Paris");
}

#[test]
fn upcoming_lists_only_forums_not_yet_ended_soonest_first() {
    let app = TestApp::spawn();
    let official = app.user("official");
    // Started long ago but still running: upcoming (it has not ended).
    let ongoing = ForumBuilder::new("Forum en cours")
        .at("2020-01-01T09:00:00Z", "2099-12-31T18:00:00Z")
        .create(&app, &official.token);
    let far = ForumBuilder::new("Forum lointain")
        .at("2098-06-01T09:00:00Z", "2098-06-01T12:00:00Z")
        .create(&app, &official.token);
    let old = ForumBuilder::new("Forum ancien")
        .at("2001-03-01T09:00:00Z", "2001-03-01T12:00:00Z")
        .create(&app, &official.token);

    let now = now_nanos();
    let mut expected: Vec<Value> =
        all_forums(&app).into_iter().filter(|f| utc_nanos(f["ends_at"].as_str().unwrap()) >= now).collect();
    expected.sort_by_key(|f| (utc_nanos(f["starts_at"].as_str().unwrap()), f["id"].as_i64().unwrap()));

    let upcoming = page_items(&app, "/forums?when=upcoming&limit=100");
    assert_eq!(ids(&upcoming), ids(&expected));
    assert_eq!(upcoming.first().unwrap()["id"], ongoing["id"], "the running forum starts first");
    assert_eq!(upcoming.last().unwrap()["id"], far["id"]);
    assert!(!ids(&upcoming).contains(&old["id"].as_i64().unwrap()));
    for f in &upcoming {
        assert!(utc_nanos(f["ends_at"].as_str().unwrap()) >= now, "{f}");
    }
    // The seeded forums still to come (at the time of writing: January and March 2027).
    for slug in SEEDED {
        let f = app.get(&format!("/forums/{slug}")).expect(200).json();
        let ended = utc_nanos(f["ends_at"].as_str().unwrap()) < now;
        assert_eq!(slugs(&upcoming).contains(&slug.to_string()), !ended, "{slug}");
    }
}

#[test]
fn past_lists_only_ended_forums_latest_first() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let old = ForumBuilder::new("Forum ancien")
        .at("2001-03-01T09:00:00Z", "2001-03-01T12:00:00Z")
        .create(&app, &official.token);
    let ongoing = ForumBuilder::new("Forum en cours")
        .at("2020-01-01T09:00:00Z", "2099-12-31T18:00:00Z")
        .create(&app, &official.token);

    let now = now_nanos();
    let mut expected: Vec<Value> =
        all_forums(&app).into_iter().filter(|f| utc_nanos(f["ends_at"].as_str().unwrap()) < now).collect();
    expected
        .sort_by_key(|f| std::cmp::Reverse((utc_nanos(f["starts_at"].as_str().unwrap()), f["id"].as_i64().unwrap())));

    let past = page_items(&app, "/forums?when=past&limit=100");
    assert_eq!(ids(&past), ids(&expected));
    assert!(past.len() >= 3, "the 2018 forums and the 2001 one have ended: {past:?}");
    assert_eq!(past.last().unwrap()["id"], old["id"], "the oldest comes last");
    assert!(!ids(&past).contains(&ongoing["id"].as_i64().unwrap()), "a running forum has not ended");
    let tail: Vec<String> = slugs(&past).into_iter().rev().take(3).collect();
    assert_eq!(tail, [slugs(std::slice::from_ref(&old))[0].clone(), ESSAI.to_string(), COMMANDE.to_string()]);
    for f in &past {
        assert!(utc_nanos(f["ends_at"].as_str().unwrap()) < now, "{f}");
    }
}

#[test]
fn filters_forums_by_status() {
    let app = TestApp::spawn();
    assert_eq!(
        slugs(&page_items(&app, "/forums?status=held")),
        [ESSAI, COMMANDE, ALGORITHMES, DONNEES, CONSULTATION_2018]
    );
    assert_eq!(slugs(&page_items(&app, "/forums?status=cancelled")), [SCIENCE]);
    assert_eq!(slugs(&page_items(&app, "/forums?status=open")), [DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?status=planned")), [CONSULTATION]);
    app.get("/forums?status=bogus").expect_problem(400, "invalid_query");
}

#[test]
fn filters_forums_by_commitment_code_or_id() {
    let app = TestApp::spawn();
    let fr0041 = commitment_id(&app, "FR0041");
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041")), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=fr0041")), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, &format!("/forums?commitment={fr0041}"))), [ESSAI, DIALOGUE]);
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0046")), [CONSULTATION]);
    assert!(page_items(&app, "/forums?commitment=FR9999").is_empty());
    assert!(page_items(&app, "/forums?commitment=999999").is_empty());
    // Combined with another filter.
    assert_eq!(slugs(&page_items(&app, "/forums?commitment=FR0041&status=held")), [ESSAI]);
    assert!(page_items(&app, "/forums?commitment=FR0041&status=cancelled").is_empty());
}

#[test]
fn filters_forums_by_theme_ignoring_case() {
    let app = TestApp::spawn();
    assert_eq!(slugs(&page_items(&app, "/forums?theme=Donn%C3%A9es%20ouvertes")), [DONNEES]);
    assert_eq!(slugs(&page_items(&app, "/forums?theme=donn%C3%A9es%20OUVERTES")), [DONNEES]);
    assert_eq!(slugs(&page_items(&app, "/forums?theme=science%20ouverte")), [SCIENCE]);
    // The theme is matched whole, not as a substring.
    assert!(page_items(&app, "/forums?theme=Donn%C3%A9es").is_empty());
    assert!(page_items(&app, "/forums?theme=%25").is_empty());
}

#[test]
fn searches_forums_by_text_in_title_theme_or_description() {
    let app = TestApp::spawn();
    // Title.
    assert_eq!(slugs(&page_items(&app, "/forums?q=algorithmes")), [ALGORITHMES]);
    assert_eq!(slugs(&page_items(&app, "/forums?q=ALGORITHMES")), [ALGORITHMES]);
    // Description only.
    assert_eq!(slugs(&page_items(&app, "/forums?q=biblioth%C3%A9caires")), [SCIENCE]);
    // Theme only.
    assert_eq!(slugs(&page_items(&app, "/forums?q=consultation%20publique")), [CONSULTATION_2018, CONSULTATION]);
    // Every seeded title holds "Forum Open".
    assert_eq!(page_items(&app, "/forums?q=forum%20open").len(), SEEDED.len());
    // LIKE wildcards are taken literally.
    assert!(page_items(&app, "/forums?q=%25").is_empty());
    assert!(page_items(&app, "/forums?q=_").is_empty());
    assert!(page_items(&app, "/forums?q=introuvable").is_empty());
}

#[test]
fn updated_since_returns_only_forums_changed_since_then() {
    let app = TestApp::spawn();
    let official = app.user("official");
    assert_eq!(page_items(&app, "/forums?updated_since=2000-01-01T00:00:00Z").len(), SEEDED.len());
    let changed = app
        .patch(&format!("/forums/{SCIENCE}"), Some(&official.token), &json!({"title": "Science ouverte, reportée"}))
        .expect(200)
        .json();
    let since = changed["updated_at"].as_str().unwrap();
    assert_eq!(slugs(&page_items(&app, &format!("/forums?updated_since={since}"))), [SCIENCE]);
    assert!(page_items(&app, "/forums?updated_since=2100-01-01T00:00:00Z").is_empty());
    // A new forum is "changed since" too.
    let created = ForumBuilder::new("Forum synchronisé").create(&app, &official.token);
    let listed = page_items(&app, &format!("/forums?updated_since={since}"));
    assert_eq!(ids(&listed).len(), 2);
    assert!(ids(&listed).contains(&created["id"].as_i64().unwrap()));
    app.get("/forums?updated_since=hier").expect_problem(400, "invalid_query");
}

#[test]
fn gets_a_forum_by_id_or_by_slug() {
    let app = TestApp::spawn();
    let by_slug = app.get(&format!("/forums/{DONNEES}")).expect(200).json();
    assert_eq!(by_slug["slug"], DONNEES);
    assert_eq!(by_slug["title"], "Forum Open d'État : ouverture des données publiques");
    assert_eq!(by_slug["location"], "139 rue de Bercy, 75012 Paris");
    assert!(by_slug["online_url"].is_null());
    assert_eq!(by_slug["capacity"], 80);
    assert_eq!(by_slug["timezone"], "Europe/Paris");
    assert_eq!(by_slug["starts_at"], "2018-11-22T17:30:00Z");
    let id = by_slug["id"].as_i64().unwrap();
    let by_id = app.get(&format!("/forums/{id}")).expect(200).json();
    assert_eq!(by_id, by_slug);
}

#[test]
fn an_unknown_forum_is_a_404_problem() {
    let app = TestApp::spawn();
    let official = app.user("official");
    app.get("/forums/999999").expect_problem(404, "not_found");
    app.get("/forums/no-such-forum").expect_problem(404, "not_found");
    app.patch("/forums/no-such-forum", Some(&official.token), &json!({"title": "x"})).expect_problem(404, "not_found");
    let admin = app.user("admin");
    app.delete("/forums/999999", Some(&admin.token)).expect_problem(404, "not_found");
    app.get("/forums/no-such-forum/comments").expect_problem(404, "not_found");
}

#[test]
fn forum_description_html_is_sanitised_while_the_description_is_kept_as_written() {
    let app = TestApp::spawn();
    let official = app.user("official");
    let description = "Ordre du jour **important**.\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) \
                       <img src=x onerror=alert(1)> [site](https://example.org)";
    let created = ForumBuilder::new("Forum piégé").description(description).create(&app, &official.token);
    for forum in [created.clone(), app.get(&format!("/forums/{}", created["id"])).expect(200).json()] {
        assert_eq!(forum["description"], description);
        let html = forum["description_html"].as_str().unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(!html.contains("<img"), "raw HTML must stay text: {html}");
        assert!(html.contains("<strong>important</strong>"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
    }
}
