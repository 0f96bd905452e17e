//! Comments on forums, commitments and milestones: posting, threading, listing in threads and
//! flat modes, long discussions and pagination under writes, edit, delete (tombstones),
//! moderation, sanitised markdown and body limits.

use diesel::prelude::*;
use diesel::sql_types::BigInt;
use opendetat_tests::*;

use crate::forums::{field_names, ids, new_forum, page_items, utc_nanos, DIALOGUE};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Posts a comment (or a reply) on `target` (e.g. `/forums/12`), expecting 201.
fn comment(app: &TestApp, target: &str, token: &str, body: &str) -> Value {
    app.post(&format!("{target}/comments"), Some(token), &json!({ "body": body })).expect(201).json()
}

fn reply(app: &TestApp, target: &str, token: &str, parent: &Value, body: &str) -> Value {
    app.post(&format!("{target}/comments"), Some(token), &json!({ "body": body, "parent_id": parent["id"] }))
        .expect(201)
        .json()
}

fn id(v: &Value) -> i64 {
    v["id"].as_i64().unwrap_or_else(|| panic!("no id in {v}"))
}

fn get_comment(app: &TestApp, id: i64, token: Option<&str>) -> Value {
    app.request("GET", &format!("/comments/{id}"), token, &[], None).expect(200).json()
}

/// A fresh forum made by a new official; returns its `/forums/{id}` path and id.
fn fresh_forum(app: &TestApp, title: &str) -> (String, i64) {
    let official = app.user("official");
    let forum = new_forum(app, &official.token, title);
    (format!("/forums/{}", id(&forum)), id(&forum))
}

fn milestone_id(app: &TestApp, code: &str) -> i64 {
    let c = app.get("/commitments/FR0041").expect(200).json();
    let m = c["milestones"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {c}"));
    id(m)
}

#[derive(QueryableByName)]
struct IdRow {
    #[diesel(sql_type = BigInt)]
    id: i64,
}

/// Ids from a `SELECT id …` run directly on the app's database.
fn sql_ids(app: &TestApp, query: &str) -> Vec<i64> {
    diesel::sql_query(query)
        .load::<IdRow>(&mut app.db())
        .unwrap_or_else(|e| panic!("{query}: {e}"))
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn assert_distinct(ids: &[i64]) {
    let mut sorted = ids.to_vec();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len(), "an id repeats in {ids:?}");
}

// ---------------------------------------------------------------------------------------------
// Posting on the three targets
// ---------------------------------------------------------------------------------------------

#[test]
fn posts_a_comment_on_a_forum_by_id_or_slug() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let forum = app.get(&format!("/forums/{DIALOGUE}")).expect(200).json();
    let res = app
        .post(
            &format!("/forums/{DIALOGUE}/comments"),
            Some(&member.token),
            &json!({"body": "Merci pour ce **forum**."}),
        )
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", id(&c)).as_str()));
    assert_eq!(c["target"], json!({"type": "forum", "id": forum["id"]}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["author"]["display_name"], "Test member");
    assert_eq!(c["author"]["role"], "member");
    assert_eq!(c["body"], "Merci pour ce **forum**.");
    assert_eq!(c["body_html"], "<p>Merci pour ce <strong>forum</strong>.</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert!(
        c["parent_id"].is_null() && c["root_id"].is_null() && c["edited_at"].is_null() && c["deleted_at"].is_null()
    );
    assert!(c["hidden_reason"].is_null());
    assert_eq!(c["reply_count"], 0);
    utc_nanos(c["created_at"].as_str().unwrap());
    // The Location answers with the same comment (the 201 is built without reading it back,
    // so every field must agree with what was stored).
    let mut fetched = app.get(res.header("location").unwrap()).expect(200).json();
    fetched.as_object_mut().unwrap().remove("replies");
    let mut posted = c.clone();
    posted.as_object_mut().unwrap().remove("replies");
    assert_eq!(fetched, posted);

    let by_id = comment(&app, &format!("/forums/{}", forum["id"]), &member.token, "Par l'identifiant");
    assert_eq!(by_id["target"], json!({"type": "forum", "id": forum["id"]}));
    let listed = page_items(&app, &format!("/forums/{DIALOGUE}/comments"));
    assert_eq!(ids(&listed)[..2], [id(&by_id), id(&c)]);
}

#[test]
fn posts_a_comment_on_a_commitment_by_code() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let commitment = app.get("/commitments/FR0041").expect(200).json();
    let res = app
        .post("/commitments/FR0041/comments", Some(&member.token), &json!({"body": "Où en est cet engagement ?"}))
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", id(&c)).as_str()));
    assert_eq!(c["target"], json!({"type": "commitment", "id": commitment["id"]}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["body_html"], "<p>Où en est cet engagement ?</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert_eq!(
        app.count(&format!(
            "comments WHERE subject_id = (SELECT subject_id FROM commitments WHERE id = {}) AND id = {}",
            commitment["id"],
            id(&c)
        )),
        1
    );
    // By numeric id and lowercase code too; listed newest first before the seeded thread.
    let by_id = comment(&app, &format!("/commitments/{}", commitment["id"]), &member.token, "Par id");
    let lower = comment(&app, "/commitments/fr0041", &member.token, "En minuscules");
    let listed = page_items(&app, "/commitments/FR0041/comments");
    assert_eq!(ids(&listed)[..3], [id(&lower), id(&by_id), id(&c)]);
    assert_eq!(listed.len(), 4, "with the seeded thread");
}

#[test]
fn posts_a_comment_on_a_milestone() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let m = milestone_id(&app, "12.1");
    let res = app
        .post(&format!("/milestones/{m}/comments"), Some(&member.token), &json!({"body": "Ce jalon est-il *tenu* ?"}))
        .expect(201);
    let c = res.json();
    assert_eq!(res.header("location"), Some(format!("/api/v1/comments/{}", id(&c)).as_str()));
    assert_eq!(c["target"], json!({"type": "milestone", "id": m}));
    assert_eq!(c["author"]["id"], member.id);
    assert_eq!(c["body_html"], "<p>Ce jalon est-il <em>tenu</em> ?</p>\n");
    assert_eq!(c["state"], "visible");
    assert_eq!(c["depth"], 0);
    assert_eq!(ids(&page_items(&app, &format!("/milestones/{m}/comments"))), [id(&c)]);
    // Milestone 12.2 keeps its own seeded discussion.
    let other = milestone_id(&app, "12.2");
    let seeded = page_items(&app, &format!("/milestones/{other}/comments"));
    assert_eq!(seeded.len(), 1);
    assert_eq!(seeded[0]["reply_count"], 1);
}

