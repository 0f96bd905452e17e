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

/// Search's worst case (issue 22, 5b): a word found only in old comments, with thousands of
/// newer ids in between. Comments are looked up by id buckets (32,768 and 2,048 ids), newest
/// first: these ids put the old matches several empty coarse buckets below the newest comments.
#[test]
fn a_word_only_in_old_comments_is_found_best_first() {
    let app = TestApp::spawn();
    let member = app.user("member");
    // Three old comments, the word once, twice and three times: three different ranks.
    let old: Vec<i64> = (1..=3)
        .map(|n| {
            let text = format!("Le patrimoine{} de la commune.", " et son patrimoine".repeat(n - 1));
            builders::comment(&app, &member.token, DIALOGUE, &text).id()
        })
        .collect();
    // 300,000 ids later (eight empty coarse buckets): newer comments without the word.
    app.sql("SELECT setval('comments_id_seq', 300000)");
    let newer = builders::comment(&app, &member.token, DIALOGUE, "Rien à voir, une autre discussion.").id();
    assert!(newer > 300_000);
    let body = search(&app, "q=patrimoines&type=comment");
    // Best first: the comment that says it three times, then twice, then once.
    assert_eq!(ids_of(&body, "comment"), vec![old[2], old[1], old[0]], "{body}");
    // Exclusions only: the index cannot serve them; the newest comments are read instead.
    let without = search(&app, "q=-patrimoine&type=comment");
    let without = ids_of(&without, "comment");
    assert!(without.contains(&newer) && old.iter().all(|id| !without.contains(id)), "{without:?}");
}

/// When a coarse bucket holds more matches than are ranked, its fine buckets are read newest
/// first and ranking stops at the `COMMENT_CANDIDATES` (200) most recently posted matches:
/// older ones are left out, even in the bucket before.
#[test]
fn only_the_most_recently_posted_matches_are_ranked() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let oldest = builders::comment(&app, &member.token, DIALOGUE, "Le bocage du village.").id();
    // 250 matches with the same text (the same rank), ids 100 apart from 70,100: they fill one
    // coarse bucket (65,536 to 98,303) across 13 of its fine buckets.
    app.sql(
        "INSERT INTO comments (id, subject_id, author_id, body, body_html)
         SELECT 70000 + 100 * n, c.subject_id, c.author_id, 'Le bocage du village.', '<p>Le bocage du village.</p>'
           FROM generate_series(1, 250) n, (SELECT subject_id, author_id FROM comments ORDER BY id LIMIT 1) c",
    );
    app.sql("SELECT setval('comments_id_seq', 200000)");
    builders::comment(&app, &member.token, DIALOGUE, "Plus récent, sans le mot.");
    let items = collect_pages(&app, "/search?q=bocage&type=comment&limit=100", None);
    let ids: Vec<i64> = items.iter().map(|h| h["id"].as_i64().unwrap()).collect();
    // Equal ranks: newest first; the 200 newest of the 250, not the 50 older nor the oldest.
    let expected: Vec<i64> = (51..=250).rev().map(|n| 70_000 + 100 * n).collect();
    assert_eq!(ids, expected);
    assert!(!ids.contains(&oldest));
}
