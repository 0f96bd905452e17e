//! Open d'État: the API behind France's "Open d'État" forums (OGP commitment FR0041).
//! One module per resource; `startup` wires them into the actix-web application.

pub mod action_plans;
pub mod auth;
pub mod cli;
pub mod comments;
pub mod commitments;
pub mod config;
pub mod db;
pub mod error;
pub mod extract;
pub mod forums;
pub mod health;
pub mod markdown;
pub mod middleware;
pub mod milestones;
pub mod openapi;
pub mod pagination;
pub mod schema;
pub mod search;
pub mod seed;
pub mod seed_large;
pub mod startup;
pub mod types;
pub mod users;
pub mod validation;

/// What every handler shares.
pub struct AppState {
    /// The primary: every write, and reads that must see the latest writes (auth).
    pub pool: db::PgPool,
    /// Read-only requests: a replica when `DATABASE_READ_URL` is set, else the primary.
    pub read_pool: db::PgPool,
    pub tokens: auth::token::TokenKeys,
    /// Every password hash of a request goes through it: bounded in number and memory.
    pub hasher: auth::password::Hasher,
    /// Per-address limits on sign-in and sign-up.
    pub ip_limits: auth::ip_limit::IpLimits,
}