#[test]
fn posting_a_comment_requires_a_token_on_every_target() {
    let app = TestApp::spawn();
    let before = app.count("comments");
    let m = milestone_id(&app, "12.1");
    for target in [format!("/forums/{DIALOGUE}"), "/commitments/FR0041".to_string(), format!("/milestones/{m}")] {
        let res = app.post(&format!("{target}/comments"), None, &json!({"body": "Anonyme"}));
        assert_eq!(res.header("www-authenticate"), Some("Bearer"));
        res.expect_problem(401, "unauthorized");
        app.post(&format!("{target}/comments"), Some("garbage"), &json!({"body": "Anonyme"}))
            .expect_problem(401, "unauthorized");
    }
    assert_eq!(app.count("comments"), before);
}

/// The author's account is checked inside the post's own transaction: a suspended account
/// gets 403 and a deleted one 401, with a valid body or not, and nothing is written.
#[test]
fn a_suspended_or_deleted_account_cannot_post() {
    let app = TestApp::spawn();
    let before = app.count("comments");
    let target = format!("/forums/{DIALOGUE}/comments");
    let suspended = app.user("member");
    app.sql(&format!("UPDATE users SET suspended_at = now() WHERE id = {}", suspended.id));
    for body in [json!({"body": "Valide"}), json!({"body": ""}), json!({})] {
        app.post(&target, Some(&suspended.token), &body).expect_problem(403, "forbidden");
    }
    let gone = app.user("member");
    app.sql(&format!("DELETE FROM users WHERE id = {}", gone.id));
    for body in [json!({"body": "Valide"}), json!({})] {
        app.post(&target, Some(&gone.token), &body).expect_problem(401, "unauthorized");
    }
    // On an unknown target too, the account comes first.
    app.post("/forums/no-such-forum/comments", Some(&suspended.token), &json!({"body": "Valide"}))
        .expect_problem(403, "forbidden");
    assert_eq!(app.count("comments"), before);
}

