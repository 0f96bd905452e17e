//! Black-box HTTP tests of the API, one module per area. A single test binary (rather than
//! one per file) keeps link time down; each test still gets its own server and database.

mod smoke;
mod auth;
mod users;
mod action_plans;
mod commitments;
mod milestones;
mod forums;
mod comments;
mod platform;
