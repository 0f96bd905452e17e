//! Long discussions: every thread and every comment exactly once across keyset pages, also
//! while people keep posting.

use opendetat_tests::*;

use super::*;

/// A forum with 300 top-level comments written straight into the database, created in pairs
/// at the same instant (so the order also rests on the id), every other one with two replies,
/// and one reply in ten with a reply of its own. Returns the forum's path and id.
fn long_discussion(app: &TestApp) -> (String, i64) {
    let fid = ForumBuilder::new("Forum très fréquenté").create(app, &app.user("official").token).id();
    let forum = format!("/forums/{fid}");
    let author = app.user("member");
    let uid = author.id;
    app.sql(&format!(
        "INSERT INTO comments (subject_id, author_id, body, body_html, created_at) \
         SELECT (SELECT subject_id FROM forums WHERE id = {fid}), {uid}, 'Fil ' || g, '<p>Fil ' || g || '</p>', \
                timestamptz '2026-01-01 00:00:00+00' + (g / 2) * interval '1 minute' \
         FROM generate_series(1, 300) AS g"
    ));
    app.sql(&format!(
        "INSERT INTO comments (subject_id, parent_id, root_id, depth, author_id, body, body_html, created_at) \
         SELECT (SELECT subject_id FROM forums WHERE id = {fid}), c.id, c.id, 1, {uid}, 'Réponse ' || r, '<p>Réponse</p>', c.created_at + r * interval '1 second' \
         FROM comments c CROSS JOIN generate_series(1, 2) AS r \
         WHERE c.subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND c.parent_id IS NULL AND c.id % 2 = 0"
    ));
    app.sql(&format!(
        "INSERT INTO comments (subject_id, parent_id, root_id, depth, author_id, body, body_html, created_at) \
         SELECT (SELECT subject_id FROM forums WHERE id = {fid}), c.id, c.root_id, 2, {uid}, 'Sous-réponse', '<p>Sous-réponse</p>', c.created_at + interval '5 seconds' \
         FROM comments c WHERE c.subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND c.depth = 1 AND c.id % 10 = 0"
    ));
    app.sql(&format!(
        "UPDATE comments c SET reply_count = (SELECT count(*) FROM comments r WHERE r.parent_id = c.id) \
         WHERE c.subject_id = (SELECT subject_id FROM forums WHERE id = {fid})"
    ));
    assert_eq!(
        app.count(&format!(
            "comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND parent_id IS NULL"
        )),
        300
    );
    assert!(
        app.count(&format!(
            "comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND depth = 2"
        )) > 0
    );
    (forum, fid)
}

