//! Where a webhook may be sent: an `http(s)` URL whose host resolves only to public addresses.
//!
//! A registered URL is an address the server will call: without a guard, anyone allowed to
//! register one could make it call the database, a cloud's metadata service or the intranet
//! behind it (SSRF). The host is checked when the endpoint is registered or changed, and again
//! on every delivery by the client's resolver (`delivery::agent`), which connects only to the
//! addresses it has checked: a name that resolved to a public address at registration and to
//! 127.0.0.1 later (DNS rebinding) is refused then.

use std::net::{IpAddr, SocketAddr, ToSocketAddrs};

use url::Url;

use crate::config::WebhookSettings;

/// Why an address or URL is refused: `(field code, message)`.
pub type Refusal = (&'static str, String);

pub use crate::http::address::is_forbidden;

/// The addresses `host:port` resolves to, if the server may call every one of them (all of
/// them: a name that mixes public and private addresses is refused, since a connection may
/// pick any).
pub fn resolve(host: &str, port: u16, allow_private: bool) -> Result<Vec<SocketAddr>, Refusal> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addrs: Vec<SocketAddr> = match bare.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => (bare, port)
            .to_socket_addrs()
            .map_err(|_| ("unresolvable_host", format!("The host {host:?} does not resolve.")))?
            .collect(),
    };
    if addrs.is_empty() {
        return Err(("unresolvable_host", format!("The host {host:?} does not resolve.")));
    }
    if !allow_private && addrs.iter().any(|a| is_forbidden(a.ip())) {
        return Err((
            "private_address",
            format!(
                "The host {host:?} resolves to a loopback, private, link-local or otherwise reserved address, \
                 which webhooks may not call."
            ),
        ));
    }
    Ok(addrs)
}

/// `raw` as an endpoint URL: `https` (`http` where allowed), a host, no user name or password
/// (they would be shown to every admin), no fragment; its host resolves to addresses the server
/// may call. Blocking (DNS): call it off the async executor.
pub fn check(raw: &str, settings: &WebhookSettings) -> Result<Url, Refusal> {
    let url = Url::parse(raw.trim()).map_err(|e| ("invalid_url", format!("Not a URL: {e}.")))?;
    match url.scheme() {
        "https" => {}
        "http" if settings.allow_http => {}
        "http" => return Err(("https_required", "Webhook URLs must use https.".into())),
        other => return Err(("invalid_scheme", format!("Webhook URLs use https, not {other:?}."))),
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(("credentials_in_url", "Put no user name or password in the URL.".into()));
    }
    if url.fragment().is_some() {
        return Err(("invalid_url", "A webhook URL has no fragment (#…).".into()));
    }
    let host = url.host_str().ok_or_else(|| ("invalid_url", "The URL names no host.".to_string()))?;
    let port = url.port_or_known_default().unwrap_or(443);
    resolve(host, port, settings.allow_private)?;
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(allow_private: bool) -> WebhookSettings {
        WebhookSettings {
            allow_private,
            allow_http: false,
            retry_schedule: vec![],
            poll: std::time::Duration::from_secs(1),
        }
    }

    #[test]
    fn internal_addresses_are_forbidden_in_every_spelling() {
        for ip in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "240.0.0.1",
            "::1",
            "::",
            "fd00:ec2::254",
            "fe80::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "::127.0.0.1",
        ] {
            assert!(is_forbidden(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "64:ff9b::5db8:d70e", "1.1.1.1"] {
            assert!(!is_forbidden(ip.parse().unwrap()), "{ip}");
        }
    }

    #[test]
    fn urls_are_https_without_credentials_and_never_internal() {
        let code = |raw: &str| check(raw, &settings(false)).err().map(|e| e.0);
        assert_eq!(code("http://93.184.215.14/hook"), Some("https_required"));
        assert_eq!(code("ftp://93.184.215.14/hook"), Some("invalid_scheme"));
        assert_eq!(code("not a url"), Some("invalid_url"));
        assert_eq!(code("https://user:pw@93.184.215.14/hook"), Some("credentials_in_url"));
        assert_eq!(code("https://127.0.0.1/hook"), Some("private_address"));
        assert_eq!(code("https://[::1]:8443/hook"), Some("private_address"));
        assert_eq!(code("https://169.254.169.254/latest/meta-data/"), Some("private_address"));
        assert_eq!(code("https://localhost/hook"), Some("private_address"));
        assert_eq!(code("https://0x7f.1/hook"), Some("private_address"));
        assert_eq!(code("https://93.184.215.14/hook"), None);
        assert_eq!(check("https://127.0.0.1:9/hook", &settings(true)).err(), None);
    }
}
