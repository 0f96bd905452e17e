//! Settings read once from environment variables (documented in the README and `.env.example`).

use std::fmt;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Dev,
    Production,
}

/// A secret that never prints.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub environment: Environment,
    pub database_url: String,
    pub pool_size: u32,
    /// How long a request waits for a pooled connection before it is answered 503.
    pub pool_timeout: Duration,
    /// Longest a single SQL statement may run before PostgreSQL cancels it (→ 503).
    pub statement_timeout: Duration,
    /// Optional read replica: read-only requests use a second pool on it.
    pub database_read_url: Option<String>,
    pub bind_addr: String,
    pub jwt_secret: Secret,
    pub token_ttl: Duration,
    /// Directory of the built SPA, served at `/` when it exists.
    pub static_dir: Option<String>,
    /// Password hashes run at once (about one per core), and how long others wait their turn.
    pub password_hash_concurrency: usize,
    pub password_hash_wait: Duration,
    /// Per-address limits on sign-in and sign-up, and the proxies whose `X-Forwarded-For` is
    /// believed.
    pub ip_limits: crate::auth::ip_limit::IpLimits,
    /// Hosts whose images user markdown may show; others become links.
    pub markdown_image_hosts: Vec<String>,
}

pub const MIN_SECRET_LEN: usize = 32;
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/opendetat";

