//! Open d'État: the API behind France's "Open d'État" forums (OGP commitment FR0041).
//!
//! - `app`: the actix-web application: the route table, the contract, the edge middleware.
//! - `http`: what every resource shares: problems, extractors, pages, lookups, validation.
//! - `db`: the pool, migrations, the schema and typed ids.
//! - `auth`: principals, permissions, tokens, password hashing, throttles.
//! - `resources`: one folder per resource (handlers, request/response types, model, queries).

pub mod app;
pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod events;
pub mod http;
pub mod jobs;
pub mod live;
pub mod logging;
pub mod mail;
pub mod markdown;
pub mod registry;
pub mod resources;
pub mod seed;
pub mod seed_large;
pub mod slugs;
pub mod storage;
pub mod subjects;
pub mod types;
pub mod workdays;

/// What every handler shares.
pub struct AppState {
    /// The primary: every write, and reads that must see the latest writes (auth).
    pub pool: db::PgPool,
    /// Read-only requests: a replica when `DATABASE_READ_URL` is set, else the primary.
    pub read_pool: db::PgPool,
    pub tokens: auth::token::TokenKeys,
    /// Every password hash of a request goes through it: bounded in number and memory.
    pub hasher: auth::password::Hasher,
    /// Per-address limits on sign-in, sign-up and mails asked for.
    pub ip_limits: auth::ip_limit::IpLimits,
    /// Every API request's budget, counted in memory and shared through the database.
    pub api_limits: std::sync::Arc<auth::api_limit::ApiLimiter>,
    /// The site's address as people reach it, for links in mails.
    pub public_url: String,
    /// Unverified accounts read but do not post.
    pub require_verified_email: bool,
    /// The web app's session cookie is marked `Secure` (outside dev, unless `PUBLIC_URL` is an
    /// http:// address).
    pub session_cookie_secure: bool,
    /// Roles whose rights beyond a member's are held only with a second factor.
    pub two_factor_roles: Vec<types::Role>,
    /// Working days an institution has to answer a question.
    pub question_deadline_days: u32,
    /// Reports from this many distinct members hide a comment at once (0: never).
    pub auto_hide_reports: u32,
    /// Only confirmed accounts at least this many days old count toward automatic hiding.
    pub auto_hide_min_account_days: u32,
    /// A transaction open longer than this is reported (`events::long_transaction`).
    pub change_feed_hold_warning: std::time::Duration,
    /// The instance's live streams (Server-Sent Events) and the listener that feeds them.
    pub live: live::Hub,
    /// ProConnect and FranceConnect, those configured (`auth::oidc`).
    pub identity_providers: std::sync::Arc<auth::oidc::Providers>,
    /// ProConnect officials are linked to their institution without an admin's confirmation.
    pub proconnect_trust_institutions: bool,
    /// Documents' files (the local filesystem or an S3-compatible store).
    pub files: storage::FileStore,
}