#[test]
fn commenting_on_an_unknown_target_is_a_404() {
    let app = TestApp::spawn();
    let member = app.user("member");
    for target in
        ["/forums/no-such-forum", "/forums/999999", "/commitments/FR9999", "/milestones/999999", "/milestones/abc"]
    {
        app.post(&format!("{target}/comments"), Some(&member.token), &json!({"body": "Perdu"}))
            .expect_problem(404, "not_found");
        app.get(&format!("{target}/comments")).expect_problem(404, "not_found");
    }
}

// ---------------------------------------------------------------------------------------------
// Replies
// ---------------------------------------------------------------------------------------------

#[test]
fn replies_nest_under_the_top_level_comment_of_their_thread() {
    let app = TestApp::spawn();
    let (forum, _) = fresh_forum(&app, "Forum des réponses");
    let alice = app.user("member");
    let bob = app.user("member");
    let top = comment(&app, &forum, &alice.token, "Question");
    let r1 = reply(&app, &forum, &bob.token, &top, "Réponse");
    assert_eq!(r1["parent_id"], top["id"]);
    assert_eq!(r1["root_id"], top["id"]);
    assert_eq!(r1["depth"], 1);
    let r2 = reply(&app, &forum, &alice.token, &r1, "Réponse à la réponse");
    assert_eq!(r2["parent_id"], r1["id"]);
    assert_eq!(r2["root_id"], top["id"], "the root stays the top-level comment");
    assert_eq!(r2["depth"], 2);
    let r3 = reply(&app, &forum, &bob.token, &r2, "Plus profond");
    assert_eq!(r3["root_id"], top["id"]);
    assert_eq!(r3["depth"], 3);

    assert_eq!(get_comment(&app, id(&top), None)["reply_count"], 1);
    assert_eq!(get_comment(&app, id(&r1), None)["reply_count"], 1);
    reply(&app, &forum, &bob.token, &top, "Deuxième réponse");
    assert_eq!(get_comment(&app, id(&top), None)["reply_count"], 2);
    assert_eq!(get_comment(&app, id(&r3), None)["reply_count"], 0);
    // Only the top-level comment is a thread.
    assert_eq!(ids(&page_items(&app, &format!("{forum}/comments"))), [id(&top)]);

    // Replies work on commitments and milestones too.
    let c_top = comment(&app, "/commitments/FR0041", &alice.token, "Sur l'engagement");
    let c_reply = reply(&app, "/commitments/FR0041", &bob.token, &c_top, "Réponse");
    assert_eq!((c_reply["depth"].clone(), c_reply["root_id"].clone()), (json!(1), c_top["id"].clone()));
    let m = format!("/milestones/{}", milestone_id(&app, "12.3"));
    let m_top = comment(&app, &m, &alice.token, "Sur le jalon");
    let m_reply = reply(&app, &m, &bob.token, &m_top, "Réponse");
    assert_eq!((m_reply["depth"].clone(), m_reply["root_id"].clone()), (json!(1), m_top["id"].clone()));
}

#[test]
fn a_reply_must_answer_a_comment_on_the_same_target() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let (forum, _) = fresh_forum(&app, "Forum A");
    let on_forum = comment(&app, &forum, &member.token, "Sur le forum");
    let on_commitment = comment(&app, "/commitments/FR0041", &member.token, "Sur l'engagement");
    let m = milestone_id(&app, "12.1");
    let before = app.count("comments");
    let cases = [
        ("/commitments/FR0041".to_string(), &on_forum),
        (forum.clone(), &on_commitment),
        (format!("/milestones/{m}"), &on_commitment),
        (format!("/forums/{DIALOGUE}"), &on_forum),
        ("/commitments/FR0042".to_string(), &on_commitment),
    ];
    for (target, parent) in cases {
        let p = app
            .post(
                &format!("{target}/comments"),
                Some(&member.token),
                &json!({"body": "Égaré", "parent_id": parent["id"]}),
            )
            .expect_problem(409, "unknown_reference");
        assert_eq!(field_names(&p), ["parent_id"], "{target}");
    }
    assert_eq!(app.count("comments"), before);
    assert_eq!(get_comment(&app, id(&on_forum), None)["reply_count"], 0);
    assert_eq!(get_comment(&app, id(&on_commitment), None)["reply_count"], 0);
}

