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
pub mod forums;
pub mod health;
pub mod markdown;
pub mod middleware;
pub mod milestones;
pub mod openapi;
pub mod pagination;
pub mod schema;
pub mod seed;
pub mod startup;
pub mod types;
pub mod users;
pub mod validation;

/// What every handler shares.
pub struct AppState {
    pub pool: db::PgPool,
    pub tokens: auth::token::TokenKeys,
}
