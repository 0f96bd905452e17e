//! Write load: threads posting comments, each post recorded with the phase of the test it
//! started and ended in, and what came of it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use diesel::PgConnection;
use opendetat_tests::{json, Value};

use crate::db::comments_with_ids;
use crate::server::{call, Reply, Server};

// The phases of a test, as each post records them: before the failure, while it starts, while
// it lasts, while it ends, after.
pub(crate) const UP: u8 = 0;
pub(crate) const STOPPING: u8 = 1;
pub(crate) const DOWN: u8 = 2;
pub(crate) const STARTING: u8 = 3;
pub(crate) const BACK: u8 = 4;

/// One comment post and what came of it.
#[derive(Debug, Clone)]
pub(crate) struct Post {
    pub(crate) body: String,
    pub(crate) started: Instant,
    pub(crate) elapsed: Duration,
    pub(crate) phase_at_start: u8,
    pub(crate) phase_at_end: u8,
    pub(crate) reply: Reply,
}

impl Post {
    pub(crate) fn created_id(&self) -> Option<i64> {
        match &self.reply {
            Reply::Http { status: 201, body, .. } => {
                serde_json::from_str::<Value>(body).ok().and_then(|v| v["id"].as_i64())
            }
            _ => None,
        }
    }
}

pub(crate) struct Load {
    pub(crate) stop: Arc<AtomicBool>,
    pub(crate) phase: Arc<AtomicU8>,
    pub(crate) posts: Arc<Mutex<Vec<Post>>>,
    pub(crate) created_in_phase: Arc<[AtomicUsize; 8]>,
    pub(crate) handles: Vec<thread::JoinHandle<()>>,
}

impl Load {
    /// `writers` threads posting comments to `forum` until told to stop, for at most
    /// `max_run`. With `stop_on_refused`, a writer stops at its first refused connection.
    pub(crate) fn start(
        server: &Server,
        forum: i64,
        tokens: &[String],
        agent: &ureq::Agent,
        max_run: Duration,
        stop_on_refused: bool,
    ) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let phase = Arc::new(AtomicU8::new(0));
        let posts = Arc::new(Mutex::new(Vec::new()));
        let created_in_phase: Arc<[AtomicUsize; 8]> = Arc::new(Default::default());
        let url = server.url(&format!("/forums/{forum}/comments"));
        let handles = tokens
            .iter()
            .enumerate()
            .map(|(w, token)| {
                let (stop, phase, posts, created) =
                    (stop.clone(), phase.clone(), posts.clone(), created_in_phase.clone());
                let (url, token, agent) = (url.clone(), token.clone(), agent.clone());
                thread::spawn(move || {
                    let until = Instant::now() + max_run;
                    for seq in 0..1_000_000u64 {
                        if stop.load(Ordering::SeqCst) || Instant::now() > until {
                            break;
                        }
                        let body = format!("Commentaire {w}-{seq} : la panne est-elle gérée ?");
                        let phase_at_start = phase.load(Ordering::SeqCst);
                        let started = Instant::now();
                        let reply = call(&agent, "POST", &url, Some(&token), Some(&json!({"body": body})));
                        let elapsed = started.elapsed();
                        let phase_at_end = phase.load(Ordering::SeqCst);
                        let is_refused = matches!(reply, Reply::Failed { refused: true, .. });
                        let post = Post { body, started, elapsed, phase_at_start, phase_at_end, reply };
                        if post.created_id().is_some() {
                            created[phase_at_start as usize].fetch_add(1, Ordering::SeqCst);
                        }
                        posts.lock().unwrap().push(post);
                        if is_refused && stop_on_refused {
                            break;
                        }
                        thread::sleep(Duration::from_millis(5));
                    }
                })
            })
            .collect();
        Load { stop, phase, posts, created_in_phase, handles }
    }

    pub(crate) fn set_phase(&self, p: u8) {
        self.phase.store(p, Ordering::SeqCst);
    }

    pub(crate) fn created_in(&self, phase: u8) -> usize {
        self.created_in_phase[phase as usize].load(Ordering::SeqCst)
    }

    pub(crate) fn finish(self) -> Vec<Post> {
        self.stop.store(true, Ordering::SeqCst);
        for h in self.handles {
            h.join().expect("writer thread panicked");
        }
        let posts = std::mem::take(&mut *self.posts.lock().unwrap());
        posts
    }
}

pub(crate) fn summarize(posts: &[Post]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for p in posts {
        let key = match &p.reply {
            Reply::Http { status, .. } => status.to_string(),
            Reply::Failed { refused: true, .. } => "refused".into(),
            Reply::Failed { .. } => "transport error".into(),
        };
        *m.entry(key).or_default() += 1;
    }
    m
}

/// Every post answered 201 names a comment that exists with the body sent.
pub(crate) fn assert_acknowledged_are_stored(conn: &mut PgConnection, posts: &[Post]) -> usize {
    let acked: BTreeMap<i64, &str> =
        posts.iter().filter_map(|p| p.created_id().map(|id| (id, p.body.as_str()))).collect();
    let ids: Vec<i64> = acked.keys().copied().collect();
    let stored = comments_with_ids(conn, &ids);
    let missing: Vec<_> =
        acked.iter().filter(|(id, body)| stored.get(id).map(String::as_str) != Some(**body)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} comments acknowledged with 201 are missing (or differ) in the database: {:?}",
        missing.len(),
        acked.len(),
        missing.iter().take(10).collect::<Vec<_>>()
    );
    acked.len()
}
