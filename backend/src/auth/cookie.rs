//! The web app's session cookie: what it holds and how it is set and removed. The middleware
//! that reads it is `app::session_cookie`.

use actix_web::cookie::{Cookie, SameSite};
use actix_web::{HttpMessage, HttpRequest};

/// The cookie's name.
pub const NAME: &str = "od_session";
/// What it is sent with: the API only, never the web app's files.
const PATH: &str = "/api";

/// Marks a request whose credential came from the cookie (`/auth/session/extend` answers such a
/// request with a new cookie rather than a token).
#[derive(Debug, Clone, Copy)]
pub struct FromCookie;

/// Whether `req`'s credential came from the session cookie.
pub fn from_cookie(req: &HttpRequest) -> bool {
    req.extensions().get::<FromCookie>().is_some()
}

/// The cookie that holds `token` until `expires_at` (`secure` outside dev, where the site is
/// served over HTTPS).
pub fn holding(token: &str, expires_at: chrono::DateTime<chrono::Utc>, secure: bool) -> Cookie<'static> {
    let max_age = (expires_at - chrono::Utc::now()).num_seconds().max(0);
    Cookie::build(NAME, token.to_string())
        .path(PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(actix_web::cookie::time::Duration::seconds(max_age))
        .finish()
}

/// The cookie that deletes it.
pub fn removal(secure: bool) -> Cookie<'static> {
    let mut cookie = holding("", chrono::Utc::now(), secure);
    cookie.make_removal();
    cookie
}

/// Whether cookies are marked `Secure`: outside dev, where the site is served over HTTPS (unless
/// `PUBLIC_URL` says http://).
pub fn secure(req: &HttpRequest) -> bool {
    req.app_data::<actix_web::web::Data<crate::AppState>>().is_none_or(|s| s.session_cookie_secure)
}
