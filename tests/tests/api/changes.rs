//! `GET /changes`: what was created, updated or deleted, in order, deletions included, with a
//! position to continue from.

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use opendetat_tests::*;

fn changes(app: &TestApp, since: Option<&str>, query: &str) -> Value {
    let path = match since {
        Some(s) => format!("/changes?since={s}&{query}"),
        None => format!("/changes?{query}"),
    };
    app.get(&path).expect(200).json()
}

/// Every change after `since`, following `next_since` while `has_more`; the last position.
/// The feed shows a transaction's changes once every transaction older than it has ended
/// (anywhere on the PostgreSQL server: other tests' too), so a caller waiting for `want`
/// changes asks again for a while.
fn drain_at_least(app: &TestApp, since: Option<&str>, query: &str, want: usize) -> (Vec<Value>, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let mut items = Vec::new();
    let mut position = since.map(str::to_string);
    loop {
        let (more, next) = drain(app, position.as_deref(), query);
        items.extend(more);
        position = Some(next);
        if items.len() >= want || std::time::Instant::now() > deadline {
            return (items, position.unwrap());
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

fn drain(app: &TestApp, since: Option<&str>, query: &str) -> (Vec<Value>, String) {
    let mut items = Vec::new();
    let mut since = since.map(str::to_string);
    loop {
        let page = changes(app, since.as_deref(), query);
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        since = Some(page["next_since"].as_str().unwrap().to_string());
        if page["has_more"] == false {
            return (items, since.unwrap());
        }
    }
}

fn summary(items: &[Value]) -> Vec<(String, String, String)> {
    items
        .iter()
        .map(|c| {
            (
                c["type"].as_str().unwrap().to_string(),
                c["key"].as_str().unwrap().to_string(),
                c["change"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_syncing_client_learns_of_creations_updates_and_deletions_in_order() {
    let app = TestApp::spawn();
    let (_, start) = drain(&app, None, "limit=100");
    let official = app.user("official");
    let admin = app.user("admin");
    let forum = ForumBuilder::new("Forum éphémère").create(&app, &official.token);
    let slug = forum.slug();
    app.patch(&format!("/forums/{slug}"), Some(&official.token), &json!({"capacity": 40})).expect(200);
    app.delete(&format!("/forums/{slug}"), Some(&admin.token)).expect(204);
    let (items, next) = drain_at_least(&app, Some(&start), "limit=2", 3);
    assert_eq!(
        summary(&items),
        [
            ("forum".to_string(), slug.clone(), "created".to_string()),
            ("forum".to_string(), slug.clone(), "updated".to_string()),
            ("forum".to_string(), slug.clone(), "deleted".to_string()),
        ]
    );
    assert_eq!(items[2]["id"], forum["id"]);
    app.get(&format!("/forums/{slug}")).expect_problem(404, "not_found");
    // Nothing new: an empty page, and a position that still works.
    let (none, again) = drain(&app, Some(&next), "");
    assert!(none.is_empty(), "{none:?}");
    // A comment, then its deletion by its author: a tombstone, so an update.
    let member = app.user("member");
    let c = builders::comment(&app, &member.token, "/commitments/FR0041", "Bientôt effacé");
    app.delete(&format!("/comments/{}", c["id"]), Some(&member.token)).expect(204);
    let (items, _) = drain_at_least(&app, Some(&again), "types=comment", 2);
    assert_eq!(
        summary(&items),
        [
            ("comment".to_string(), c["id"].to_string(), "created".to_string()),
            ("comment".to_string(), c["id"].to_string(), "updated".to_string()),
        ]
    );
    // Accounts are not in the feed.
    let (all, _) = drain_at_least(&app, Some(&start), "limit=100", 5);
    assert!(all.iter().all(|c| c["type"] != "user"), "{all:?}");
}

#[test]
fn a_position_from_elsewhere_or_from_the_future_is_a_clear_400() {
    let app = TestApp::spawn();
    for bad in ["not-a-position", "MTIzNA", "LTEuMQ"] {
        let p = app.get(&format!("/changes?since={bad}")).expect_problem(400, "invalid_position");
        assert!(p["detail"].as_str().unwrap().contains("since"), "{p}");
    }
    // base64url of "999999999999.0": a transaction that has not happened.
    let future = "OTk5OTk5OTk5OTk5LjA";
    app.get(&format!("/changes?since={future}")).expect_problem(400, "invalid_position");
    app.get("/changes?types=forum,planet").expect_problem(422, "validation_failed");
    app.get("/changes?limit=0").expect_problem(422, "validation_failed");
}

/// A connection with a transaction open that has a transaction id (as a writer's would): it
/// stays open until dropped.
fn open_transaction(url: &str) -> PgConnection {
    let mut conn = PgConnection::establish(url).expect("connect");
    conn.batch_execute("BEGIN; SELECT pg_current_xact_id();").expect("open a transaction");
    conn
}

#[test]
fn a_transaction_left_open_in_another_database_does_not_hold_the_feed_back() {
    let app = TestApp::spawn();
    let (_, start) = drain(&app, None, "limit=100");
    // Another database on the same server, as a seed or an analyst's psql would be: its
    // transaction is older than the write below and stays open the whole test.
    let elsewhere = create_database(false);
    let stranger = open_transaction(&db_url(&elsewhere));
    let official = app.user("official");
    let forum = ForumBuilder::new("Forum malgré tout").create(&app, &official.token);
    let (items, _) = drain_at_least(&app, Some(&start), "types=forum", 1);
    assert_eq!(summary(&items), [("forum".to_string(), forum.slug(), "created".to_string())]);
    drop(stranger);
    drop_database(&elsewhere);
}

#[test]
fn a_long_transaction_of_this_database_holds_the_feed_and_is_reported() {
    let app = TestApp::spawn_with(true, &[("CHANGE_FEED_HOLD_WARNING_SECS", "1")]);
    let (_, start) = drain(&app, None, "limit=100");
    let health = app.get_site("/readyz").expect(200).json();
    assert_eq!(health, json!({"status": "ok"}));
    let mut ours = open_transaction(&db_url(&app.database));
    let official = app.user("official");
    let forum = ForumBuilder::new("Forum en attente").create(&app, &official.token);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // Held: what committed after that transaction began waits for it.
    let (held, position) = drain(&app, Some(&start), "types=forum");
    assert!(held.is_empty(), "{held:?}");
    let health = app.get_site("/readyz").expect(200).json();
    assert_eq!(health["status"], "ok");
    let detail = health["detail"].as_str().expect("a detail while the transaction is open");
    assert!(detail.contains("has been open for") && detail.contains("change feed"), "{detail}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !app.log().contains("has been open for") {
        assert!(std::time::Instant::now() < deadline, "not in the log: {}", app.log());
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Reported once per transaction, however often it is looked at.
    app.get_site("/readyz").expect(200);
    assert_eq!(app.log().matches("has been open for").count(), 1, "{}", app.log());
    ours.batch_execute("COMMIT").unwrap();
    let (items, _) = drain_at_least(&app, Some(&position), "types=forum", 1);
    assert_eq!(summary(&items), [("forum".to_string(), forum.slug(), "created".to_string())]);
    assert_eq!(app.get_site("/readyz").expect(200).json(), json!({"status": "ok"}));
}

#[test]
fn a_reader_following_the_feed_through_a_burst_of_writes_misses_nothing_and_sees_nothing_twice() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let app = TestApp::spawn();
    let (_, start) = drain(&app, None, "types=comment&limit=100");
    let member = app.user("member");
    let writing = AtomicBool::new(true);
    let (posted, seen) = std::thread::scope(|s| {
        // Reads the feed over and over while the writers write, then until it has them all.
        let reader = s.spawn(|| {
            let mut seen: Vec<i64> = Vec::new();
            let mut position = start.clone();
            let mut deadline = None;
            loop {
                let (items, next) = drain(&app, Some(&position), "types=comment&limit=100");
                position = next;
                seen.extend(items.iter().filter(|c| c["change"] == "created").map(|c| c["id"].as_i64().unwrap()));
                if !writing.load(Ordering::SeqCst) {
                    let until =
                        *deadline.get_or_insert_with(|| std::time::Instant::now() + std::time::Duration::from_secs(15));
                    if seen.len() >= 200 || std::time::Instant::now() > until {
                        return seen;
                    }
                }
            }
        });
        let posted: Vec<i64> = at_once(8, |w| {
            (0..25)
                .map(|n| {
                    builders::comment(&app, &member.token, "/commitments/FR0041", &format!("Rafale {w}-{n}"))["id"]
                        .as_i64()
                        .unwrap()
                })
                .collect::<Vec<_>>()
        })
        .into_iter()
        .flatten()
        .collect();
        writing.store(false, Ordering::SeqCst);
        (posted, reader.join().unwrap())
    });
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "a change seen twice");
    let mut posted = posted;
    posted.sort();
    assert_eq!(unique, posted, "changes passed over: {} of {} seen", unique.len(), posted.len());
}
