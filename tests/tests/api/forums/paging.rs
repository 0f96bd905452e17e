//! Paging through forums: keyset pages that neither skip nor repeat, upcoming and past, while
//! forums are being created; cursors and page sizes checked.

use opendetat_tests::*;

use super::*;

/// Twelve forums on an empty database, with some equal start times; returns their ids in
/// start order (start, then id).
fn twelve_forums(app: &TestApp, token: &str) -> Vec<i64> {
    let mut made: Vec<(String, i64)> = Vec::new();
    for i in 0..12 {
        // Days 1..=6, two forums a day at the same time.
        let day = 1 + (i * 7) % 12 / 2;
        let starts = format!("2030-04-{day:02}T09:00:00Z");
        let ends = format!("2030-04-{day:02}T12:00:00Z");
        let f = ForumBuilder::new(&format!("Forum {i}")).at(&starts, &ends).create(app, token);
        made.push((starts, f["id"].as_i64().unwrap()));
    }
    made.sort();
    made.into_iter().map(|(_, id)| id).collect()
}

#[test]
fn pages_through_forums_without_skipping_or_repeating() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let expected = twelve_forums(&app, &official.token);

    let first = app.get("/forums?limit=5").expect(200);
    let link = first.header("link").expect("a Link header").to_string();
    let body = first.json();
    assert_eq!(body["items"].as_array().unwrap().len(), 5);
    let cursor = body["next_cursor"].as_str().unwrap();
    assert!(
        link.contains(&format!("cursor={cursor}")) && link.contains("limit=5") && link.ends_with("rel=\"next\""),
        "{link}"
    );

    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(c) => format!("/forums?limit=5&cursor={c}"),
            None => "/forums?limit=5".to_string(),
        };
        let res = app.get(&path).expect(200);
        let has_link = res.header("link").is_some();
        let body = res.json();
        let items = body["items"].as_array().unwrap();
        sizes.push(items.len());
        seen.extend(ids(items));
        next = body["next_cursor"].as_str().map(str::to_string);
        assert_eq!(has_link, next.is_some());
        if next.is_none() {
            break;
        }
        assert!(sizes.len() < 10, "pagination does not end");
    }
    assert_eq!(sizes, [5, 5, 2]);
    assert_eq!(seen, expected);
    assert_eq!(ids(&collect_pages(&app, "/forums?limit=5&when=upcoming", None)), expected);
    // None has ended, so none is past.
    assert!(collect_pages(&app, "/forums?limit=5&when=past", None).is_empty());
}

#[test]
fn pages_through_past_forums_latest_first() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let mut made = Vec::new();
    for i in 0..7 {
        let day = 1 + i % 3;
        let f = ForumBuilder::new(&format!("Ancien {i}"))
            .at(&format!("2010-02-{day:02}T09:00:00Z"), &format!("2010-02-{day:02}T10:00:00Z"))
            .create(&app, &official.token);
        made.push((day, f["id"].as_i64().unwrap()));
    }
    made.sort();
    made.reverse();
    let expected: Vec<i64> = made.into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids(&collect_pages(&app, "/forums?when=past&limit=2", None)), expected);
    assert!(collect_pages(&app, "/forums?when=upcoming&limit=2", None).is_empty());
}

#[test]
fn paging_forums_while_new_ones_are_created_neither_skips_nor_repeats() {
    let app = TestApp::spawn_empty();
    let official = app.user("official");
    let expected = twelve_forums(&app, &official.token);

    let mut seen: Vec<i64> = Vec::new();
    let mut added_late = Vec::new();
    let mut next: Option<String> = None;
    for round in 0.. {
        let path = match &next {
            Some(c) => format!("/forums?limit=5&cursor={c}"),
            None => "/forums?limit=5".to_string(),
        };
        let body = app.get(&path).expect(200).json();
        seen.extend(ids(body["items"].as_array().unwrap()));
        next = body["next_cursor"].as_str().map(str::to_string);
        if next.is_none() {
            break;
        }
        // Between pages: one forum before everything listed so far, one at the same start as
        // the forums of the page just read, one after everything.
        ForumBuilder::new(&format!("Tôt {round}"))
            .at("2029-01-01T09:00:00Z", "2029-01-01T10:00:00Z")
            .create(&app, &official.token);
        ForumBuilder::new(&format!("Même heure {round}"))
            .at("2030-04-01T09:00:00Z", "2030-04-01T12:00:00Z")
            .create(&app, &official.token);
        let late = ForumBuilder::new(&format!("Tard {round}"))
            .at("2031-01-01T09:00:00Z", "2031-01-01T10:00:00Z")
            .create(&app, &official.token);
        added_late.push(late["id"].as_i64().unwrap());
        assert!(round < 20, "pagination does not end");
    }
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a forum was listed twice: {seen:?}");
    let original: Vec<i64> = seen.iter().copied().filter(|id| expected.contains(id)).collect();
    assert_eq!(original, expected, "every forum that existed at the start, once, in order");
    // The forums created after everything already listed come at the end, in order.
    let tail: Vec<i64> = seen.iter().copied().filter(|id| added_late.contains(id)).collect();
    assert_eq!(tail, added_late);
}

#[test]
fn a_cursor_from_another_when_is_rejected() {
    let app = TestApp::spawn();
    let past = app.get("/forums?when=past&limit=1").expect(200).json();
    let cursor = past["next_cursor"].as_str().expect("three past forums, so a next page").to_string();
    app.get(&format!("/forums?when=past&limit=1&cursor={cursor}")).expect(200);
    app.get(&format!("/forums?when=upcoming&limit=1&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    app.get(&format!("/forums?limit=1&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    let all = app.get("/forums?limit=1").expect(200).json();
    let cursor = all["next_cursor"].as_str().unwrap();
    app.get(&format!("/forums?when=past&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    app.get("/forums?cursor=garbage!").expect_problem(400, "invalid_cursor");
}

#[test]
fn the_forum_page_size_is_bounded() {
    let app = TestApp::spawn();
    for limit in ["0", "101", "-1"] {
        let p = app.get(&format!("/forums?limit={limit}")).expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["limit"], "{limit}");
    }
    assert_eq!(page_items(&app, "/forums?limit=2").len(), 2);
    assert_eq!(page_items(&app, "/forums?limit=100").len(), SEEDED.len());
}
