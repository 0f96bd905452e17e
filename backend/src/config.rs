//! Settings read once from environment variables (documented in the README and `.env.example`).

use std::fmt;
use std::time::Duration;

mod documents;
mod oidc;
mod streams;
mod webhooks;
pub use documents::{FileBackend, FileStoreSettings, DEFAULT_MAX_BYTES};
use webhooks::{flag, parse_schedule, WEBHOOKS};
pub use webhooks::{webhooks, WebhookSettings, DEFAULT_WEBHOOK_RETRY_SCHEDULE};

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

    pub fn expose_str(&self) -> &str {
        &self.0
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
    /// During a rotation of `JWT_SECRET`: the secret before it, accepted until the instant.
    pub jwt_previous: Option<(Secret, chrono::DateTime<chrono::Utc>)>,
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
    /// The site's address as people reach it (for links in mails), no trailing slash.
    pub public_url: String,
    /// The SMTP relay (`smtp://host:port`, `smtps://user:pass@host:465`…); without it (dev
    /// only) mail is written to `mail_dir`.
    pub smtp_url: Option<Secret>,
    pub mail_dir: String,
    pub mail_from: String,
    /// Unverified accounts read but do not post.
    pub require_verified_email: bool,
    /// Roles held only with a second factor (`TWO_FACTOR_ROLES`; in production admins and
    /// moderators unless set, in dev none).
    pub two_factor_roles: Vec<crate::types::Role>,
    /// Working days an institution has to answer a question (long overdue after twice as many).
    pub question_deadline_days: u32,
    /// Reports from this many distinct members hide a comment at once (0, the default: never).
    pub auto_hide_reports: u32,
    /// Only reports from accounts whose address is confirmed and that are at least this many
    /// days old count toward automatic hiding.
    pub auto_hide_min_account_days: u32,
    /// Job workers inside `opendetat serve` (0: none; run `opendetat worker` apart).
    pub job_workers: u32,
    /// How long a claimed job is its worker's before another may take it back.
    pub job_lease: Duration,
    pub job_idle_poll: Duration,
    /// A transaction of this database open longer than this holds the change feed back: it is
    /// reported in the log and in `/readyz`.
    pub change_feed_hold_warning: Duration,
    pub webhooks: WebhookSettings,
    /// Open streams and their heartbeat (`STREAM_*`).
    pub live: crate::live::LiveSettings,
    pub documents: FileStoreSettings,
    /// The identity providers that are configured (`PROCONNECT_*`, `FRANCECONNECT_*`).
    pub identity_providers: Vec<crate::auth::oidc::ProviderSettings>,
    /// An official signing in with ProConnect for an organisation whose SIREN is an
    /// institution's is linked to it at once (`PROCONNECT_TRUST_INSTITUTIONS`); otherwise an
    /// admin confirms.
    pub proconnect_trust_institutions: bool,
}

pub const MIN_SECRET_LEN: usize = 32;
pub const DEFAULT_DATABASE_URL: &str = "postgres://postgres@127.0.0.1:5432/opendetat";

