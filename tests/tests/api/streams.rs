//! Server-Sent Events (issue 23, point 2): a subject's stream and a person's, across two
//! instances on one database, resumed with `Last-Event-ID` without a gap, capped, kept alive
//! by heartbeats, and ended on SIGTERM. Streams are read off their own socket (`sse`).

use std::process::Command;
use std::time::{Duration, Instant};

use opendetat_tests::*;

const SECOND: Duration = Duration::from_secs(1);
const FR0041: &str = "/subjects/commitment/FR0041/stream";

#[test]
fn a_comment_posted_on_one_instance_reaches_a_stream_on_another_within_two_seconds() {
    let database = create_database(true);
    let one = TestApp::attach(database.clone(), &[]);
    let two = TestApp::attach(database, &[]);
    let author = one.user("member");
    let reader = one.user("member");

    let stream = one.stream(FR0041, None, None);
    assert!(stream.headers.iter().any(|(k, v)| k == "content-type" && v.starts_with("text/event-stream")));
    assert!(stream.headers.iter().any(|(k, v)| k == "cache-control" && v == "no-store"));
    let ready = stream.wait_for("ready", 5 * SECOND);
    assert!(!ready.id.is_empty(), "`ready` says where the stream stands");

    let posted_at = Instant::now();
    let comment = builders::comment(&two, &author.token, "/commitments/FR0041", "En direct de l'autre instance");
    let created = stream.next_message(2 * SECOND);
    let took = posted_at.elapsed();
    assert!(took < 2 * SECOND, "the post reached the other instance's stream in {took:?}");
    assert_eq!(created.event, "comment.created");
    let body = created.json();
    assert_eq!(body["type"], "comment.created");
    assert_eq!(body["data"]["type"], "comment");
    assert_eq!(body["data"]["id"], comment["id"]);
    assert_eq!(body["data"]["change"], "created");
    assert_eq!(body["data"]["record"]["body"], "En direct de l'autre instance");
    assert_eq!(body["data"]["record"]["target"]["type"], "commitment");

    // Edited, reacted to: the same stream, the record as it is now. Who reacted is not said.
    two.patch(&format!("/comments/{}", comment.id()), Some(&author.token), &json!({"body": "Corrigé"})).expect(200);
    let updated = stream.next_message(2 * SECOND);
    assert_eq!(updated.event, "comment.updated");
    assert_eq!(updated.json()["data"]["record"]["body"], "Corrigé");
    two.put(&format!("/comments/{}/reaction", comment.id()), Some(&reader.token), &json!({"useful": true})).expect(200);
    let reacted = stream.next_message(2 * SECOND);
    assert_eq!(reacted.event, "comment.reacted");
    assert_eq!(reacted.json()["data"]["record"]["reactions"]["useful"], 1);
    assert!(!reacted.data.contains(&reader.email) && !reacted.data.contains(&format!("\"user_id\":{}", reader.id)));

    // Another discussion's comment is not this stream's.
    builders::comment(&two, &author.token, "/commitments/FR0042", "Ailleurs");
    let later = stream.drain(SECOND);
    assert!(later.is_empty(), "only FR0041's events: {later:?}");
}

