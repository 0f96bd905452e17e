//! argon2id password hashes (PHC strings), and the `Hasher` that bounds what hashing may cost.
//!
//! Each argon2id hash fills `M_COST_KIB` of memory. Left alone, every sign-in and sign-up ran
//! its own hash on its own blocking thread, each allocating and freeing a fresh block: 64
//! simultaneous sign-ins (no account needed: unknown addresses are hashed too, for constant
//! time) took the server from 48 MB to 1.25 GB, and glibc kept most of it afterwards. The
//! `Hasher` runs at most `concurrency` hashes at once (about one per core: more would not
//! finish sooner), makes the others wait their turn in arrival order for at most `wait`, then
//! answers 503. Each slot has one memory block, reused from hash to hash while others are
//! waiting and freed when nobody is: the memory hashing may take is `concurrency × M_COST_KIB`
//! whatever the load, and it goes back to the system after a burst (with
//! `return_large_blocks_to_the_system`; bench/README.md, "Sign-in", has the measurements).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use tokio::sync::Semaphore;

use crate::http::problem::{ApiError, ApiResult};

pub const MIN_PASSWORD_LEN: u64 = 12;
pub const MAX_PASSWORD_LEN: u64 = 128;

/// argon2id with m = 12 MiB, t = 3, p = 1: one of the five configurations OWASP's Password
/// Storage Cheat Sheet gives as equally strong (m = 19 MiB, t = 2 is another; it is what
/// argon2's default was). It trades memory for passes, so that the hashes running at once fit
/// the server's memory budget (see `bench/README.md`, "Sign-in").
pub const M_COST_KIB: u32 = 12 * 1024;
pub const T_COST: u32 = 3;
pub const P_COST: u32 = 1;
const SALT_LEN: usize = 16;
const OUTPUT_LEN: usize = 32;
/// The largest memory cost a stored hash may ask for (hashes are ours; this guards against a
/// corrupted row asking for gigabytes).
const MAX_M_COST_KIB: u32 = 64 * 1024;

fn params() -> Params {
    Params::new(M_COST_KIB, T_COST, P_COST, Some(OUTPUT_LEN)).expect("valid argon2 parameters")
}

/// Hashes with the current parameters into `memory` (grown when too small).
fn hash_with(password: &[u8], memory: &mut Vec<Block>) -> Result<String, String> {
    let params = params();
    let mut salt = [0u8; SALT_LEN];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut salt);
    let mut out = [0u8; OUTPUT_LEN];
    let blocks = params.block_count();
    grow(memory, blocks);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone())
        .hash_password_into_with_memory(password, &salt, &mut out, &mut memory[..blocks])
        .map_err(|e| format!("password hashing failed: {e}"))?;
    let phc = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params).map_err(|e| e.to_string())?,
        salt: Some(Salt::new(&salt).map_err(|e| e.to_string())?),
        hash: Some(Output::new(&out).map_err(|e| e.to_string())?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the PHC string `phc` (any argon2 variant and parameters it
/// names), computed in `memory`; the final comparison is constant-time.
fn verify_with(password: &[u8], phc: &str, memory: &mut Vec<Block>) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    let (Ok(algorithm), Ok(params), Some(salt), Some(expected)) =
        (Algorithm::new(parsed.algorithm.as_str()), Params::try_from(&parsed), parsed.salt, parsed.hash)
    else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from) {
        None => Version::default(),
        Some(Ok(v)) => v,
        Some(Err(_)) => return false,
    };
    if params.m_cost() > MAX_M_COST_KIB || expected.len() > 64 {
        return false;
    }
    let blocks = params.block_count();
    grow(memory, blocks);
    let mut out = vec![0u8; expected.len()];
    let computed = Argon2::new(algorithm, version, params).hash_password_into_with_memory(
        password,
        salt.as_ref(),
        &mut out,
        &mut memory[..blocks],
    );
    computed.is_ok() && Output::new(&out).is_ok_and(|out| out == expected)
}

/// Whether a stored hash was made with other parameters than today's (it is then replaced at
/// the account's next successful sign-in).
pub fn is_outdated(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    parsed.algorithm != Algorithm::Argon2id.ident()
        || Params::try_from(&parsed)
            .map_or(true, |p| (p.m_cost(), p.t_cost(), p.p_cost()) != (M_COST_KIB, T_COST, P_COST))
}

fn grow(memory: &mut Vec<Block>, blocks: usize) {
    if memory.len() < blocks {
        memory.resize(blocks, Block::new());
    }
}

/// A hash with memory of its own, for the command line and the seed (not the server's
/// request path, which goes through `Hasher`).
pub fn hash(password: &str) -> Result<String, String> {
    hash_with(password.as_bytes(), &mut Vec::new())
}

/// `verify` with memory of its own (tests and tools).
pub fn verify(password: &str, phc: &str) -> bool {
    verify_with(password.as_bytes(), phc, &mut Vec::new())
}

/// How many hashes per second `threads` threads do, each with its own block, over `duration`:
/// what sign-in can do at best on this machine (the benchmark's ceiling for it).
pub fn hash_rate(threads: usize, duration: Duration) -> f64 {
    let started = std::time::Instant::now();
    let done: usize = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut memory = Vec::new();
                    let mut n = 0;
                    while started.elapsed() < duration {
                        let _ = hash_with(b"a benchmark password", &mut memory);
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
    });
    done as f64 / started.elapsed().as_secs_f64()
}

