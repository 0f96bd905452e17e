//! Builders for the records tests need, one module per resource: a valid request body with
//! defaults, changed where a test cares, created through the API as a client would
//! (`ForumBuilder::new("Mon forum").open().capacity(20).create(&app, &admin.token)`). SQL only
//! where the API cannot go or would leave traces a test counts: a date the server sets itself
//! (when feedback closes), a check-in at a forum already held, an account created last week,
//! the institution an official speaks for (an admin's audited request).
//!
//! Each builder has named setters for what tests vary, `with(field, value)` and
//! `without(field)` for anything else, `body()` for tests whose point is the request itself
//! (validation, role matrices), `send` for the raw answer and `create` for the record (201).

use serde_json::Value;

/// `with`, `without` and `body` for a builder whose request body is its field `body`.
macro_rules! request_body {
    ($builder:ty) => {
        impl $builder {
            /// Sets a field of the request body (`null` sets null).
            pub fn with(mut self, field: &str, value: impl Into<serde_json::Value>) -> Self {
                self.body[field] = value.into();
                self
            }

            /// Leaves a field out of the request body.
            pub fn without(mut self, field: &str) -> Self {
                if let Some(fields) = self.body.as_object_mut() {
                    fields.remove(field);
                }
                self
            }

            /// The request body as it would be sent.
            pub fn body(&self) -> serde_json::Value {
                self.body.clone()
            }
        }
    };
}

pub mod action_items;
pub mod action_plans;
pub mod comments;
pub mod commitments;
pub mod cycles;
pub mod documents;
pub mod feedback;
pub mod formats;
pub mod forums;
pub mod institutions;
pub mod milestones;
pub mod progress;
pub mod proposals;
pub mod questions;
pub mod registrations;
pub mod stakeholder_forum;
pub mod users;

pub use action_items::{ActionItemBuilder, MinutesBuilder};
pub use action_plans::ActionPlanBuilder;
pub use comments::{comment, reply, CommentBuilder, ReportBuilder};
pub use commitments::{commitment_id, CommitmentBuilder};
pub use cycles::CycleBuilder;
pub use documents::{pdf_bytes, DocumentBuilder};
pub use feedback::FeedbackBuilder;
pub use formats::{format_content, FormatBuilder, VersionBuilder};
pub use forums::ForumBuilder;
pub use institutions::InstitutionBuilder;
pub use milestones::{milestone_id, MilestoneBuilder};
pub use progress::ProgressBuilder;
pub use proposals::{paris_day, plan_open_for_proposals, PhaseBuilder, ProposalBuilder};
pub use questions::{AnswerBuilder, QuestionBuilder};
pub use registrations::RegistrationBuilder;
pub use stakeholder_forum::{stakeholder_meeting, MemberBuilder};
pub use users::{crowd, handle_of, UserBuilder};

/// The keys of a record as the API answers it.
pub trait RecordExt {
    /// Its numeric `id`.
    fn id(&self) -> i64;
    /// Its `slug`.
    fn slug(&self) -> String;
}

impl RecordExt for Value {
    #[track_caller]
    fn id(&self) -> i64 {
        self["id"].as_i64().unwrap_or_else(|| panic!("no id in {self}"))
    }

    #[track_caller]
    fn slug(&self) -> String {
        self["slug"].as_str().unwrap_or_else(|| panic!("no slug in {self}")).to_string()
    }
}