#[test]
fn a_stream_resumes_from_last_event_id_with_exactly_what_it_missed() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let first = app.stream(FR0041, None, None);
    first.wait_for("ready", 5 * SECOND);
    builders::comment(&app, &author.token, "/commitments/FR0041", "Avant la coupure");
    let seen = first.wait_for("comment.created", 2 * SECOND);
    drop(first);

    let missed: Vec<i64> = (1..=3)
        .map(|i| builders::comment(&app, &author.token, "/commitments/FR0041", &format!("Pendant la coupure {i}")).id())
        .collect();
    let again = app.stream(FR0041, None, Some(&seen.id));
    let mut caught = Vec::new();
    loop {
        let m = again.next_message(5 * SECOND);
        if m.event == "ready" {
            break;
        }
        assert_eq!(m.event, "comment.created", "{m:?}");
        caught.push(m.json()["data"]["id"].as_i64().unwrap());
    }
    assert_eq!(caught, missed, "exactly the three, in order, nothing twice");

    // Then live, once each.
    let next = builders::comment(&app, &author.token, "/commitments/FR0041", "Après").id();
    let live = again.wait_for("comment.created", 2 * SECOND);
    assert_eq!(live.json()["data"]["id"], next);
    assert!(again.drain(SECOND).is_empty());

    // A milestone's stream hears of its progress.
    let milestone = milestone_id(&app, "FR0041", "12.1");
    let admin = app.user("admin");
    let progress = app.stream(&format!("/subjects/milestone/{milestone}/stream"), None, None);
    progress.wait_for("ready", 5 * SECOND);
    ProgressBuilder::on(milestone).note("Avancée.").create(&app, &admin.token);
    let reported = progress.next_message(2 * SECOND);
    assert_eq!(reported.event, "milestone.progress_reported");
    assert_eq!(reported.json()["data"]["id"], milestone);
}

#[test]
fn bad_stream_requests_are_problems() {
    let app = TestApp::spawn();
    let problem = |r: Result<EventStream, Resp>| r.err().expect("refused");
    problem(app.open_stream("/subjects/commitment/FR9999/stream", None, None)).expect_problem(404, "not_found");
    problem(app.open_stream("/subjects/planet/earth/stream", None, None)).expect_problem(404, "not_found");
    for bad in ["nonsense", "12", "1-2-3"] {
        let refused = problem(app.open_stream(FR0041, None, Some(bad))).expect_problem(422, "validation_failed");
        assert_eq!(refused["errors"][0]["field"], "Last-Event-ID");
        assert_eq!(refused["errors"][0]["code"], "invalid_last_event_id");
    }
    // A position this database has not reached is not one the stream sent.
    problem(app.open_stream(FR0041, None, Some("999999999999-1"))).expect_problem(422, "validation_failed");
    problem(app.open_stream("/me/stream", None, None)).expect_problem(401, "unauthorized");
    problem(app.open_stream("/me/stream", Some("not-a-token"), None)).expect_problem(401, "unauthorized");
    let member = app.user("member");
    problem(app.open_stream("/me/stream", Some(&member.token), Some("x"))).expect_problem(422, "validation_failed");
}

#[test]
fn open_streams_are_capped_per_account_and_per_address() {
    // The server learns that a client went when it next writes to it: a heartbeat each second.
    let app = TestApp::spawn_with(
        true,
        &[("STREAM_MAX_PER_ADDRESS", "3"), ("STREAM_MAX_PER_ACCOUNT", "1"), ("STREAM_HEARTBEAT_SECS", "1")],
    );
    let member = app.user("member");
    let mine = app.stream("/me/stream", Some(&member.token), None);
    let refused =
        app.open_stream("/me/stream", Some(&member.token), None).err().expect("a second stream of one account");
    assert!(refused.header("retry-after").is_some());
    refused.expect_problem(429, "too_many_streams");

    let a = app.stream(FR0041, None, None);
    let _b = app.stream(FR0041, None, None);
    app.open_stream(FR0041, None, None)
        .err()
        .expect("a fourth from one address")
        .expect_problem(429, "too_many_streams");

    // Closing a stream gives its place back (at its next heartbeat at the latest).
    drop(a);
    drop(mine);
    let deadline = Instant::now() + 5 * SECOND;
    loop {
        match app.open_stream("/me/stream", Some(&member.token), None) {
            Ok(_) => break,
            Err(r) if r.status == 429 && Instant::now() < deadline => std::thread::sleep(Duration::from_millis(100)),
            Err(r) => panic!("the places of closed streams were not given back: {} {}", r.status, r.text),
        }
    }
}

