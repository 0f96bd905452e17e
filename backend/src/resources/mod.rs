//! One folder per resource. Each registers its routes and its OpenAPI tag through its
//! `RESOURCE`; `app::routes` lists them all, in one table.

pub mod accounts;
pub mod action_items;
pub mod action_plans;
pub mod admin_jobs;
pub mod audit;
pub mod changes;
pub mod comments;
pub mod commitments;
pub mod cycles;
pub mod feedback;
pub mod formats;
pub mod forums;
pub mod health;
pub mod institutions;
pub mod milestones;
pub mod moderation;
pub mod notifications;
pub mod progress;
pub mod questions;
pub mod registrations;
pub mod search;
pub mod users;
