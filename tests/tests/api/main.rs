//! Black-box HTTP tests of the API, one module per area. A single test binary (rather than
//! one per file) keeps link time down; each test still gets its own server and database.

mod action_plans;
mod activity;
mod auth;
mod comments;
mod commitments;
mod forums;
mod hardening;
mod milestones;
mod platform;
mod replica;
mod search;
mod security;
mod smoke;
mod users;
