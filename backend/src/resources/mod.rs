//! One folder per resource. Each declares what it is — routes, contract tag, events, problem
//! codes, subject kind, jobs… — in its `RESOURCE`; `RESOURCES` lists them all, in one table.

pub mod accounts;
pub mod action_items;
pub mod action_plans;
pub mod admin_jobs;
pub mod api_tokens;
pub mod audit;
pub mod changes;
pub mod co_creation;
pub mod comments;
pub mod commitments;
pub mod cycles;
pub mod documents;
pub mod feedback;
pub mod formats;
pub mod forums;
pub mod health;
pub mod identities;
pub mod institutions;
pub mod milestones;
pub mod moderation;
pub mod notifications;
pub mod open_data;
pub mod personal_data;
pub mod progress;
pub mod proposals;
pub mod questions;
pub mod registrations;
pub mod search;
pub mod sessions;
pub mod shared;
pub mod stakeholder_forum;
pub mod streams;
pub mod two_factor;
pub mod users;
pub mod webhooks;

/// Every resource, once, in the order of the contract's tags: its routes, its tag, the meaning
/// of its unique constraints and everything it declares to the kernel (`registry`) come with it.
pub const RESOURCES: &[&crate::registry::Resource] = &[
    &accounts::RESOURCE,
    &sessions::RESOURCE,
    &two_factor::RESOURCE,
    &identities::RESOURCE,
    &api_tokens::RESOURCE,
    &personal_data::RESOURCE,
    &action_plans::RESOURCE,
    &commitments::RESOURCE,
    &milestones::RESOURCE,
    &progress::RESOURCE,
    &institutions::RESOURCE,
    &co_creation::RESOURCE,
    &proposals::RESOURCE,
    &questions::RESOURCE,
    &stakeholder_forum::RESOURCE,
    &documents::RESOURCE,
    &cycles::RESOURCE,
    &forums::RESOURCE,
    &formats::RESOURCE,
    &registrations::RESOURCE,
    &action_items::RESOURCE,
    &feedback::RESOURCE,
    &comments::RESOURCE,
    &moderation::RESOURCE,
    &notifications::RESOURCE,
    &streams::RESOURCE,
    &search::RESOURCE,
    &changes::RESOURCE,
    &webhooks::RESOURCE,
    &open_data::RESOURCE,
    &users::RESOURCE,
    &audit::RESOURCE,
    &admin_jobs::RESOURCE,
    &health::RESOURCE,
    &shared::RESOURCE,
];
