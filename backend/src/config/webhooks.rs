//! The webhook settings (`WEBHOOK_*`), and the process-wide copy job workers read.

use std::time::Duration;

pub(super) static WEBHOOKS: std::sync::OnceLock<WebhookSettings> = std::sync::OnceLock::new();

/// The webhook settings, for job workers (which get no `AppState`). Before `from_env` (unit
/// tests): the production defaults.
pub fn webhooks() -> WebhookSettings {
    WEBHOOKS.get().cloned().unwrap_or_else(|| WebhookSettings {
        allow_private: false,
        allow_http: false,
        retry_schedule: DEFAULT_WEBHOOK_RETRY_SCHEDULE.split(',').filter_map(parse_duration).collect(),
        poll: Duration::from_secs(1),
    })
}

/// How webhooks are delivered (`resources::webhooks`).
#[derive(Debug, Clone, PartialEq)]
pub struct WebhookSettings {
    /// Deliver to loopback, private, link-local… addresses too (`WEBHOOK_ALLOW_PRIVATE`: tests,
    /// an intranet on purpose). Off by default: a registered URL could otherwise reach the
    /// server's own network (SSRF).
    pub allow_private: bool,
    /// Plain `http` endpoints: in dev, or where private addresses are allowed (a receiver on
    /// the same machine or intranet); otherwise `https` is required.
    pub allow_http: bool,
    /// The waits between a failed attempt and the next (`WEBHOOK_RETRY_SCHEDULE`); each is
    /// stretched or shrunk by up to a fifth at random (jitter).
    pub retry_schedule: Vec<Duration>,
    /// How often the dispatcher looks for new events while endpoints exist (`WEBHOOK_POLL_MS`).
    pub poll: Duration,
}

/// About three days in all: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 20 h.
pub const DEFAULT_WEBHOOK_RETRY_SCHEDULE: &str = "5s,5m,30m,2h,5h,10h,14h,20h,20h";

/// A duration like `250ms`, `5s`, `30m`, `2h`.
fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit())?;
    let (value, unit) = s.split_at(split);
    let value: u64 = value.parse().ok()?;
    let millis = match unit {
        "ms" => value,
        "s" => value * 1000,
        "m" => value * 60_000,
        "h" => value * 3_600_000,
        _ => return None,
    };
    (millis > 0).then(|| Duration::from_millis(millis))
}

pub(super) fn parse_schedule(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: &str,
) -> Result<Vec<Duration>, String> {
    let raw = get(key).unwrap_or_else(|| default.to_string());
    let schedule: Option<Vec<Duration>> = raw.split(',').map(parse_duration).collect();
    match schedule {
        Some(s) if !s.is_empty() && s.len() <= 20 => Ok(s),
        _ => Err(format!("{key} must be 1 to 20 comma-separated durations such as 5s,5m,2h, not {raw:?}")),
    }
}

pub(super) fn flag(get: &impl Fn(&str) -> Option<String>, key: &str) -> Result<bool, String> {
    match get(key).as_deref().map(str::trim) {
        None | Some("") | Some("0") | Some("false") | Some("off") => Ok(false),
        Some("1") | Some("true") | Some("on") => Ok(true),
        Some(other) => Err(format!("{key} must be true or false, not {other:?}")),
    }
}