#[test]
fn a_reply_to_an_unknown_comment_is_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let before = app.count("comments");
    let p = app
        .post(
            &format!("/forums/{DIALOGUE}/comments"),
            Some(&member.token),
            &json!({"body": "Dans le vide", "parent_id": 987654321}),
        )
        .expect_problem(409, "unknown_reference");
    assert_eq!(field_names(&p), ["parent_id"]);
    assert_eq!(app.count("comments"), before);
}

// ---------------------------------------------------------------------------------------------
// Listing
// ---------------------------------------------------------------------------------------------

/// A forum with two threads: `a`, then `b`, then five replies r1..r5 to `a`, then a reply
/// r1a to r1. Returns (forum path, a, b, [r1..r5], r1a).
fn two_threads(app: &TestApp) -> (String, Value, Value, Vec<Value>, Value) {
    let (forum, _) = fresh_forum(app, "Forum des fils");
    let m1 = app.user("member");
    let m2 = app.user("member");
    let a = comment(app, &forum, &m1.token, "Fil A");
    let b = comment(app, &forum, &m2.token, "Fil B");
    let mut rs = Vec::new();
    for i in 1..=5 {
        rs.push(reply(app, &forum, if i % 2 == 0 { &m1.token } else { &m2.token }, &a, &format!("Réponse {i}")));
    }
    let r1a = reply(app, &forum, &m1.token, &rs[0], "Réponse à la réponse 1");
    (forum, a, b, rs, r1a)
}

#[test]
fn threads_mode_lists_top_level_comments_newest_first_with_their_first_replies() {
    let app = TestApp::spawn();
    let (forum, a, b, rs, _r1a) = two_threads(&app);
    for path in [format!("{forum}/comments"), format!("{forum}/comments?mode=threads")] {
        let body = app.get(&path).expect(200).json();
        let items = body["items"].as_array().unwrap();
        assert_eq!(ids(items), [id(&b), id(&a)], "top level only, newest first");
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
    assert_eq!(ids(items[1]["replies"]["items"].as_array().unwrap()), [id(&rs[0])]);
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
        let rest = app.get(&format!("/comments/{}/replies?cursor={cursor}&limit=100", id(&a))).expect(200).json();
        assert_eq!(ids(rest["items"].as_array().unwrap()), ids(&rs[expected_first..]), "replies={n}");
        assert!(rest["next_cursor"].is_null());
    }
    // The replies endpoint pages on its own and embeds the replies' replies.
    let all = collect_pages(&app, &format!("/comments/{}/replies?limit=2", id(&a)), None);
    assert_eq!(ids(&all), ids(&rs));
    assert_eq!(ids(all[0]["replies"]["items"].as_array().unwrap()), [id(&r1a)]);
    assert_eq!(ids(&page_items(&app, &format!("/comments/{}/replies", id(&rs[0])))), [id(&r1a)]);
    assert!(page_items(&app, &format!("/comments/{}/replies", id(&r1a))).is_empty());
    app.get("/comments/987654321/replies").expect_problem(404, "not_found");
}

