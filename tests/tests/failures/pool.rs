//! An exhausted connection pool answers 503 quickly, and recovers once connections are free.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::cluster::Cluster;
use crate::db::{connect, lock_waiters, wait_for_lock_waiters};
use crate::server::{agent, call, run_cli, Server};
use crate::FAST;

#[test]
fn exhausted_pool_answers_503_fast() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let mut server = Server::spawn("pool", &db, 2);
    let quick = agent(Duration::from_secs(15), true);
    // Warm up: both routes answer while the pool is free.
    for path in ["/forums", "/commitments"] {
        let reply = call(&quick, "GET", &server.url(path), None, None);
        assert_eq!(reply.status(), Some(200), "GET {path}: {reply:?}");
    }

    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE forums IN ACCESS EXCLUSIVE MODE").execute(&mut locker).unwrap();

    // Two slow requests, each holding one of the two pooled connections.
    let (tx, rx) = mpsc::channel();
    let slow = agent(Duration::from_secs(40), false);
    for i in 0..2 {
        let (tx, slow, url) = (tx.clone(), slow.clone(), server.url("/forums"));
        thread::spawn(move || {
            let started = Instant::now();
            let reply = call(&slow, "GET", &url, None, None);
            let _ = tx.send((i, reply, started.elapsed()));
        });
    }
    drop(tx);
    let mut watcher = connect(&db);
    let blocked = wait_for_lock_waiters(&mut watcher, 2, Duration::from_secs(10));
    assert_eq!(blocked, 2, "the two GET /forums did not both block on the lock");

    // Others get a 503 problem with Retry-After, fast.
    let mut timings = Vec::new();
    for path in ["/commitments", "/commitments", "/action-plans", "/forums"] {
        let started = Instant::now();
        let reply = call(&quick, "GET", &server.url(path), None, None);
        let took = started.elapsed();
        timings.push((path, took));
        assert!(took < FAST, "GET {path} with the pool exhausted took {took:?}");
        if let Some(why) = reply.not_a_proper_503() {
            panic!("GET {path} with the pool exhausted: expected a 503 problem, got {why}");
        }
    }
    eprintln!("503 answers while the pool was exhausted: {timings:?}");
    assert!(rx.try_recv().is_err(), "a blocked request finished before the lock was released");
    assert_eq!(lock_waiters(&mut watcher), 2, "the slow requests stopped waiting");

    diesel::sql_query("ROLLBACK").execute(&mut locker).unwrap();
    let released = Instant::now();
    for _ in 0..2 {
        let (i, reply, took) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("a blocked request did not finish within 10 s of the release");
        assert_eq!(reply.status(), Some(200), "slow request {i} ({took:?}): {reply:?}");
    }
    eprintln!("blocked requests finished {:?} after the release", released.elapsed());
    for path in ["/commitments", "/forums", "/action-plans"] {
        let reply = call(&quick, "GET", &server.url(path), None, None);
        assert_eq!(reply.status(), Some(200), "GET {path} after the release: {reply:?}");
    }
    assert!(server.running(), "the server died");
    eprintln!("total {:?}", t0.elapsed());
}