impl Settings {
    /// From the environment. In dev mode without `JWT_SECRET`, the secret is the one kept in
    /// `DATA_DIR` (made there the first time): a restart keeps everyone signed in.
    pub fn from_env() -> Result<Settings, String> {
        let get = |key: &str| std::env::var(key).ok();
        let dev = matches!(get("OPENDETAT_ENV").as_deref().unwrap_or("dev"), "dev" | "development");
        let kept = if dev && get("JWT_SECRET").is_none() {
            Some(dev_secret(&get("DATA_DIR").unwrap_or_else(|| DEFAULT_DATA_DIR.into()))?)
        } else {
            None
        };
        let settings =
            Self::from_lookup(|key| if key == "JWT_SECRET" { get(key).or_else(|| kept.clone()) } else { get(key) })?;
        let _ = SITE_URL.set(settings.public_url.trim_end_matches('/').to_string());
        let _ = WEBHOOKS.set(settings.webhooks.clone());
        Ok(settings)
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Settings, String> {
        let environment = match get("OPENDETAT_ENV").as_deref().unwrap_or("dev") {
            "dev" | "development" => Environment::Dev,
            "production" | "prod" => Environment::Production,
            other => return Err(format!("OPENDETAT_ENV must be `dev` or `production`, not {other:?}")),
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
                return Err(format!("JWT_SECRET is shorter than {MIN_SECRET_LEN} characters"))
            }
            (None, Environment::Dev) => {
                log::warn!("dev mode: no JWT_SECRET set, generated an ephemeral one (tokens die with the process)");
                Secret(random_secret())
            }
        };
        Ok(Settings {
            environment,
            database_url,
            pool_size: parse_num(&get, "DATABASE_POOL_SIZE", 10)?,
            pool_timeout: Duration::from_millis(parse_num(&get, "DATABASE_POOL_TIMEOUT_MS", 3000)?),
            statement_timeout: Duration::from_millis(parse_num(&get, "DATABASE_STATEMENT_TIMEOUT_MS", 10_000)?),
            database_read_url: get("DATABASE_READ_URL").filter(|u| !u.trim().is_empty()),
            bind_addr: get("BIND_ADDR").unwrap_or_else(|| "127.0.0.1:8080".into()),
            jwt_previous: previous_secret(&get)?,
            jwt_secret,
            token_ttl: Duration::from_secs(60 * parse_num(&get, "JWT_TTL_MINUTES", 60u64)?),
            static_dir: get("STATIC_DIR").or_else(|| Some("frontend/dist".into())),
            password_hash_concurrency: parse_num(
                &get,
                "PASSWORD_HASH_CONCURRENCY",
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )?,
            password_hash_wait: Duration::from_millis(parse_num(&get, "PASSWORD_HASH_WAIT_MS", 5000)?),
            ip_limits: crate::auth::ip_limit::IpLimits {
                sign_in: parse_limit(&get, "RATE_LIMIT_SIGN_IN", "60/10m")?,
                sign_up: parse_limit(&get, "RATE_LIMIT_SIGN_UP", "30/1h")?,
                mail: parse_limit(&get, "RATE_LIMIT_MAIL", "10/1h")?,
                posting: parse_limit(&get, "RATE_LIMIT_POSTING", "10/1m")?,
                api_anonymous: parse_limit(&get, "RATE_LIMIT_API_ANONYMOUS", "300/1m")?,
                api_authenticated: parse_limit(&get, "RATE_LIMIT_API_AUTHENTICATED", "600/1m")?,
                trusted_proxies: list(&get, "TRUSTED_PROXIES")
                    .iter()
                    .map(|s| s.parse().map_err(|e| format!("TRUSTED_PROXIES: {e}")))
                    .collect::<Result<_, String>>()?,
            },
            markdown_image_hosts: list(&get, "MARKDOWN_IMAGE_HOSTS")
                .into_iter()
                .map(|h| {
                    let host = h.to_ascii_lowercase();
                    let valid =
                        !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
                    if valid {
                        Ok(host)
                    } else {
                        Err(format!("MARKDOWN_IMAGE_HOSTS: {h:?} is not a host name (e.g. images.example.gouv.fr)"))
                    }
                })
                .collect::<Result<_, String>>()?,
            public_url: match (get("PUBLIC_URL"), environment) {
                (Some(url), _) if url.starts_with("http://") || url.starts_with("https://") => {
                    url.trim_end_matches('/').to_string()
                }
                (Some(url), _) => return Err(format!("PUBLIC_URL must be an http(s) address, not {url:?}")),
                (None, Environment::Dev) => "http://localhost:8080".into(),
                // Required where mail is sent (`check_mail`), not to migrate or seed.
                (None, Environment::Production) => String::new(),
            },
            smtp_url: match (get("SMTP_URL").filter(|u| !u.trim().is_empty()), environment) {
                (Some(url), _) => Some(Secret(url)),
                (None, _) => None,
            },
            mail_dir: get("MAIL_DIR").unwrap_or_else(|| "target/mail".into()),
            mail_from: get("MAIL_FROM").unwrap_or_else(|| "Open d'État <ne-pas-repondre@opendetat.localhost>".into()),
            require_verified_email: match get("REQUIRE_VERIFIED_EMAIL").as_deref() {
                None => environment == Environment::Production,
                Some("true" | "1" | "on") => true,
                Some("false" | "0" | "off") => false,
                Some(other) => return Err(format!("REQUIRE_VERIFIED_EMAIL must be true or false, not {other:?}")),
            },
            two_factor_roles: match get("TWO_FACTOR_ROLES").as_deref().map(str::trim) {
                None if environment == Environment::Production => {
                    vec![crate::types::Role::Admin, crate::types::Role::Moderator]
                }
                None | Some("none") => Vec::new(),
                Some(_) => list(&get, "TWO_FACTOR_ROLES")
                    .iter()
                    .map(|r| r.parse().map_err(|_| format!("TWO_FACTOR_ROLES: {r:?} is not a role (member, official, moderator, admin), and `none` stands alone")))
                    .collect::<Result<_, String>>()?,
            },
            auto_hide_reports: parse_num(&get, "AUTO_HIDE_REPORTS", 0u32)?,
            auto_hide_min_account_days: parse_num(&get, "AUTO_HIDE_MIN_ACCOUNT_DAYS", 7u32)?,
            question_deadline_days: match parse_num(&get, "QUESTION_DEADLINE_DAYS", 15u32)? {
                0 | 101.. => return Err("QUESTION_DEADLINE_DAYS must be between 1 and 100".into()),
                n => n,
            },
            job_workers: match get("JOB_WORKERS") {
                None => 1,
                Some(raw) => raw.parse().map_err(|_| format!("JOB_WORKERS must be a number, not {raw:?}"))?,
            },
            job_lease: Duration::from_secs(parse_num(&get, "JOB_LEASE_SECS", 300)?),
            change_feed_hold_warning: Duration::from_secs(parse_num(&get, "CHANGE_FEED_HOLD_WARNING_SECS", 300)?),
            webhooks: WebhookSettings {
                allow_private: flag(&get, "WEBHOOK_ALLOW_PRIVATE")?,
                allow_http: environment == Environment::Dev || flag(&get, "WEBHOOK_ALLOW_PRIVATE")?,
                retry_schedule: parse_schedule(&get, "WEBHOOK_RETRY_SCHEDULE", DEFAULT_WEBHOOK_RETRY_SCHEDULE)?,
                poll: Duration::from_millis(parse_num(&get, "WEBHOOK_POLL_MS", 1000)?),
            },
            job_idle_poll: Duration::from_millis(parse_num(&get, "JOB_POLL_MS", 250)?),
            live: streams::parse(&get)?,
            documents: documents::parse(&get)?,
            identity_providers: oidc::parse(&get)?,
            proconnect_trust_institutions: flag(&get, "PROCONNECT_TRUST_INSTITUTIONS")?,
        })
    }