#[test]
fn flat_mode_lists_every_comment_oldest_first() {
    let app = TestApp::spawn();
    let (forum, a, b, rs, r1a) = two_threads(&app);
    let items = page_items(&app, &format!("{forum}/comments?mode=flat"));
    let mut expected = vec![id(&a), id(&b)];
    expected.extend(ids(&rs));
    expected.push(id(&r1a));
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
    let got = get_comment(&app, id(&a), None);
    assert_eq!(got["body"], "Fil A");
    assert_eq!(got["reply_count"], 5);
    assert_eq!(ids(got["replies"]["items"].as_array().unwrap()), ids(&rs[..3]));
    assert!(got["replies"]["next_cursor"].is_string());
    let got = app.get(&format!("/comments/{}?replies=20", id(&a))).expect(200).json();
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
    let p = app.get(&format!("/comments/{}?replies=21", id(&a))).expect_problem(422, "validation_failed");
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

// ---------------------------------------------------------------------------------------------
// Long discussions and pagination
// ---------------------------------------------------------------------------------------------

/// A forum with 300 top-level comments written straight into the database, created in pairs
/// at the same instant (so the order also rests on the id), every other one with two replies,
/// and one reply in ten with a reply of its own. Returns the forum's path and id.
fn long_discussion(app: &TestApp) -> (String, i64) {
    let (forum, fid) = fresh_forum(app, "Forum très fréquenté");
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
        assert!(x > y || (x == y && id(&pair[0]) > id(&pair[1])), "not newest first: {} then {}", pair[0], pair[1]);
    }
    // Each thread carries its own first replies.
    for t in &threads {
        assert_eq!(t["depth"], 0);
        let n = t["reply_count"].as_i64().unwrap();
        assert_eq!(n, if id(t) % 2 == 0 { 2 } else { 0 }, "{t}");
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
    let (forum, fid) = fresh_forum(&app, "Forum animé");
    let member = app.user("member");
    let mut initial = Vec::new();
    for i in 0..23 {
        initial.push(id(&comment(&app, &forum, &member.token, &format!("Fil {i}"))));
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
        posted.push(id(&comment(&app, &forum, &member.token, &format!("Nouveau {round}"))));
        reply(&app, &forum, &member.token, &items[0], "Réponse en cours de route");
        let later = json!({"id": expected[expected.len() - 1]});
        reply(&app, &forum, &member.token, &later, "Réponse au plus ancien");
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

// ---------------------------------------------------------------------------------------------
// Editing and deleting
// ---------------------------------------------------------------------------------------------

#[test]
fn the_author_edits_their_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &author.token, "Premier jet");
    assert!(c["edited_at"].is_null());
    let edited = app
        .patch(&format!("/comments/{}", id(&c)), Some(&author.token), &json!({"body": "Version *corrigée*"}))
        .expect(200)
        .json();
    assert_eq!(edited["id"], c["id"]);
    assert_eq!(edited["body"], "Version *corrigée*");
    assert_eq!(edited["body_html"], "<p>Version <em>corrigée</em></p>\n");
    let at = edited["edited_at"].as_str().expect("edited_at is set");
    assert!(utc_nanos(at) >= utc_nanos(c["created_at"].as_str().unwrap()));
    assert_eq!(edited["created_at"], c["created_at"]);
    assert_eq!(edited["state"], "visible");
    let fetched = get_comment(&app, id(&c), None);
    assert_eq!(fetched["body"], "Version *corrigée*");
    assert_eq!(fetched["edited_at"], edited["edited_at"]);
    // Blank is not an edit.
    let p = app
        .patch(&format!("/comments/{}", id(&c)), Some(&author.token), &json!({"body": "  "}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
}

#[test]
fn only_the_author_may_edit_a_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let admin = app.user("admin");
    let moderator = app.user("moderator");
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &author.token, "Texte d'origine");
    let path = format!("/comments/{}", id(&c));
    for token in [&other.token, &admin.token, &moderator.token] {
        app.patch(&path, Some(token), &json!({"body": "Réécrit"})).expect_problem(403, "forbidden");
    }
    app.patch(&path, None, &json!({"body": "Réécrit"})).expect_problem(401, "unauthorized");
    app.patch("/comments/987654321", Some(&author.token), &json!({"body": "Réécrit"})).expect_problem(404, "not_found");
    let now = get_comment(&app, id(&c), None);
    assert_eq!(now["body"], "Texte d'origine");
    assert!(now["edited_at"].is_null());
}

#[test]
fn a_deleted_comment_stays_as_a_tombstone_that_keeps_its_replies() {
    let app = TestApp::spawn();
    let (forum, _) = fresh_forum(&app, "Forum des tombes");
    let author = app.user("member");
    let other = app.user("member");
    let top = comment(&app, &forum, &author.token, "Je vais disparaître");
    let r1 = reply(&app, &forum, &other.token, &top, "Réponse qui reste");
    let r2 = reply(&app, &forum, &other.token, &top, "Autre réponse");

    app.delete(&format!("/comments/{}", id(&top)), Some(&author.token)).expect(204);
    let t = get_comment(&app, id(&top), None);
    assert_eq!(t["state"], "deleted");
    assert!(t["body"].is_null() && t["body_html"].is_null() && t["author"].is_null(), "{t}");
    assert!(t["deleted_at"].is_string());
    assert_eq!(t["reply_count"], 2);
    // Even its author and moderators no longer see the text; it is erased.
    let moderator = app.user("moderator");
    assert!(get_comment(&app, id(&top), Some(&author.token))["body"].is_null());
    assert!(get_comment(&app, id(&top), Some(&moderator.token))["body"].is_null());
    assert_eq!(app.count(&format!("comments WHERE id = {} AND body = ''", id(&top))), 1);

    let threads = page_items(&app, &format!("{forum}/comments"));
    assert_eq!(ids(&threads), [id(&top)]);
    assert_eq!(threads[0]["state"], "deleted");
    assert_eq!(ids(threads[0]["replies"]["items"].as_array().unwrap()), [id(&r1), id(&r2)]);
    assert_eq!(threads[0]["replies"]["items"][0]["body"], "Réponse qui reste");
    let flat = page_items(&app, &format!("{forum}/comments?mode=flat"));
    assert_eq!(ids(&flat), [id(&top), id(&r1), id(&r2)]);
    assert!(flat[0]["body"].is_null());
}

#[test]
fn a_deleted_comment_cannot_be_answered_or_edited() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let forum = format!("/forums/{DIALOGUE}");
    let c = comment(&app, &forum, &author.token, "Bientôt supprimé");
    app.delete(&format!("/comments/{}", id(&c)), Some(&author.token)).expect(204);
    let before = app.count("comments");
    app.post(&format!("{forum}/comments"), Some(&other.token), &json!({"body": "Trop tard", "parent_id": c["id"]}))
        .expect_problem(409, "parent_unavailable");
    assert_eq!(app.count("comments"), before);
    assert_eq!(get_comment(&app, id(&c), None)["reply_count"], 0);
    app.patch(&format!("/comments/{}", id(&c)), Some(&author.token), &json!({"body": "Ressuscité"}))
        .expect_problem(409, "comment_unavailable");
    assert_eq!(get_comment(&app, id(&c), None)["state"], "deleted");
}

