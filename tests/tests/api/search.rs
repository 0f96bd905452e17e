//! `GET /search`: French, accent-insensitive, ranked, paginated; never returns hidden or
//! deleted comments; excerpts are escaped.

use std::collections::HashSet;

use opendetat_tests::*;

fn search(app: &TestApp, query: &str) -> Value {
    app.get(&format!("/search?{query}")).expect(200).json()
}

fn ids_of(body: &Value, kind: &str) -> Vec<i64> {
    body["items"].as_array().unwrap().iter().filter(|h| h["type"] == kind).map(|h| h["id"].as_i64().unwrap()).collect()
}

fn post(app: &TestApp, token: &str, body: &str) -> i64 {
    app.post("/forums/2027-01-espace-de-dialogue-en-ligne/comments", Some(token), &json!({ "body": body }))
        .expect(201)
        .json()["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn finds_forums_and_comments_ignoring_accents_and_inflection() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let id = post(&app, &member.token, "Les élus ont débattu longuement des propositions.");
    // Unaccented, singular, different case: still found (French stemming + unaccent).
    let body = search(&app, "q=ELUS%20debattu%20proposition");
    assert_eq!(ids_of(&body, "comment"), vec![id], "{body}");
    let hit = &body["items"][0];
    assert_eq!(hit["target"]["type"], "forum");
    assert_eq!(hit["target_key"], "2027-01-espace-de-dialogue-en-ligne");
    assert!(hit["target_title"].as_str().unwrap().contains("dialogue en ligne"), "{hit}");
    assert!(hit["excerpt_html"].as_str().unwrap().contains("<mark>"), "{hit}");
    // Forums are searched too, best first.
    let forums = search(&app, "q=algorithmes&type=forum");
    assert!(!ids_of(&forums, "forum").is_empty(), "{forums}");
    assert!(ids_of(&forums, "comment").is_empty(), "type=forum returns only forums: {forums}");
}

#[test]
fn hidden_and_deleted_comments_are_never_returned() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let moderator = app.user("moderator");
    let visible = post(&app, &member.token, "Le mot zorglub est rare.");
    let hidden = post(&app, &member.token, "Encore zorglub, mais masqué.");
    let deleted = post(&app, &member.token, "Zorglub pour la dernière fois.");
    app.put(&format!("/comments/{hidden}/moderation"), Some(&moderator.token), &json!({"hidden": true})).expect(200);
    app.delete(&format!("/comments/{deleted}"), Some(&member.token)).expect(204);
    assert_eq!(ids_of(&search(&app, "q=zorglub"), "comment"), vec![visible]);
}

#[test]
fn pages_through_every_match_without_repeats() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let mut expected = HashSet::new();
    for i in 0..23 {
        expected.insert(post(
            &app,
            &member.token,
            &format!("Proposition {i} sur le quinoa{}", " et le quinoa".repeat(i % 4)),
        ));
    }
    let items = collect_pages(&app, "/search?q=quinoa&limit=5", None);
    let ids: Vec<i64> = items.iter().map(|h| h["id"].as_i64().unwrap()).collect();
    let unique: HashSet<i64> = ids.iter().copied().collect();
    assert_eq!(ids.len(), unique.len(), "no repeats");
    assert_eq!(unique, expected);
    let ranks: Vec<f64> = items.iter().map(|h| h["rank"].as_f64().unwrap()).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "best first: {ranks:?}");
}

#[test]
fn excerpts_are_escaped() {
    let app = TestApp::spawn();
    let member = app.user("member");
    post(&app, &member.token, "bonjour <script>alert('bonjour')</script> & <img src=x onerror=alert(1)> bonjour");
    let body = search(&app, "q=bonjour&type=comment");
    let excerpt = body["items"][0]["excerpt_html"].as_str().unwrap();
    assert!(excerpt.contains("<mark>bonjour</mark>"), "{excerpt}");
    let without_marks = excerpt.replace("<mark>", "").replace("</mark>", "");
    assert!(!without_marks.contains('<'), "only <mark> is markup: {excerpt}");
}

#[test]
fn bad_queries_are_rejected() {
    let app = TestApp::spawn_empty();
    app.get("/search").expect_problem(400, "invalid_query");
    app.get("/search?q=%20%20").expect_problem(422, "validation_failed");
    app.get(&format!("/search?q={}", "a".repeat(201))).expect_problem(422, "validation_failed");
    app.get("/search?q=x&type=user").expect_problem(400, "invalid_query");
    app.get("/search?q=x&cursor=nope").expect_problem(400, "invalid_cursor");
    // Stop words only, or punctuation: an empty result, not an error.
    assert_eq!(search(&app, "q=le%20la%20les")["items"], json!([]));
    assert_eq!(search(&app, "q=%22%22%20-%20%7C")["items"], json!([]));
}
