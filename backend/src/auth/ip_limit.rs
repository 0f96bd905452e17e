//! Per-address limits on what costs a password hash or creates accounts (sign-in, sign-up; next,
//! password reset and mail verification), kept in PostgreSQL so every instance shares them.
//!
//! Each limit is a rate with a burst, enforced as a GCRA (generic cell rate algorithm): one row
//! per address and action holding a "theoretical arrival time", advanced by one interval per
//! request that is let through; a request is refused while that time is more than the burst
//! ahead of now. One upsert decides, atomically, whatever the number of instances.
//!
//! The client's address is the socket's peer, or, only when that peer is a configured trusted
//! proxy, the last address in `X-Forwarded-For` that is not itself a trusted proxy: anyone can
//! write the header, so it is believed only from a proxy we run.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::Duration;

use actix_web::HttpRequest;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::sql_types::{Double, Text, Timestamptz};

use crate::http::problem::{ApiError, ApiResult};

/// A rate with a burst: `burst` requests at once, then one more each `period / burst`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    pub burst: u32,
    pub period: Duration,
}

impl Limit {
    fn interval_secs(&self) -> f64 {
        self.period.as_secs_f64() / f64::from(self.burst)
    }
}

impl FromStr for Limit {
    type Err = String;

    /// `N/PERIOD`, the period a number with a unit: `60/10m`, `30/1h`, `5/30s`.
    fn from_str(s: &str) -> Result<Limit, String> {
        let bad = || format!("{s:?} is not a limit like 60/10m (requests per period: s, m or h)");
        let (n, period) = s.trim().split_once('/').ok_or_else(bad)?;
        let burst: u32 = n.trim().parse().map_err(|_| bad())?;
        let period = period.trim();
        let (value, unit) = period.split_at(period.len().saturating_sub(1));
        let value: u64 = value.parse().map_err(|_| bad())?;
        let secs = match unit {
            "s" => value,
            "m" => value * 60,
            "h" => value * 3600,
            _ => return Err(bad()),
        };
        if burst == 0 || secs == 0 {
            return Err(bad());
        }
        Ok(Limit { burst, period: Duration::from_secs(secs) })
    }
}

/// What is limited, each with its own budget per address.
#[derive(Debug, Clone, Copy)]
pub enum Action {
    SignIn,
    SignUp,
    /// A mail asked for: password reset, verification sent again.
    Mail,
    /// A comment or a question posted: counted per account, not per address.
    Posting,
}

impl Action {
    fn name(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignUp => "sign_up",
            Action::Mail => "mail",
            Action::Posting => "posting",
        }
    }
}

/// The configured limits (`None`: not limited).
#[derive(Debug, Clone, Default)]
pub struct IpLimits {
    pub sign_in: Option<Limit>,
    pub sign_up: Option<Limit>,
    pub mail: Option<Limit>,
    /// Per account, not per address (`RATE_LIMIT_POSTING`).
    pub posting: Option<Limit>,
    /// Every API request, per address (`RATE_LIMIT_API_ANONYMOUS`; `auth::api_limit`).
    pub api_anonymous: Option<Limit>,
    /// Every API request, per account or app token (`RATE_LIMIT_API_AUTHENTICATED`).
    pub api_authenticated: Option<Limit>,
    pub trusted_proxies: Vec<IpNet>,
}

impl IpLimits {
    fn limit(&self, action: Action) -> Option<Limit> {
        match action {
            Action::SignIn => self.sign_in,
            Action::SignUp => self.sign_up,
            Action::Mail => self.mail,
            Action::Posting => self.posting,
        }
    }

    /// The address a request comes from (see the module's note), as a bucket: an IPv6 client
    /// is counted by its /64, which one subscriber usually holds whole.
    pub fn client_bucket(&self, req: &HttpRequest) -> String {
        let peer = req.peer_addr().map(|a| a.ip());
        let client = match peer {
            Some(peer) if self.is_trusted(peer) => forwarded_client(req, |ip| self.is_trusted(ip)).unwrap_or(peer),
            Some(peer) => peer,
            None => return "unknown".into(),
        };
        bucket(client)
    }

    fn is_trusted(&self, ip: IpAddr) -> bool {
        self.trusted_proxies.iter().any(|net| net.contains(ip))
    }

