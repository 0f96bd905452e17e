//! Black-box HTTP tests of the API, one module per area. A single test binary (rather than
//! one per file) keeps link time down; each test still gets its own server and database.

mod action_items;
mod action_plans;
mod activity;
mod audit;
mod auth;
mod calendar;
mod changes;
mod comments;
mod commitments;
mod cycles;
mod feedback;
mod first_hour;
mod formats;
mod forum_mails;
mod forums;
mod hardening;
mod institutions;
mod jobs;
mod mail;
mod milestones;
mod moderation;
mod notifications;
mod permissions;
mod platform;
mod progress;
mod public_record;
mod questions;
mod reactions;
mod registrations;
mod replica;
mod search;
mod security;
mod smoke;
mod users;