#[test]
fn a_person_s_stream_follows_their_unread_count_and_new_notifications() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let replier = app.user("member");
    let parent = builders::comment(&app, &author.token, "/commitments/FR0041", "Qui me répond ?");
    let stream = app.stream("/me/stream", Some(&author.token), None);
    assert_eq!(stream.next_message(5 * SECOND).json(), json!({"unread": 0, "more": false}));

    builders::reply(&app, &replier.token, "/commitments/FR0041", parent.id(), "Moi !");
    let unread = stream.wait_for("unread", 5 * SECOND);
    assert_eq!(unread.json()["unread"], 1);
    let notification = stream.wait_for("notification", 5 * SECOND);
    assert_eq!(notification.json()["reason"], "reply");
    assert_eq!(notification.id, notification.json()["id"].as_i64().unwrap().to_string());

    // Read elsewhere (another tab, the phone): the count follows.
    app.post("/me/notifications/read-all", Some(&author.token), &json!({})).expect(200);
    assert_eq!(stream.wait_for("unread", 5 * SECOND).json()["unread"], 0);
    drop(stream);

    // Reconnecting with the last id: what came since.
    builders::reply(&app, &replier.token, "/commitments/FR0041", parent.id(), "Encore moi");
    let again = app.stream("/me/stream", Some(&author.token), Some(&notification.id));
    let since = again.wait_for("notification", 5 * SECOND);
    assert_eq!(since.json()["excerpt"], "Encore moi");
}

#[test]
fn a_quiet_stream_gets_heartbeats() {
    let app = TestApp::spawn_with(true, &[("STREAM_HEARTBEAT_SECS", "1")]);
    let stream = app.stream(FR0041, None, None);
    let deadline = Instant::now() + 5 * SECOND;
    let mut heartbeats = 0;
    while heartbeats < 2 && Instant::now() < deadline {
        if let Some(m) = stream.next_within(SECOND) {
            heartbeats += usize::from(m.event == ":" && m.data == "heartbeat");
        }
    }
    assert_eq!(heartbeats, 2, "a comment line each second of quiet");
}

#[test]
fn sigterm_ends_open_streams_and_the_server_exits_cleanly() {
    let mut app = TestApp::spawn();
    let member = app.user("member");
    let streams = [app.stream(FR0041, None, None), app.stream("/me/stream", Some(&member.token), None)];
    for s in &streams {
        s.next_message(5 * SECOND);
    }
    let signalled = Instant::now();
    let pid = app.pid().to_string();
    assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
    for s in &streams {
        assert!(s.ends_within(5 * SECOND), "an open stream did not end after SIGTERM");
    }
    let status = loop {
        if let Some(status) = app.child().try_wait().unwrap() {
            break status;
        }
        assert!(signalled.elapsed() < 10 * SECOND, "the server did not exit within 10 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(status.code(), Some(0));
    assert!(signalled.elapsed() < 10 * SECOND, "streams held the stop for {:?}", signalled.elapsed());
}

#[test]
fn a_person_s_stream_ends_once_its_token_is_revoked() {
    let app = TestApp::spawn();
    let author = app.user("member");
    let replier = app.user("member");
    let parent = builders::comment(&app, &author.token, "/commitments/FR0041", "Mon avis");
    let created = app
        .post("/me/tokens", Some(&author.token), &json!({"name": "tableau de bord", "scopes": ["follow"]}))
        .expect(201);
    let created = created.json();
    let (id, secret) = (created["details"]["id"].as_i64().unwrap(), created["token"].as_str().unwrap().to_string());
    let stream = app.stream("/me/stream", Some(&secret), None);
    stream.wait_for("unread", 5 * SECOND);
    app.delete(&format!("/me/tokens/{id}"), Some(&author.token)).expect(204);
    // What would be sent next is checked first: nothing is, and the stream ends.
    builders::reply(&app, &replier.token, "/commitments/FR0041", parent.id(), "Pour vous");
    assert!(stream.ends_within(5 * SECOND), "a revoked token's stream goes on");
    assert!(!stream.drain(Duration::from_millis(10)).iter().any(|m| m.event == "notification"));
    app.open_stream("/me/stream", Some(&secret), None).err().expect("refused").expect_problem(401, "api_token_revoked");
}