    /// Counts one request of `action` from `bucket`; 429 with `Retry-After` over the limit.
    pub fn take(&self, conn: &mut PgConnection, action: Action, bucket: &str) -> ApiResult<()> {
        let Some(limit) = self.limit(action) else {
            return Ok(());
        };
        let key = format!("{}:{bucket}", action.name());
        let interval = limit.interval_secs();
        let burst_window = interval * f64::from(limit.burst);
        // One fixed text whose plan does not depend on the values: prepared once per connection.
        let let_through = crate::db::Prepared(
            diesel::sql_query(
                "INSERT INTO rate_limits AS r (key, tat) VALUES ($1, now() + make_interval(secs => $2)) \
             ON CONFLICT (key) DO UPDATE SET tat = greatest(r.tat, now()) + make_interval(secs => $2) \
             WHERE greatest(r.tat, now()) + make_interval(secs => $2) \
                   <= now() + make_interval(secs => $3) \
             RETURNING r.tat",
            )
            .bind::<Text, _>(&key)
            .bind::<Double, _>(interval)
            .bind::<Double, _>(burst_window),
        )
        .get_result::<Tat>(conn)
        .optional()?;
        if let_through.is_some() {
            if rand::random::<u16>() < 64 {
                // Now and then (1 in 1,000), forget addresses whose budget is whole again:
                // a row whose time has passed means the same as no row.
                diesel::sql_query(
                    "DELETE FROM rate_limits WHERE ctid IN \
                     (SELECT ctid FROM rate_limits WHERE tat < now() LIMIT 1000)",
                )
                .execute(conn)?;
            }
            return Ok(());
        }
        let tat: Option<DateTime<Utc>> = diesel::sql_query("SELECT tat FROM rate_limits WHERE key = $1")
            .bind::<Text, _>(&key)
            .get_result::<Tat>(conn)
            .optional()?
            .map(|t| t.tat);
        let free_at =
            tat.unwrap_or_else(Utc::now) + chrono::Duration::milliseconds(((interval - burst_window) * 1000.0) as i64);
        log::warn!("limit reached for {}", action.name());
        Err(ApiError::TooManyRequests {
            retry_after_secs: (free_at - Utc::now()).num_seconds().max(1) as u64,
            policy: Some(crate::http::problem::LimitPolicy {
                name: action.name(),
                quota: limit.burst,
                window_secs: limit.period.as_secs(),
            }),
        })
    }
}

#[derive(QueryableByName)]
struct Tat {
    #[diesel(sql_type = Timestamptz)]
    tat: DateTime<Utc>,
}

fn bucket(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The rightmost `X-Forwarded-For` address that is not a trusted proxy (each proxy appends
/// the address it received from, so everything left of the first untrusted hop is hearsay).
fn forwarded_client(req: &HttpRequest, trusted: impl Fn(IpAddr) -> bool) -> Option<IpAddr> {
    let mut hops: Vec<IpAddr> = Vec::new();
    for value in req.headers().get_all("x-forwarded-for") {
        let value = value.to_str().ok()?;
        for part in value.split(',') {
            hops.push(part.trim().parse().ok()?);
        }
    }
    hops.into_iter().rev().find(|ip| !trusted(*ip))
}

/// An address block, `10.0.0.0/8` or a single address.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IpNet {
    addr: IpAddr,
    prefix: u8,
}

impl IpNet {
    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            (IpAddr::V6(_), IpAddr::V4(v4)) => self.contains(IpAddr::V6(v4.to_ipv6_mapped())),
            (IpAddr::V4(_), IpAddr::V6(v6)) => v6.to_ipv4_mapped().is_some_and(|v4| self.contains(IpAddr::V4(v4))),
        }
    }
}

impl FromStr for IpNet {
    type Err = String;

    fn from_str(s: &str) -> Result<IpNet, String> {
        let bad = || format!("{s:?} is not an IP address or block (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/8)");
        let (addr, prefix) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(bad)?,
            None => max,
        };
        Ok(IpNet { addr, prefix })
    }
}

/// A per-address budget key (`Action::Mail`'s `sign_up_to:…`, `reset_to:…`) that does not keep
/// the address itself: 96 bits of its SHA-256, lower-cased and trimmed.
pub fn address_bucket(email: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().take(12).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn limits_parse() {
        assert_eq!("60/10m".parse::<Limit>().unwrap(), Limit { burst: 60, period: Duration::from_secs(600) });
        assert_eq!("5/30s".parse::<Limit>().unwrap().period, Duration::from_secs(30));
        assert_eq!("30/1h".parse::<Limit>().unwrap().period, Duration::from_secs(3600));
        for bad in ["", "60", "0/1m", "5/0m", "5/1d", "x/1m", "5/m"] {
            assert!(bad.parse::<Limit>().is_err(), "{bad}");
        }
    }

    #[test]
    fn blocks_contain_addresses() {
        let net: IpNet = "10.0.0.0/8".parse().unwrap();
        assert!(net.contains("10.1.2.3".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        assert!(net.contains("::ffff:10.0.0.1".parse().unwrap()));
        let one: IpNet = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let v6: IpNet = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<IpNet>().is_err());
        assert!("nope".parse::<IpNet>().is_err());
    }

    #[test]
    fn forwarded_for_is_believed_only_from_trusted_proxies() {
        let limits = IpLimits { trusted_proxies: vec!["10.0.0.0/8".parse().unwrap()], ..Default::default() };
        let from = |peer: &str, xff: Option<&str>| {
            let mut req = TestRequest::default().peer_addr(format!("{peer}:4000").parse().unwrap());
            if let Some(v) = xff {
                req = req.insert_header(("X-Forwarded-For", v));
            }
            limits.client_bucket(&req.to_http_request())
        };
        // A client's own header is ignored.
        assert_eq!(from("203.0.113.9", Some("1.2.3.4")), "203.0.113.9");
        // Behind our proxy: the last hop it did not add itself.
        assert_eq!(from("10.0.0.2", Some("1.2.3.4, 198.51.100.7")), "198.51.100.7");
        assert_eq!(from("10.0.0.2", Some("198.51.100.7, 10.0.0.5")), "198.51.100.7");
        assert_eq!(from("10.0.0.2", None), "10.0.0.2");
        assert_eq!(from("10.0.0.2", Some("garbage")), "10.0.0.2");
        // IPv6 clients count by /64.
        assert_eq!(from("[2001:db8:1:2:3:4:5:6]", None), "2001:db8:1:2::/64");
    }
}
