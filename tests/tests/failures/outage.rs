//! PostgreSQL stops under load, or restarts while the server is idle.

use std::thread;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::cluster::Cluster;
use crate::db::{comments_of_forum, connect, wait_for_lock_waiters};
use crate::load::{assert_acknowledged_are_stored, summarize, Load, Post, BACK, DOWN, STARTING, STOPPING, UP};
use crate::server::{agent, call, create_forum, register, run_cli, Server};
use crate::FAST;
use opendetat_tests::json;

#[test]
fn database_outage_under_write_load() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let mut server = Server::spawn("outage", &db, 4);
    let agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&agent, &server, &db);
    let tokens: Vec<String> = (0..3).map(|_| register(&agent, &server, "member").1).collect();
    eprintln!("setup: {:?}", t0.elapsed());

    let load = Load::start(&server, forum, &tokens, &agent, Duration::from_secs(90), false);
    thread::sleep(Duration::from_secs(3));
    assert!(load.created_in(UP) > 0, "no comment was created before the outage");

    // Make sure requests are inside PostgreSQL when it stops: hold the writers on a lock.
    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE comments IN EXCLUSIVE MODE").execute(&mut locker).unwrap();
    let blocked = wait_for_lock_waiters(&mut connect(&db), tokens.len() as i64, Duration::from_secs(10));
    assert!(blocked >= 1, "no post got blocked on the comments lock");

    load.set_phase(STOPPING);
    let stop_started = Instant::now();
    cluster.stop();
    drop(locker);
    eprintln!("PostgreSQL stopped in {:?}", stop_started.elapsed());
    load.set_phase(DOWN);
    // Reads fail the same way while the database is down.
    thread::sleep(Duration::from_millis(700));
    for path in ["/forums", "/commitments"] {
        let started = Instant::now();
        let reply = call(&agent, "GET", &server.url(path), None, None);
        assert!(started.elapsed() < FAST, "GET {path} took {:?}", started.elapsed());
        if let Some(why) = reply.not_a_proper_503() {
            panic!("GET {path} while PostgreSQL is down: expected a 503 problem, got {why}");
        }
    }
    thread::sleep(Duration::from_secs(3));

    load.set_phase(STARTING);
    cluster.start();
    load.set_phase(BACK);
    let back_at = Instant::now();
    let recovery_bound = Duration::from_secs(20);
    while load.created_in(BACK) == 0 && back_at.elapsed() < recovery_bound {
        thread::sleep(Duration::from_millis(100));
    }
    let recovered_in = back_at.elapsed();
    thread::sleep(Duration::from_secs(2));
    let posts = load.finish();
    assert!(server.running(), "the server process died during the outage");

    let summary = summarize(&posts);
    eprintln!("posts: {} {summary:?}; recovered {recovered_in:?} after PostgreSQL came back", posts.len());
    let slowest = posts.iter().map(|p| p.elapsed).max().unwrap_or_default();
    eprintln!("slowest request: {slowest:?}");

    // Every answer is a 201 or a proper 503, never a 500, never a hang.
    let bad: Vec<String> = posts
        .iter()
        .filter(|p| p.reply.status() != Some(201))
        .filter_map(|p| {
            p.reply
                .not_a_proper_503()
                .map(|why| format!("[phase {}→{}, {:?}] {why}", p.phase_at_start, p.phase_at_end, p.elapsed))
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} posts got neither 201 nor a 503 problem with Retry-After ({summary:?}); \
         first ones:\n{}",
        bad.len(),
        posts.len(),
        bad.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
    let hanging: Vec<_> = posts.iter().filter(|p| p.elapsed > FAST).collect();
    assert!(
        hanging.is_empty(),
        "{} posts took longer than {FAST:?}: {:?}",
        hanging.len(),
        hanging.iter().take(5).map(|p| (p.phase_at_start, p.elapsed)).collect::<Vec<_>>()
    );
    // While it was down (from the end of `pg_ctl stop` to the start of `pg_ctl start`):
    // only 503s, and there were some.
    let during: Vec<_> = posts.iter().filter(|p| p.phase_at_start == DOWN && p.phase_at_end == DOWN).collect();
    assert!(!during.is_empty(), "no post was made while PostgreSQL was down");
    assert!(during.iter().all(|p| p.reply.status() == Some(503)), "a post succeeded while PostgreSQL was down");
    // It came back by itself (same process) within the bound.
    assert!(
        load_created_after(&posts, BACK) > 0,
        "no post succeeded within {recovery_bound:?} after PostgreSQL came back"
    );
    // Nothing acknowledged was lost.
    let acked = assert_acknowledged_are_stored(&mut connect(&db), &posts);
    let stored = comments_of_forum(&mut connect(&db), forum).len();
    eprintln!(
        "{acked} comments acknowledged, {stored} stored ({} written but not acknowledged); \
         total {:?}",
        stored.saturating_sub(acked),
        t0.elapsed()
    );
}

fn load_created_after(posts: &[Post], phase: u8) -> usize {
    posts.iter().filter(|p| p.phase_at_start >= phase && p.created_id().is_some()).count()
}

/// The pool pings only connections that sat idle (a ping per checkout cost 12–23 % of the
/// database's throughput). This is the case the ping is kept for: PostgreSQL restarts while the
/// server is quiet, and the very first requests afterwards, read and write, must succeed on
/// the pool's stale connections instead of failing once on each.
#[test]
fn database_restart_while_idle_is_invisible() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let server = Server::spawn("idle-restart", &db, 4);
    let agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&agent, &server, &db);
    let (_, token) = register(&agent, &server, "member");
    // Open several pooled connections: concurrent reads.
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (agent, url) = (agent.clone(), server.url("/forums"));
            thread::spawn(move || call(&agent, "GET", &url, None, None).status())
        })
        .collect();
    for reader in readers {
        assert_eq!(reader.join().unwrap(), Some(200));
    }

    cluster.stop();
    cluster.start();
    // The connections have now been idle for longer than the ping threshold (1 s).
    thread::sleep(Duration::from_millis(1200));

    for i in 0..6 {
        let reply = call(&agent, "GET", &server.url("/forums"), None, None);
        assert_eq!(reply.status(), Some(200), "read {i} after the restart: {reply:?}");
    }
    let reply = call(
        &agent,
        "POST",
        &server.url(&format!("/forums/{forum}/comments")),
        Some(&token),
        Some(&json!({"body": "Après le redémarrage"})),
    );
    assert_eq!(reply.status(), Some(201), "post after the restart: {reply:?}");
    eprintln!("total {:?}", t0.elapsed());
}