/// A valid hash of a random password: verifying against it when an email is unknown costs as
/// much as a real check, so response times don't reveal which emails have accounts.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash(&format!("{:x}", rand::random::<u128>())).unwrap_or_default())
}

/// Stored for accounts that must not log in with a password (e.g. demo accounts outside dev).
pub const UNUSABLE_HASH: &str = "!";

/// Stored for accounts made at an identity provider: no password until the owner chooses one
/// with a reset link (which, unlike `UNUSABLE_HASH`, they may ask for).
pub const NO_PASSWORD: &str = "!none";

/// Runs the server's password hashes: at most `concurrency` at once, each in a memory block
/// that is reused, never freed (see the module's note).
#[derive(Clone)]
pub struct Hasher {
    slots: Arc<Semaphore>,
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// Requests waiting for a slot: while there are some, blocks are kept for them.
    waiting: Arc<AtomicUsize>,
    wait: Duration,
}

/// glibc serves a large allocation with its own mapping, returned to the system when freed,
/// until one is freed: then it raises that threshold to the freed size, and later blocks of the
/// same size come from its heaps and stay there (after three bursts of 64 sign-ins the server
/// kept 3.7 GB). Fixing the threshold keeps every block above 1 MiB in a mapping of its own.
pub fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; called once at start-up, before the
    // server's threads allocate.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

impl Hasher {
    pub fn new(concurrency: usize, wait: Duration) -> Hasher {
        let concurrency = concurrency.max(1);
        Hasher {
            slots: Arc::new(Semaphore::new(concurrency)),
            memory: Arc::new(Mutex::new((0..concurrency).map(|_| Vec::new()).collect())),
            waiting: Arc::new(AtomicUsize::new(0)),
            wait,
        }
    }

    /// Runs `work` on the blocking thread pool once a slot is free (in arrival order, for at
    /// most `wait`: then 503 with `Retry-After`), with that slot's memory block.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce(&mut Vec<Block>) -> T + Send + 'static) -> ApiResult<T> {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        let permit = tokio::time::timeout(self.wait, self.slots.clone().acquire_owned()).await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let permit = permit
            .map_err(|_| ApiError::Unavailable("password hashing: every slot busy past the wait".into()))?
            .map_err(|_| ApiError::internal("password hashing slots closed"))?;
        let memory = self.memory.clone();
        let waiting = self.waiting.clone();
        actix_web::web::block(move || {
            let _permit = permit;
            // Holding a permit guarantees a block is free: there are as many as permits.
            let mut block = memory.lock().unwrap_or_else(|e| e.into_inner()).pop().unwrap_or_default();
            log::debug!(target: "password_hashing", "argon2id run");
            let result = work(&mut block);
            if waiting.load(Ordering::SeqCst) == 0 {
                // Nobody queued: the burst is over, give the block back to the system.
                block = Vec::new();
            }
            memory.lock().unwrap_or_else(|e| e.into_inner()).push(block);
            result
        })
        .await
        .map_err(ApiError::internal)
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        self.run(move |memory| hash_with(password.as_bytes(), memory)).await?.map_err(ApiError::internal)
    }

    /// Whether `password` matches `phc`; with `None` (no such account) it checks against a
    /// dummy hash, at the same cost, and answers false.
    pub async fn verify(&self, password: String, phc: Option<String>) -> ApiResult<bool> {
        self.run(move |memory| match phc {
            Some(phc) => verify_with(password.as_bytes(), &phc, memory),
            None => {
                verify_with(password.as_bytes(), dummy_hash(), memory);
                false
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_with_argon2id_and_verifies() {
        let h = hash("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=12288,t=3,p=1$"), "{h}");
        assert!(verify("correct horse battery", &h));
        assert!(!verify("wrong horse battery", &h));
        assert!(!verify("anything", UNUSABLE_HASH));
        assert!(!is_outdated(&h));
    }

    #[test]
    fn verifies_hashes_made_with_other_parameters() {
        // Made by argon2's previous default (m = 19 MiB, t = 2), as stored before this change.
        use argon2::password_hash::PasswordHasher;
        let old = Argon2::default().hash_password(b"correct horse battery").unwrap().to_string();
        assert!(old.contains("m=19456,t=2,p=1"), "{old}");
        assert!(verify("correct horse battery", &old));
        assert!(!verify("wrong horse battery", &old));
        assert!(is_outdated(&old));
    }

    #[test]
    fn refuses_garbage_and_oversized_parameters() {
        assert!(!verify("x", "$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"));
        assert!(!verify("x", "$unknown$whatever"));
        assert!(!verify("x", ""));
    }

    #[actix_web::test]
    async fn the_hasher_reuses_its_memory() {
        let hasher = Hasher::new(2, Duration::from_secs(30));
        let h = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(hasher.verify("correct horse battery".into(), Some(h.clone())).await.unwrap());
        assert!(!hasher.verify("nope nope nope".into(), None).await.unwrap());
        let memory = hasher.memory.lock().unwrap();
        assert_eq!(memory.len(), 2, "every slot came back");
        // One request at a time: nobody was waiting, so no block was kept.
        assert!(memory.iter().all(Vec::is_empty));
    }

    #[actix_web::test]
    async fn after_a_queue_the_blocks_are_freed() {
        let hasher = Hasher::new(1, Duration::from_secs(30));
        let runs = (0..4).map(|i| hasher.hash(format!("password number {i}")));
        let hashes = futures_util::future::join_all(runs).await;
        assert!(hashes.iter().all(Result::is_ok));
        assert!(hasher.memory.lock().unwrap().iter().all(Vec::is_empty));
    }
}
