//! Proposals and their supports as stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::ids::{ActionPlanId, CommitmentId, ForumId, SubjectId, UserId};
use crate::db::schema::proposals;
use crate::resources::co_creation::model::PhaseId;
use crate::types::Locale;

crate::typed_id! { ProposalId }

crate::text_enum! {
    /// Where a proposal stands in the coordinating institution's response.
    ProposalState {
        /// Received, not yet looked at (every proposal starts here).
        Received => "received",
        /// Being examined.
        UnderReview => "under_review",
        /// Taken up: it became, or fed, a commitment.
        Retained => "retained",
        /// A duplicate, merged into another proposal.
        Merged => "merged",
        /// Taken up in part.
        PartlyRetained => "partly_retained",
        /// Not taken up.
        NotRetained => "not_retained",
    }
}

impl ProposalState {
    /// Past review, a state must say why.
    pub fn needs_reason(self) -> bool {
        !matches!(self, ProposalState::Received | ProposalState::UnderReview)
    }
}

crate::text_enum! {
    /// How a proposal came in.
    ProposalOrigin {
        /// Submitted on the platform by a member.
        Online => "online",
        /// Collected at a forum and entered by its organisers.
        Forum => "forum",
    }
}

#[derive(Debug, Clone, Queryable, Selectable, Serialize)]
#[diesel(table_name = proposals, check_for_backend(diesel::pg::Pg))]
pub struct ProposalRow {
    pub id: ProposalId,
    pub action_plan_id: ActionPlanId,
    pub phase_id: Option<PhaseId>,
    pub title: String,
    pub problem: String,
    #[serde(skip)]
    pub problem_html: String,
    pub solution: String,
    #[serde(skip)]
    pub solution_html: String,
    pub theme: Option<String>,
    pub commitment_id: Option<CommitmentId>,
    pub possible_lead: Option<String>,
    pub lang: Locale,
    pub origin: ProposalOrigin,
    pub forum_id: Option<ForumId>,
    pub author_id: Option<UserId>,
    pub spoken_by: Option<String>,
    pub entered_by: Option<UserId>,
    pub merged_into_id: Option<ProposalId>,
    pub support_count: i32,
    pub state: ProposalState,
    pub reason: Option<String>,
    #[serde(skip)]
    pub reason_html: Option<String>,
    pub responded_at: Option<DateTime<Utc>>,
    pub responded_by: Option<UserId>,
    pub draft_state: Option<ProposalState>,
    pub draft_reason: Option<String>,
    pub drafted_by: Option<UserId>,
    pub drafted_at: Option<DateTime<Utc>>,
    pub subject_id: SubjectId,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = proposals)]
pub struct NewProposalRow {
    pub action_plan_id: ActionPlanId,
    pub phase_id: Option<PhaseId>,
    pub title: String,
    pub problem: String,
    pub problem_html: String,
    pub solution: String,
    pub solution_html: String,
    pub theme: Option<String>,
    pub commitment_id: Option<CommitmentId>,
    pub possible_lead: Option<String>,
    pub lang: Locale,
    pub origin: ProposalOrigin,
    pub forum_id: Option<ForumId>,
    pub author_id: Option<UserId>,
    pub spoken_by: Option<String>,
    pub entered_by: UserId,
}