    /// What the commands that send mail (`serve`, `worker`) need in production: the relay
    /// (`SMTP_URL`) and the site's address for links (`PUBLIC_URL`). In dev, mail without
    /// `SMTP_URL` is written to `MAIL_DIR`.
    pub fn check_mail(&self) -> Result<(), String> {
        if self.is_dev() {
            return Ok(());
        }
        if self.public_url.is_empty() {
            return Err("PUBLIC_URL must be set in production: the site's address, for the links \
                        in mails (e.g. https://opendetat.example.gouv.fr)"
                .into());
        }
        if self.smtp_url.is_none() {
            return Err("SMTP_URL must be set in production: the mail relay, e.g. \
                        smtp://relay.example:25 or smtps://user:password@relay.example:465"
                .into());
        }
        Ok(())
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
    get(key).unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

static SITE_URL: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// The site's address as people reach it (`PUBLIC_URL`), for links written where no request or
/// job hands it over (a reaction in the transaction of another resource's write).
pub fn site_url() -> &'static str {
    SITE_URL.get().map(String::as_str).unwrap_or("http://localhost:8080")
}

/// `JWT_PREVIOUS_SECRET` and `JWT_PREVIOUS_SECRET_UNTIL` (RFC 3339): both or neither.
fn previous_secret(
    get: &impl Fn(&str) -> Option<String>,
) -> Result<Option<(Secret, chrono::DateTime<chrono::Utc>)>, String> {
    let secret = get("JWT_PREVIOUS_SECRET").filter(|s| !s.is_empty());
    let until = get("JWT_PREVIOUS_SECRET_UNTIL").filter(|s| !s.is_empty());
    match (secret, until) {
        (None, None) => Ok(None),
        (Some(_), None) => Err("JWT_PREVIOUS_SECRET needs JWT_PREVIOUS_SECRET_UNTIL: until when \
             tokens signed with it are accepted (RFC 3339, e.g. 2026-12-05T12:00:00Z)"
            .into()),
        (None, Some(_)) => Err("JWT_PREVIOUS_SECRET_UNTIL is set without JWT_PREVIOUS_SECRET".into()),
        (Some(secret), Some(until)) => {
            if secret.len() < MIN_SECRET_LEN {
                return Err(format!("JWT_PREVIOUS_SECRET is shorter than {MIN_SECRET_LEN} characters"));
            }
            let until = chrono::DateTime::parse_from_rfc3339(until.trim())
                .map_err(|e| format!("JWT_PREVIOUS_SECRET_UNTIL must be an RFC 3339 instant: {e}"))?
                .with_timezone(&chrono::Utc);
            if until <= chrono::Utc::now() {
                log::warn!("JWT_PREVIOUS_SECRET_UNTIL has passed: tokens signed with the previous secret are refused");
            }
            Ok(Some((Secret(secret), until)))
        }
    }
}

/// Where dev mode keeps what must outlive a process (its signing secret).
pub const DEFAULT_DATA_DIR: &str = "target/data";

/// The dev-mode signing secret kept in `dir` (readable by its owner only), made the first time.
fn dev_secret(dir: &str) -> Result<String, String> {
    let path = std::path::Path::new(dir).join("jwt-secret");
    if let Ok(kept) = std::fs::read_to_string(&path) {
        let kept = kept.trim().to_string();
        if kept.len() >= MIN_SECRET_LEN {
            log::info!("dev mode: signing sessions with the secret kept in {}", path.display());
            return Ok(kept);
        }
    }
    let secret = random_secret();
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create DATA_DIR {dir}: {e}"))?;
    write_private(&path, &secret).map_err(|e| format!("cannot keep the dev secret in {}: {e}", path.display()))?;
    log::warn!(
        "dev mode: no JWT_SECRET set; generated one and kept it in {} (a restart keeps sessions; set JWT_SECRET in production)",
        path.display()
    );
    Ok(secret)
}

fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

fn random_secret() -> String {
    use base64::Engine;
    use rand::RngCore;
    let mut bytes = [0u8; 48];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

#[cfg(test)]
mod tests;
