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

/// The discussion these tests post to.
const DIALOGUE: &str = "/forums/2027-01-espace-de-dialogue-en-ligne";

#[test]
fn finds_forums_and_comments_ignoring_accents_and_inflection() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let id = builders::comment(&app, &member.token, DIALOGUE, "Les élus ont débattu longuement des propositions.").id();
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
    let visible = builders::comment(&app, &member.token, DIALOGUE, "Le mot zorglub est rare.").id();
    let hidden = builders::comment(&app, &member.token, DIALOGUE, "Encore zorglub, mais masqué.").id();
    let deleted = builders::comment(&app, &member.token, DIALOGUE, "Zorglub pour la dernière fois.").id();
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
        let text = format!("Proposition {i} sur le quinoa{}", " et le quinoa".repeat(i % 4));
        expected.insert(builders::comment(&app, &member.token, DIALOGUE, &text).id());
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
    builders::comment(
        &app,
        &member.token,
        DIALOGUE,
        "bonjour <script>alert('bonjour')</script> & <img src=x onerror=alert(1)> bonjour",
    );
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