#[test]
fn a_long_discussion_pages_through_every_thread_exactly_once_newest_first() {
    let app = TestApp::spawn();
    let (forum, fid) = long_discussion(&app);
    let expected = sql_ids(
        &app,
        &format!("SELECT id FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND parent_id IS NULL ORDER BY created_at DESC, id DESC"),
    );
    let mut pages = 0;
    let mut threads: Vec<Value> = Vec::new();
    let mut next: Option<String> = None;
    loop {
        let path = match &next {
            Some(c) => format!("{forum}/comments?limit=50&cursor={c}"),
            None => format!("{forum}/comments?limit=50"),
        };
        let body = app.get(&path).expect(200).json();
        let items = body["items"].as_array().unwrap();
        assert_eq!(items.len(), 50, "page {pages}");
        threads.extend(items.iter().cloned());
        pages += 1;
        match body["next_cursor"].as_str() {
            Some(c) => next = Some(c.to_string()),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    assert_eq!(pages, 6);
    let got = ids(&threads);
    assert_eq!(got.len(), 300);
    assert_distinct(&got);
    assert_eq!(got, expected);
    for pair in threads.windows(2) {
        let (x, y) =
            (utc_nanos(pair[0]["created_at"].as_str().unwrap()), utc_nanos(pair[1]["created_at"].as_str().unwrap()));
        assert!(x > y || (x == y && pair[0].id() > pair[1].id()), "not newest first: {} then {}", pair[0], pair[1]);
    }
    // Each thread carries its own first replies.
    for t in &threads {
        assert_eq!(t["depth"], 0);
        let n = t["reply_count"].as_i64().unwrap();
        assert_eq!(n, if t.id() % 2 == 0 { 2 } else { 0 }, "{t}");
        let replies = t["replies"]["items"].as_array().unwrap();
        assert_eq!(replies.len() as i64, n);
        assert!(replies.iter().all(|r| r["parent_id"] == t["id"] && r["depth"] == 1));
    }
}

#[test]
fn a_long_discussion_in_flat_mode_returns_every_comment_exactly_once() {
    let app = TestApp::spawn();
    let (forum, fid) = long_discussion(&app);
    let expected = sql_ids(
        &app,
        &format!("SELECT id FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) ORDER BY created_at, id"),
    );
    assert!(expected.len() > 600);
    let all = collect_pages(&app, &format!("{forum}/comments?mode=flat&limit=50"), None);
    let got = ids(&all);
    assert_distinct(&got);
    assert_eq!(got.len(), expected.len());
    assert_eq!(got, expected);
    // The `Link` header leads to the same next page as the cursor.
    let first = app.get(&format!("{forum}/comments?mode=flat&limit=50"));
    let link = first.header("link").expect("a Link header").to_string();
    let url = link.trim_start_matches('<').split('>').next().unwrap().to_string();
    assert!(url.starts_with("/api/v1/forums/") && url.contains("mode=flat") && url.contains("limit=50"), "{link}");
    let second = app.get(&url).expect(200).json();
    assert_eq!(ids(second["items"].as_array().unwrap()), expected[50..100]);
    // And the largest page size gives the same.
    assert_eq!(ids(&collect_pages(&app, &format!("{forum}/comments?mode=flat&limit=100"), None)), expected);
}

#[test]
fn comments_posted_while_paging_threads_cause_no_repeats_or_skips() {
    let app = TestApp::spawn();
    let fid = ForumBuilder::new("Forum animé").create(&app, &app.user("official").token).id();
    let forum = format!("/forums/{fid}");
    let member = app.user("member");
    let mut initial = Vec::new();
    for i in 0..23 {
        initial.push(builders::comment(&app, &member.token, &forum, &format!("Fil {i}")).id());
    }
    // Three more at one instant, written directly, so that ties on the time are crossed too.
    let uid = member.id;
    app.sql(&format!(
        "INSERT INTO comments (subject_id, author_id, body, body_html, created_at) \
         SELECT (SELECT subject_id FROM forums WHERE id = {fid}), {uid}, 'Simultané', '<p>Simultané</p>', (SELECT min(created_at) FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid})) \
         FROM generate_series(1, 3)"
    ));
    let expected = sql_ids(
        &app,
        &format!("SELECT id FROM comments WHERE subject_id = (SELECT subject_id FROM forums WHERE id = {fid}) AND parent_id IS NULL ORDER BY created_at DESC, id DESC"),
    );
    assert_eq!(expected.len(), 26);

    let mut seen: Vec<i64> = Vec::new();
    let mut next: Option<String> = None;
    let mut posted = Vec::new();
    for round in 0.. {
        let path = match &next {
            Some(c) => format!("{forum}/comments?limit=4&cursor={c}"),
            None => format!("{forum}/comments?limit=4"),
        };
        let body = app.get(&path).expect(200).json();
        let items = body["items"].as_array().unwrap();
        seen.extend(ids(items));
        next = body["next_cursor"].as_str().map(str::to_string);
        if next.is_none() {
            break;
        }
        // Between pages: a new thread, and a reply to a thread already listed and one not yet.
        posted.push(builders::comment(&app, &member.token, &forum, &format!("Nouveau {round}")).id());
        builders::reply(&app, &member.token, &forum, items[0].id(), "Réponse en cours de route");
        builders::reply(&app, &member.token, &forum, expected[expected.len() - 1], "Réponse au plus ancien");
        assert!(round < 20, "pagination does not end");
    }
    assert_distinct(&seen);
    assert_eq!(seen, expected, "exactly the threads present at the start, in order");
    assert!(seen.iter().all(|i| !posted.contains(i)));
    // The new threads are there for the next reader, first.
    let fresh = page_items(&app, &format!("{forum}/comments?limit=100"));
    assert_eq!(fresh.len(), 26 + posted.len());
    let mut newest_first = posted.clone();
    newest_first.reverse();
    assert_eq!(ids(&fresh)[..posted.len()], newest_first[..]);
}
