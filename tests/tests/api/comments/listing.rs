//! Listing a discussion: threads newest first with their first replies, the replies
//! endpoint, flat mode oldest first, one comment, and bad parameters.

use opendetat_tests::*;

use super::*;

/// A forum with two threads: `a`, then `b`, then five replies r1..r5 to `a`, then a reply
/// r1a to r1. Returns (forum path, a, b, [r1..r5], r1a).
fn two_threads(app: &TestApp) -> (String, Value, Value, Vec<Value>, Value) {
    let forum =
        format!("/forums/{}", ForumBuilder::new("Forum des fils").create(app, &app.user("official").token).id());
    let m1 = app.user("member");
    let m2 = app.user("member");
    let a = builders::comment(app, &m1.token, &forum, "Fil A");
    let b = builders::comment(app, &m2.token, &forum, "Fil B");
    let mut rs = Vec::new();
    for i in 1..=5 {
        rs.push(builders::reply(
            app,
            if i % 2 == 0 { &m1.token } else { &m2.token },
            &forum,
            a.id(),
            &format!("Réponse {i}"),
        ));
    }
    let r1a = builders::reply(app, &m1.token, &forum, rs[0].id(), "Réponse à la réponse 1");
    (forum, a, b, rs, r1a)
}

#[test]
fn threads_mode_lists_top_level_comments_newest_first_with_their_first_replies() {
    let app = TestApp::spawn();
    let (forum, a, b, rs, _r1a) = two_threads(&app);
    for path in [format!("{forum}/comments"), format!("{forum}/comments?mode=threads")] {
        let body = app.get(&path).expect(200).json();
        let items = body["items"].as_array().unwrap();
        assert_eq!(ids(items), [b.id(), a.id()], "top level only, newest first");
        assert!(body["next_cursor"].is_null());
        let a_item = &items[1];
        assert_eq!(a_item["reply_count"], 5);
        let replies = a_item["replies"]["items"].as_array().unwrap();
        assert_eq!(ids(replies), ids(&rs[..3]), "the first three replies, oldest first");
        assert_eq!(replies[0]["reply_count"], 1);
        assert_eq!(replies[0]["body"], "Réponse 1");
        assert!(a_item["replies"]["next_cursor"].is_string());
        let b_item = &items[0];
        assert_eq!(b_item["replies"], json!({"items": [], "next_cursor": null}));
    }
    // replies=1 embeds one.
    let items = page_items(&app, &format!("{forum}/comments?replies=1"));
    assert_eq!(ids(items[1]["replies"]["items"].as_array().unwrap()), [rs[0].id()]);
    // replies=5: all of them, no cursor.
    let items = page_items(&app, &format!("{forum}/comments?replies=5"));
    assert_eq!(ids(items[1]["replies"]["items"].as_array().unwrap()), ids(&rs));
    assert!(items[1]["replies"]["next_cursor"].is_null());
}

#[test]
fn the_embedded_replies_cursor_fetches_the_remaining_replies() {
    let app = TestApp::spawn();
    let (forum, a, _b, rs, r1a) = two_threads(&app);
    for (n, expected_first) in [(3usize, 3usize), (1, 1), (0, 0)] {
        let items = page_items(&app, &format!("{forum}/comments?replies={n}"));
        let embedded = &items[1]["replies"];
        assert_eq!(embedded["items"].as_array().unwrap().len(), expected_first);
        let cursor = embedded["next_cursor"].as_str().unwrap_or_else(|| panic!("replies={n}: no cursor in {embedded}"));
        let rest = app.get(&format!("/comments/{}/replies?cursor={cursor}&limit=100", a.id())).expect(200).json();
        assert_eq!(ids(rest["items"].as_array().unwrap()), ids(&rs[expected_first..]), "replies={n}");
        assert!(rest["next_cursor"].is_null());
    }
    // The replies endpoint pages on its own and embeds the replies' replies.
    let all = collect_pages(&app, &format!("/comments/{}/replies?limit=2", a.id()), None);
    assert_eq!(ids(&all), ids(&rs));
    assert_eq!(ids(all[0]["replies"]["items"].as_array().unwrap()), [r1a.id()]);
    assert_eq!(ids(&page_items(&app, &format!("/comments/{}/replies", rs[0].id()))), [r1a.id()]);
    assert!(page_items(&app, &format!("/comments/{}/replies", r1a.id())).is_empty());
    app.get("/comments/987654321/replies").expect_problem(404, "not_found");
}

