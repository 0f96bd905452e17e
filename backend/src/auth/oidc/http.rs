//! `openidconnect`'s HTTP client: its requests made with `ureq` (no redirects followed, at most
//! `MAX_ANSWER` read).

/// `openidconnect`'s requests, made with `ureq` (one client for every outgoing call).
pub(super) struct Http<'a>(pub(super) &'a ureq::Agent);

#[derive(Debug)]
pub(super) struct HttpError(String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for HttpError {}

impl openidconnect::SyncHttpClient for Http<'_> {
    type Error = HttpError;

    fn call(&self, request: openidconnect::HttpRequest) -> Result<openidconnect::HttpResponse, HttpError> {
        use std::io::Read;
        let (parts, body) = request.into_parts();
        let mut outgoing = self.0.request(parts.method.as_str(), &parts.uri.to_string());
        for (name, value) in &parts.headers {
            let value = value.to_str().map_err(|e| HttpError(e.to_string()))?;
            outgoing = outgoing.set(name.as_str(), value);
        }
        let answer = match if body.is_empty() { outgoing.call() } else { outgoing.send_bytes(&body) } {
            Ok(answer) => answer,
            // A 4xx or 5xx is an answer to read (the token endpoint's refusals are in it).
            Err(ureq::Error::Status(_, answer)) => answer,
            Err(e) => return Err(HttpError(e.to_string())),
        };
        let mut built = openidconnect::http::Response::builder().status(answer.status());
        for name in answer.headers_names() {
            if let Some(value) = answer.header(&name) {
                built = built.header(name.as_str(), value);
            }
        }
        let mut bytes = Vec::new();
        answer.into_reader().take(super::MAX_ANSWER).read_to_end(&mut bytes).map_err(|e| HttpError(e.to_string()))?;
        built.body(bytes).map_err(|e| HttpError(e.to_string()))
    }
}
