//! SIGTERM while requests are in flight: they complete, new connections are refused, nothing
//! acknowledged is lost and nothing is written without its answer.

use std::collections::BTreeSet;
use std::net::TcpStream;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::cluster::Cluster;
use crate::db::{comments_of_forum, connect, lock_waiters, wait_for_lock_waiters};
use crate::load::{assert_acknowledged_are_stored, summarize, Load, Post, UP};
use crate::server::{agent, create_forum, register, run_cli, Reply, Server};

#[test]
fn sigterm_during_load_loses_nothing() {
    let t0 = Instant::now();
    let cluster = Cluster::start_new();
    let db = cluster.url("opendetat");
    run_cli(&["migrate"], &db);
    let writers = 4;
    let mut server = Server::spawn("sigterm", &db, 8);
    let setup_agent = agent(Duration::from_secs(15), true);
    let forum = create_forum(&setup_agent, &server, &db);
    let tokens: Vec<String> = (0..writers).map(|_| register(&setup_agent, &server, "member").1).collect();
    drop(setup_agent);
    eprintln!("setup: {:?}", t0.elapsed());

    // A new connection per request, so "new connections are refused" is what we observe.
    let load_agent = agent(Duration::from_secs(20), false);
    let load = Load::start(&server, forum, &tokens, &load_agent, Duration::from_secs(60), true);
    thread::sleep(Duration::from_secs(2));
    assert!(load.created_in(UP) > 0, "no comment was created before the signal");

    // Hold the writers inside PostgreSQL, so requests are surely in flight at the signal.
    let mut locker = connect(&db);
    diesel::sql_query("BEGIN").execute(&mut locker).unwrap();
    diesel::sql_query("LOCK TABLE comments IN EXCLUSIVE MODE").execute(&mut locker).unwrap();
    let mut watcher = connect(&db);
    let blocked = wait_for_lock_waiters(&mut watcher, writers as i64, Duration::from_secs(10));
    assert!(blocked >= 1, "no post got blocked on the comments lock");

    let pid = server.pid().to_string();
    let signal_at = Instant::now();
    load.set_phase(1);
    let out = Command::new("kill").args(["-TERM", &pid]).output().expect("run kill");
    assert!(out.status.success(), "kill -TERM {pid}: {out:?}");

    // The listener closes while the blocked requests are still being served.
    let mut refused_while_draining = false;
    while signal_at.elapsed() < Duration::from_secs(2) {
        match TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)) {
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                refused_while_draining = server.running();
                break;
            }
            _ => thread::sleep(Duration::from_millis(50)),
        }
    }
    let still_waiting = lock_waiters(&mut watcher);
    thread::sleep(Duration::from_millis(500));
    diesel::sql_query("ROLLBACK").execute(&mut locker).unwrap();
    drop(locker);
    let released_at = signal_at.elapsed();

    let status = server.wait_exit(Duration::from_secs(30));
    let exited_after = signal_at.elapsed();
    let posts = load.finish();
    let summary = summarize(&posts);
    eprintln!(
        "{blocked} posts blocked at the signal ({still_waiting} still waiting after the listener \
         closed); lock released {released_at:?} and process exited {exited_after:?} after \
         SIGTERM with {status:?}; posts {summary:?}"
    );

    let status = status.unwrap_or_else(|| panic!("the server did not exit within 30 s of SIGTERM"));
    assert_eq!(status.code(), Some(0), "exit status after SIGTERM: {status:?}");
    assert!(
        refused_while_draining,
        "new connections were not refused while in-flight requests were still being served"
    );
    match TcpStream::connect_timeout(&server.addr, Duration::from_secs(1)) {
        Err(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {}
        other => panic!("after exit, connecting gave {other:?}, not a refusal"),
    }

    // Every answer was a 201; the only failures are refused connections after the signal.
    let odd: Vec<String> = posts
        .iter()
        .filter(|p| match &p.reply {
            Reply::Http { status: 201, .. } => false,
            Reply::Failed { refused: true, .. } => p.phase_at_start == 0 && p.started < signal_at,
            _ => true,
        })
        .map(|p| format!("{:?} (started {:?} after the signal)", p.reply, p.started.checked_duration_since(signal_at)))
        .collect();
    assert!(
        odd.is_empty(),
        "{} posts got something other than 201 or (after the signal) a refused connection \
         ({summary:?}):\n{}",
        odd.len(),
        odd.iter().take(10).cloned().collect::<Vec<_>>().join("\n")
    );
    let five_xx = posts.iter().filter(|p| p.reply.status().is_some_and(|s| s >= 500)).count();
    assert_eq!(five_xx, 0, "5xx answers: {summary:?}");
    // In-flight requests completed.
    let in_flight_completed = posts
        .iter()
        .filter(|p| p.started < signal_at && p.started + p.elapsed > signal_at)
        .filter(|p| p.created_id().is_some())
        .count();
    assert!(in_flight_completed >= 1, "no request in flight at the signal completed with 201");
    assert!(
        in_flight_completed as i64 >= blocked,
        "{blocked} requests were in flight at the signal but only {in_flight_completed} \
         completed with 201"
    );
    // Nothing acknowledged lost, and nothing written without its answer.
    let mut conn = connect(&db);
    let acked_count = assert_acknowledged_are_stored(&mut conn, &posts);
    let stored = comments_of_forum(&mut conn, forum);
    let acked: BTreeSet<i64> = posts.iter().filter_map(Post::created_id).collect();
    let unanswered: Vec<_> = stored.iter().filter(|(id, _)| !acked.contains(id)).collect();
    assert!(
        unanswered.is_empty(),
        "{} comments were written but their request got no 201 (an in-flight request was \
         cut off): {:?}",
        unanswered.len(),
        unanswered.iter().take(5).collect::<Vec<_>>()
    );
    eprintln!(
        "{acked_count} acknowledged, {} stored, {in_flight_completed} completed after the \
         signal; total {:?}",
        stored.len(),
        t0.elapsed()
    );
}