#[test]
fn flat_mode_lists_every_comment_oldest_first() {
    let app = TestApp::spawn();
    let (forum, a, b, rs, r1a) = two_threads(&app);
    let items = page_items(&app, &format!("{forum}/comments?mode=flat"));
    let mut expected = vec![a.id(), b.id()];
    expected.extend(ids(&rs));
    expected.push(r1a.id());
    assert_eq!(ids(&items), expected);
    assert!(items.iter().all(|c| c.get("replies").is_none()), "flat items are not nested");
    assert_eq!(items[7]["depth"], 2);
    assert_eq!(items[7]["root_id"], a["id"]);
    assert_eq!(ids(&collect_pages(&app, &format!("{forum}/comments?mode=flat&limit=3"), None)), expected);
}

#[test]
fn gets_one_comment_with_its_first_replies() {
    let app = TestApp::spawn();
    let (_forum, a, _b, rs, _) = two_threads(&app);
    let got = get_comment(&app, a.id(), None);
    assert_eq!(got["body"], "Fil A");
    assert_eq!(got["reply_count"], 5);
    assert_eq!(ids(got["replies"]["items"].as_array().unwrap()), ids(&rs[..3]));
    assert!(got["replies"]["next_cursor"].is_string());
    let got = app.get(&format!("/comments/{}?replies=20", a.id())).expect(200).json();
    assert_eq!(ids(got["replies"]["items"].as_array().unwrap()), ids(&rs));
    app.get("/comments/987654321").expect_problem(404, "not_found");
    app.get("/comments/abc").expect_problem(404, "not_found");
}

#[test]
fn the_seeded_discussion_keeps_its_thread_structure() {
    let app = TestApp::spawn();
    let threads = page_items(&app, &format!("/forums/{DIALOGUE}/comments?replies=20"));
    assert_eq!(threads.len(), 1);
    let top = &threads[0];
    assert_eq!(top["author"]["display_name"], "Camille Martin");
    assert_eq!(top["reply_count"], 1);
    assert_eq!(top["created_at"], "2026-11-02T18:12:00Z");
    let flat = page_items(&app, &format!("/forums/{DIALOGUE}/comments?mode=flat"));
    let depths: Vec<i64> = flat.iter().map(|c| c["depth"].as_i64().unwrap()).collect();
    assert_eq!(depths, [0, 1, 2, 3]);
    assert!(flat[1..].iter().all(|c| c["root_id"] == top["id"]));
    assert_eq!(flat[3]["parent_id"], flat[2]["id"]);
}

#[test]
fn bad_list_parameters_are_rejected() {
    let app = TestApp::spawn();
    let (forum, a, _b, _rs, _) = two_threads(&app);
    let p = app.get(&format!("{forum}/comments?replies=21")).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["replies"]);
    let p = app.get(&format!("{forum}/comments?replies=-1")).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["replies"]);
    let p = app.get(&format!("/comments/{}?replies=21", a.id())).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["replies"]);
    app.get(&format!("{forum}/comments?mode=bogus")).expect_problem(400, "invalid_query");
    app.get(&format!("{forum}/comments?cursor=garbage!")).expect_problem(400, "invalid_cursor");
    // A cursor of one mode is refused by the other.
    let flat = app.get(&format!("{forum}/comments?mode=flat&limit=1")).expect(200).json();
    let cursor = flat["next_cursor"].as_str().unwrap();
    app.get(&format!("{forum}/comments?mode=threads&cursor={cursor}")).expect_problem(400, "invalid_cursor");
    let p = app.get(&format!("{forum}/comments?limit=0")).expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["limit"]);
}
