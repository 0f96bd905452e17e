//! The identity provider of the sign-in tests (`tests/oidc/provider.py`: `oidc-provider-mock`
//! from PyPI, a real OpenID Connect provider), and a browser that goes through the flow by hand:
//! it keeps cookies, follows no redirection, and answers the provider's sign-in form.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use crate::{Resp, TestApp};

/// The provider, until dropped.
pub struct Provider {
    child: Child,
    pub port: u16,
}

impl Provider {
    pub fn start() -> Provider {
        Provider::start_with(&[])
    }

    /// With `--expired-id-tokens`, every ID token it issues has expired.
    pub fn start_with(args: &[&str]) -> Provider {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("oidc").join("provider.py");
        let mut child = Command::new(crate::smtp::python())
            .arg(script)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the identity provider");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok()).expect("the provider's port");
        Provider { child, port }
    }

    /// The issuer, as the server is configured with it.
    pub fn issuer(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// The person `sub` and the claims the provider will give about them.
    pub fn person(&self, sub: &str, claims: Value) {
        let response = ureq::put(&format!("{}/users/{sub}", self.issuer())).send_json(claims).expect("set the person");
        assert_eq!(response.status(), 204);
    }

    /// The provider replaces its signing key.
    pub fn rotate_key(&self) {
        let response = ureq::post(&format!("{}/rotate-key", self.issuer())).call().expect("rotate the key");
        assert_eq!(response.status(), 204);
    }

    /// The server's settings for both providers at this one, the `profile` scope asked (the
    /// mock gives names under it, as the real ones do under `given_name`…).
    pub fn env(&self) -> Vec<(String, String)> {
        let mut env = Vec::new();
        for p in ["PROCONNECT", "FRANCECONNECT"] {
            env.push((format!("{p}_ISSUER"), self.issuer()));
            env.push((format!("{p}_CLIENT_ID"), format!("opendetat-{}", p.to_lowercase())));
            env.push((format!("{p}_CLIENT_SECRET"), "a-client-secret".into()));
            env.push((format!("{p}_SCOPES"), "openid email profile siret uid".into()));
        }
        env
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser that goes through the sign-in by hand.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    agent: ureq::Agent,
    pub cookies: HashMap<String, String>,
}

fn header_values(response: &ureq::Response, name: &str) -> Vec<String> {
    response.all(name).into_iter().map(str::to_string).collect()
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser { app, agent: ureq::AgentBuilder::new().redirects(0).build(), cookies: HashMap::new() }
    }

    /// Another browser holding the same cookies (what an attacker who copied them would send).
    pub fn clone_cookies(&self) -> Browser<'a> {
        Browser { app: self.app, agent: self.agent.clone(), cookies: self.cookies.clone() }
    }

    fn keep(&mut self, response: &ureq::Response) {
        for set in header_values(response, "set-cookie") {
            let pair = set.split(';').next().unwrap_or_default();
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let removed = set.to_ascii_lowercase().contains("max-age=0") || value.is_empty();
            if removed {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    fn into_resp(response: ureq::Response) -> Resp {
        let headers = response
            .headers_names()
            .into_iter()
            .flat_map(|n| header_values(&response, &n).into_iter().map(move |v| (n.clone(), v)))
            .collect();
        let status = response.status();
        Resp { status, headers, text: response.into_string().unwrap_or_default() }
    }

    /// A request to the server with the browser's cookies.
    pub fn send(&mut self, method: &str, url: &str, body: Option<&Value>) -> Resp {
        let url = if url.starts_with("http") { url.to_string() } else { self.app.api(url) };
        let request = self.agent.request(method, &url).set("Cookie", &self.cookie_header());
        let result = match body {
            Some(body) => request.send_json(body.clone()),
            None => request.call(),
        };
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{method} {url}: {e}"),
        };
        self.keep(&response);
        Self::into_resp(response)
    }

    /// Leaves for `provider`'s sign-in page: its address (the authorization request).
    pub fn start(&mut self, provider: &str, next: &str) -> String {
        let path = format!("/auth/oidc/{provider}/start?next={}", url_encode(next));
        let resp = self.send("GET", &path, None);
        assert_eq!(resp.status, 303, "{}", resp.text);
        resp.header("location").unwrap().to_string()
    }

    /// Signs in as `sub` on the provider's page at `authorize`: the provider's redirection back
    /// to the server (its `code` and `state`), as a path and query of the server.
    pub fn sign_in_at_provider(&self, authorize: &str, sub: &str) -> String {
        let response = match self.agent.post(authorize).send_form(&[("sub", sub)]) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => panic!("{e}"),
        };
        assert_eq!(response.status(), 302, "the provider answered {}", response.status());
        let back = response.header("location").unwrap().to_string();
        let path = back.split_once("/api/v1").expect("back to the callback").1;
        path.to_string()
    }

    /// The whole sign-in as `sub`: where the server sends the browser in the end.
    pub fn sign_in(&mut self, provider: &str, sub: &str, next: &str) -> String {
        let authorize = self.start(provider, next);
        let callback = self.sign_in_at_provider(&authorize, sub);
        self.come_back(&callback)
    }

    /// The browser arrives back at the server's `callback`: where it is sent next.
    pub fn come_back(&mut self, callback: &str) -> String {
        let resp = self.send("GET", callback, None);
        assert_eq!(resp.status, 303, "{}", resp.text);
        resp.header("location").unwrap().to_string()
    }
}

pub fn url_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
