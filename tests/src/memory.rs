//! The server's memory while something happens, sampled from its `/proc` status.

use std::sync::atomic::{AtomicBool, Ordering::Relaxed};

use crate::TestApp;

impl TestApp {
    /// Runs `work` while reading the server's `key` (`RssAnon`, `VmRSS`…) every 5 ms; its answer
    /// and the largest value read, in kB.
    pub fn peak_kb_during<T>(&self, key: &str, work: impl FnOnce() -> T) -> (T, u64) {
        let done = AtomicBool::new(false);
        std::thread::scope(|scope| {
            let sampler = scope.spawn(|| {
                let mut peak = 0;
                while !done.load(Relaxed) {
                    peak = peak.max(self.memory_kb(key));
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
                peak
            });
            let answer = work();
            done.store(true, Relaxed);
            (answer, sampler.join().unwrap())
        })
    }
}