impl Settings {
    pub fn from_env() -> Result<Settings, String> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let environment = match get("OPENDETAT_ENV").as_deref().unwrap_or("dev") {
            "dev" | "development" => Environment::Dev,
            "production" | "prod" => Environment::Production,
            other => {
                return Err(format!(
                    "OPENDETAT_ENV must be `dev` or `production`, not {other:?}"
                ))
            }
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
        let jwt_secret = match (get("JWT_SECRET"), environment) {
            (Some(s), _) if s.len() >= MIN_SECRET_LEN => Secret(s),
            (Some(_), Environment::Production) | (None, Environment::Production) => {
                return Err(format!(
                    "JWT_SECRET must be set to at least {MIN_SECRET_LEN} characters in production \
                     (e.g. `openssl rand -base64 48`)"
                ))
            }
            (Some(_), Environment::Dev) => {
                return Err(format!(
                    "JWT_SECRET is shorter than {MIN_SECRET_LEN} characters"
                ))
            }
            (None, Environment::Dev) => {
                log::warn!(
                    "dev mode: no JWT_SECRET set, generated an ephemeral one (tokens die with the process)"
                );
                Secret(random_secret())
            }
        };
        Ok(Settings {
            environment,
            database_url,
            pool_size: parse_num(&get, "DATABASE_POOL_SIZE", 10)?,
            pool_timeout: Duration::from_millis(parse_num(&get, "DATABASE_POOL_TIMEOUT_MS", 3000)?),
            statement_timeout: Duration::from_millis(parse_num(
                &get,
                "DATABASE_STATEMENT_TIMEOUT_MS",
                10_000,
            )?),
            database_read_url: get("DATABASE_READ_URL").filter(|u| !u.trim().is_empty()),
            bind_addr: get("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            jwt_secret,
            token_ttl: Duration::from_secs(60 * parse_num(&get, "JWT_TTL_MINUTES", 60u64)?),
            static_dir: get("STATIC_DIR").or_else(|| Some("frontend/dist".into())),
            password_hash_concurrency: parse_num(
                &get,
                "PASSWORD_HASH_CONCURRENCY",
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )?,
            password_hash_wait: Duration::from_millis(parse_num(
                &get,
                "PASSWORD_HASH_WAIT_MS",
                5000,
            )?),
            ip_limits: crate::auth::ip_limit::IpLimits {
                sign_in: parse_limit(&get, "RATE_LIMIT_SIGN_IN", "60/10m")?,
                sign_up: parse_limit(&get, "RATE_LIMIT_SIGN_UP", "30/1h")?,
                trusted_proxies: list(&get, "TRUSTED_PROXIES")
                    .iter()
                    .map(|s| s.parse().map_err(|e| format!("TRUSTED_PROXIES: {e}")))
                    .collect::<Result<_, String>>()?,
            },
            markdown_image_hosts: list(&get, "MARKDOWN_IMAGE_HOSTS")
                .into_iter()
                .map(|h| {
                    let host = h.to_ascii_lowercase();
                    let valid = !host.is_empty()
                        && host
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
                    if valid {
                        Ok(host)
                    } else {
                        Err(format!(
                            "MARKDOWN_IMAGE_HOSTS: {h:?} is not a host name (e.g. images.example.gouv.fr)"
                        ))
                    }
                })
                .collect::<Result<_, String>>()?,
        })
    }

    pub fn is_dev(&self) -> bool {
        self.environment == Environment::Dev
    }
}

fn parse_num<T: std::str::FromStr + Copy + PartialOrd + Default>(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: T,
) -> Result<T, String> {
    match get(key) {
        None => Ok(default),
        Some(raw) => match raw.parse::<T>() {
            Ok(v) if v > T::default() => Ok(v),
            _ => Err(format!("{key} must be a positive number, not {raw:?}")),
        },
    }
}

/// A per-address limit like `60/10m`, or `off`.
fn parse_limit(
    get: &impl Fn(&str) -> Option<String>,
    key: &str,
    default: &str,
) -> Result<Option<crate::auth::ip_limit::Limit>, String> {
    let raw = get(key).unwrap_or_else(|| default.to_string());
    if raw.trim() == "off" {
        return Ok(None);
    }
    raw.parse().map(Some).map_err(|e| format!("{key}: {e}, or off"))
}

/// A comma-separated list (blank items skipped).
fn list(get: &impl Fn(&str) -> Option<String>, key: &str) -> Vec<String> {
    get(key)
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn random_secret() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, String> {
        let map: std::collections::HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn production_requires_a_long_secret() {
        assert!(settings(&[("OPENDETAT_ENV", "production")]).is_err());
        assert!(settings(&[("OPENDETAT_ENV", "production"), ("JWT_SECRET", "short")]).is_err());
        let long = "x".repeat(MIN_SECRET_LEN);
        assert!(settings(&[("OPENDETAT_ENV", "production"), ("JWT_SECRET", &long)]).is_ok());
    }

    #[test]
    fn dev_generates_a_secret_and_defaults() {
        let s = settings(&[]).unwrap();
        assert!(s.jwt_secret.expose().len() >= MIN_SECRET_LEN);
        assert_eq!(s.bind_addr, "127.0.0.1:8080");
        assert_eq!(format!("{:?}", s.jwt_secret), "Secret(***)");
    }

    #[test]
    fn rejects_bad_numbers_and_env() {
        assert!(settings(&[("DATABASE_POOL_SIZE", "zero")]).is_err());
        assert!(settings(&[("DATABASE_POOL_SIZE", "0")]).is_err());
        assert!(settings(&[("OPENDETAT_ENV", "staging")]).is_err());
    }

    #[test]
    fn limits_proxies_and_image_hosts() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.ip_limits.sign_in.unwrap().burst, 60);
        assert!(s.ip_limits.trusted_proxies.is_empty());
        assert!(s.markdown_image_hosts.is_empty());
        let s = settings(&[
            ("RATE_LIMIT_SIGN_IN", "off"),
            ("RATE_LIMIT_SIGN_UP", "3/1m"),
            ("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1"),
            ("MARKDOWN_IMAGE_HOSTS", "Images.Example.gouv.fr"),
        ])
        .unwrap();
        assert!(s.ip_limits.sign_in.is_none());
        assert_eq!(s.ip_limits.sign_up.unwrap().burst, 3);
        assert_eq!(s.ip_limits.trusted_proxies.len(), 2);
        assert_eq!(s.markdown_image_hosts, vec!["images.example.gouv.fr"]);
        assert!(settings(&[("RATE_LIMIT_SIGN_IN", "lots")]).is_err());
        assert!(settings(&[("TRUSTED_PROXIES", "proxy.local")]).is_err());
        assert!(settings(&[("MARKDOWN_IMAGE_HOSTS", "https://x.fr/")]).is_err());
    }
}