#[test]
fn only_the_author_or_an_admin_may_delete_a_comment() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let other = app.user("member");
    let moderator = app.user("moderator");
    let official = app.user("official");
    let admin = app.user("admin");
    let forum = format!("/forums/{DIALOGUE}");
    let c = comment(&app, &forum, &author.token, "À moi");
    let path = format!("/comments/{}", id(&c));
    for token in [&other.token, &moderator.token, &official.token] {
        app.delete(&path, Some(token)).expect_problem(403, "forbidden");
    }
    app.delete(&path, None).expect_problem(401, "unauthorized");
    app.delete("/comments/987654321", Some(&admin.token)).expect_problem(404, "not_found");
    assert_eq!(get_comment(&app, id(&c), None)["state"], "visible");

    app.delete(&path, Some(&admin.token)).expect(204);
    assert_eq!(get_comment(&app, id(&c), None)["state"], "deleted");
    // Deleting again is still a success.
    app.delete(&path, Some(&admin.token)).expect(204);
    app.delete(&path, Some(&author.token)).expect(204);
    assert_eq!(get_comment(&app, id(&c), None)["state"], "deleted");

    // Authors delete their own.
    let own = comment(&app, &forum, &other.token, "Le mien");
    app.delete(&format!("/comments/{}", id(&own)), Some(&other.token)).expect(204);
    assert_eq!(get_comment(&app, id(&own), None)["state"], "deleted");
}

// ---------------------------------------------------------------------------------------------
// Moderation
// ---------------------------------------------------------------------------------------------

