//! The process's logger: env_logger (`RUST_LOG`), with one correction.
//!
//! actix-http refuses a request it cannot parse (a URI over 64 KiB, a head over 128 KiB, a
//! malformed line) before the application sees it, and logs each refusal at `error` under
//! `actix_http::h1::dispatcher`. Anyone could fill the log that way without signing in, and an
//! operator paged on errors would be paged for a stranger's bad request. Such lines are written
//! at `warn`, at most one per `REFUSAL_EVERY`, saying how many were left out since.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use log::{Level, Log, Metadata, Record};

/// The target actix-http logs its connection-level refusals under.
const DISPATCHER: &str = "actix_http::h1::dispatcher";
/// At most one refusal line in this time.
const REFUSAL_EVERY: Duration = Duration::from_secs(10);

struct Logger {
    inner: env_logger::Logger,
    /// When a refusal was last written, and how many have been left out since.
    refusals: Mutex<(Option<Instant>, u64)>,
}

impl Logger {
    /// Whether `record` is written, and how many like it were left out before it.
    fn refusal_turn(&self, now: Instant) -> Option<u64> {
        let mut state = self.refusals.lock().unwrap_or_else(|e| e.into_inner());
        match state.0 {
            Some(last) if now.duration_since(last) < REFUSAL_EVERY => {
                state.1 += 1;
                None
            }
            _ => {
                let skipped = state.1;
                *state = (Some(now), 0);
                Some(skipped)
            }
        }
    }
}

impl Log for Logger {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        self.inner.enabled(metadata)
    }

    fn log(&self, record: &Record<'_>) {
        if record.level() != Level::Error || !record.target().starts_with(DISPATCHER) {
            return self.inner.log(record);
        }
        let warn = Metadata::builder().level(Level::Warn).target(record.target()).build();
        if !self.inner.enabled(&warn) {
            return;
        }
        let Some(skipped) = self.refusal_turn(Instant::now()) else { return };
        let more = if skipped > 0 { format!(" ({skipped} more since the last one written)") } else { String::new() };
        self.inner.log(
            &Record::builder()
                .metadata(warn)
                .args(format_args!("request refused before the application: {}{more}", record.args()))
                .module_path(record.module_path())
                .file(record.file())
                .line(record.line())
                .build(),
        );
    }

    fn flush(&self) {
        self.inner.flush()
    }
}

/// Installs the logger (once, at start-up).
pub fn init() {
    let inner = env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).build();
    let max = inner.filter();
    if log::set_boxed_logger(Box::new(Logger { inner, refusals: Mutex::new((None, 0)) })).is_ok() {
        log::set_max_level(max);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_written_once_per_period_with_a_count_of_those_left_out() {
        let logger = Logger { inner: env_logger::Builder::new().build(), refusals: Mutex::new((None, 0)) };
        let t0 = Instant::now();
        assert_eq!(logger.refusal_turn(t0), Some(0));
        assert_eq!(logger.refusal_turn(t0 + Duration::from_secs(1)), None);
        assert_eq!(logger.refusal_turn(t0 + Duration::from_secs(9)), None);
        assert_eq!(logger.refusal_turn(t0 + REFUSAL_EVERY), Some(2));
        assert_eq!(logger.refusal_turn(t0 + REFUSAL_EVERY + Duration::from_secs(1)), None);
    }
}
