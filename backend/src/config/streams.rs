//! The stream settings (`STREAM_*`).

use std::time::Duration;

use crate::live::LiveSettings;

pub(super) fn parse(get: &impl Fn(&str) -> Option<String>) -> Result<LiveSettings, String> {
    let defaults = LiveSettings::default();
    let heartbeat = super::parse_num(get, "STREAM_HEARTBEAT_SECS", defaults.heartbeat.as_secs())?;
    if heartbeat == 0 {
        return Err("STREAM_HEARTBEAT_SECS must be at least 1".into());
    }
    Ok(LiveSettings {
        max_per_address: super::parse_num(get, "STREAM_MAX_PER_ADDRESS", defaults.max_per_address)?,
        max_per_account: super::parse_num(get, "STREAM_MAX_PER_ACCOUNT", defaults.max_per_account)?,
        heartbeat: Duration::from_secs(heartbeat),
    })
}