#[test]
fn a_moderator_hides_a_comment_from_the_public_but_not_from_its_author() {
    let app = TestApp::spawn();
    let (forum, _) = fresh_forum(&app, "Forum modéré");
    let author = app.user("member");
    let other = app.user("member");
    let moderator = app.user("moderator");
    let admin = app.user("admin");
    let c = comment(&app, &forum, &author.token, "Propos limite");
    let path = format!("/comments/{}/moderation", id(&c));

    let hidden = app
        .put(&path, Some(&moderator.token), &json!({"hidden": true, "reason": "Propos injurieux"}))
        .expect(200)
        .json();
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["hidden_reason"], "Propos injurieux");
    assert_eq!(hidden["body"], "Propos limite", "moderators still read it");

    for token in [None, Some(other.token.as_str())] {
        let seen = get_comment(&app, id(&c), token);
        assert_eq!(seen["state"], "hidden");
        assert!(seen["body"].is_null() && seen["body_html"].is_null(), "{seen}");
        assert_eq!(seen["hidden_reason"], "Propos injurieux");
        assert_eq!(seen["author"]["id"], author.id);
        let listed = collect_pages(&app, &format!("{forum}/comments"), token);
        assert_eq!(ids(&listed), [id(&c)]);
        assert!(listed[0]["body"].is_null());
        assert_eq!(listed[0]["state"], "hidden");
        let flat = collect_pages(&app, &format!("{forum}/comments?mode=flat"), token);
        assert!(flat[0]["body"].is_null());
    }
    for token in [&author.token, &moderator.token, &admin.token] {
        let seen = get_comment(&app, id(&c), Some(token));
        assert_eq!(seen["state"], "hidden");
        assert_eq!(seen["body"], "Propos limite");
        assert_eq!(seen["body_html"], "<p>Propos limite</p>\n");
        assert_eq!(collect_pages(&app, &format!("{forum}/comments"), Some(token))[0]["body"], "Propos limite");
    }

    let shown = app.put(&path, Some(&admin.token), &json!({"hidden": false})).expect(200).json();
    assert_eq!(shown["state"], "visible");
    assert!(shown["hidden_reason"].is_null());
    let seen = get_comment(&app, id(&c), None);
    assert_eq!(seen["state"], "visible");
    assert_eq!(seen["body"], "Propos limite");
    assert!(seen["hidden_reason"].is_null());
}

#[test]
fn a_hidden_comment_cannot_be_answered_or_edited() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let moderator = app.user("moderator");
    let forum = format!("/forums/{DIALOGUE}");
    let c = comment(&app, &forum, &author.token, "À masquer");
    app.put(
        &format!("/comments/{}/moderation", id(&c)),
        Some(&moderator.token),
        &json!({"hidden": true, "reason": "Hors sujet"}),
    )
    .expect(200);
    app.post(&format!("{forum}/comments"), Some(&moderator.token), &json!({"body": "Non", "parent_id": c["id"]}))
        .expect_problem(409, "parent_unavailable");
    app.patch(&format!("/comments/{}", id(&c)), Some(&author.token), &json!({"body": "Contourné"}))
        .expect_problem(409, "comment_unavailable");
    let seen = get_comment(&app, id(&c), Some(&author.token));
    assert_eq!(seen["body"], "À masquer");
    assert_eq!(seen["reply_count"], 0);
}

#[test]
fn only_moderators_and_admins_may_moderate() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let member = app.user("member");
    let official = app.user("official");
    let admin = app.user("admin");
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &author.token, "Texte");
    let path = format!("/comments/{}/moderation", id(&c));
    let body = json!({"hidden": true, "reason": "Abus"});
    for token in [&author.token, &member.token, &official.token] {
        app.put(&path, Some(token), &body).expect_problem(403, "forbidden");
    }
    app.put(&path, None, &body).expect_problem(401, "unauthorized");
    assert_eq!(get_comment(&app, id(&c), None)["state"], "visible");
    assert_eq!(app.count(&format!("comments WHERE id = {} AND hidden_at IS NOT NULL", id(&c))), 0);

    let hidden = app.put(&path, Some(&admin.token), &body).expect(200).json();
    assert_eq!(hidden["state"], "hidden");
    assert_eq!(hidden["hidden_reason"], "Abus");
    app.put("/comments/987654321/moderation", Some(&admin.token), &body).expect_problem(404, "not_found");
}

// ---------------------------------------------------------------------------------------------
// Content
// ---------------------------------------------------------------------------------------------

#[test]
fn comment_markdown_is_rendered_and_sanitised() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let text = "**gras** <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> [lien](javascript:alert(1)) \
                <a href=\"#\" onclick=\"alert(1)\">clic</a> [site](https://example.org)";
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &member.token, text);
    for seen in [c.clone(), get_comment(&app, id(&c), None)] {
        assert_eq!(seen["body"], text, "the markdown is kept as written");
        let html = seen["body_html"].as_str().unwrap();
        assert!(html.contains("<strong>gras</strong>"), "{html}");
        assert!(!html.to_lowercase().contains("<script"), "{html}");
        assert!(!html.contains("<img"), "raw HTML must stay text: {html}");
        assert!(!html.contains("<a href=\"#\""), "raw HTML must stay text: {html}");
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("rel=\"nofollow noopener noreferrer ugc\""), "{html}");
    }
    let edited = app
        .patch(
            &format!("/comments/{}", id(&c)),
            Some(&member.token),
            &json!({"body": "<script>alert(2)</script>\n\n**ok**"}),
        )
        .expect(200)
        .json();
    let html = edited["body_html"].as_str().unwrap();
    assert!(!html.contains("<script") && html.contains("<strong>ok</strong>"), "{html}");
}

#[test]
fn sql_looking_text_is_stored_and_returned_literally() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let text = "'); DROP TABLE comments; --";
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &member.token, text);
    assert_eq!(c["body"], text);
    assert_eq!(get_comment(&app, id(&c), None)["body"], text);
    assert_eq!(app.count("comments WHERE body = '''); DROP TABLE comments; --'"), 1);
    let listed = page_items(&app, &format!("/forums/{DIALOGUE}/comments"));
    assert_eq!(listed[0]["body"], text);
    assert!(listed[0]["body_html"].as_str().unwrap().contains("DROP TABLE comments; --"));
    // The other discussions are all still there.
    assert_eq!(page_items(&app, "/commitments/FR0041/comments").len(), 1);
    let edited = app
        .patch(&format!("/comments/{}", id(&c)), Some(&member.token), &json!({"body": "1' OR '1'='1"}))
        .expect(200)
        .json();
    assert_eq!(edited["body"], "1' OR '1'='1");
}

#[test]
fn a_comment_body_over_20000_characters_is_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let forum = format!("/forums/{DIALOGUE}");
    let before = app.count("comments");
    let p = app
        .post(&format!("{forum}/comments"), Some(&member.token), &json!({"body": "a".repeat(20_001)}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
    for blank in ["", "   \n "] {
        let p = app
            .post(&format!("{forum}/comments"), Some(&member.token), &json!({"body": blank}))
            .expect_problem(422, "validation_failed");
        assert_eq!(field_names(&p), ["body"]);
    }
    assert_eq!(app.count("comments"), before);
    // The limit counts characters, not bytes: 20,000 accented letters (40,000 bytes) pass.
    let long = "é".repeat(20_000);
    let c = comment(&app, &forum, &member.token, &long);
    assert_eq!(c["body"].as_str().unwrap().chars().count(), 20_000);
    let p = app
        .patch(&format!("/comments/{}", id(&c)), Some(&member.token), &json!({"body": "é".repeat(20_001)}))
        .expect_problem(422, "validation_failed");
    assert_eq!(field_names(&p), ["body"]);
}

#[test]
fn a_json_body_over_64_kib_is_rejected_with_413() {
    let app = TestApp::spawn();
    let member = app.user("member");
    let before = app.count("comments");
    let big = json!({"body": "a".repeat(70_000)});
    app.post(&format!("/forums/{DIALOGUE}/comments"), Some(&member.token), &big)
        .expect_problem(413, "payload_too_large");
    let c = comment(&app, &format!("/forums/{DIALOGUE}"), &member.token, "Petit");
    app.patch(&format!("/comments/{}", id(&c)), Some(&member.token), &big).expect_problem(413, "payload_too_large");
    assert_eq!(app.count("comments"), before + 1);
}

#[test]
fn unknown_fields_in_a_comment_are_rejected() {
    let app = TestApp::spawn();
    let member = app.user("member");
    app.post(&format!("/forums/{DIALOGUE}/comments"), Some(&member.token), &json!({"body": "x", "author_id": 1}))
        .expect_problem(422, "unprocessable_body");
    app.request(
        "POST",
        &format!("/forums/{DIALOGUE}/comments"),
        Some(&member.token),
        &[("Content-Type", "application/json")],
        Some("{\"body\": "),
    )
    .expect_problem(400, "malformed_json");
}
