//! Proposals in the contract.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

use super::model::{ProposalOrigin, ProposalState};
use crate::http::validation::not_blank;
use crate::resources::shared::refs::CommitmentRef;
use crate::types::Locale;

pub use crate::resources::shared::refs::ProposalRef;

/// A commitment a proposal became, where it stands now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TracedCommitment {
    pub commitment: CommitmentRef,
    /// OGP's completion of the commitment, computed from its milestones today.
    pub completion: crate::resources::progress::dto::CompletionSummary,
    /// The latest update of the progress log of its milestones.
    pub latest_update: Option<crate::resources::progress::dto::ProgressUpdate>,
}

/// The member who proposed (public name only).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalAuthor {
    pub id: i64,
    pub display_name: String,
}

/// A forum in short.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalForum {
    pub id: i64,
    pub slug: String,
    pub title: String,
}

/// The coordinating institution's response, as published (or as drafted).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalResponse {
    pub state: ProposalState,
    /// Why (markdown as written); required past `under_review`.
    pub reason: Option<String>,
    /// `reason` rendered and sanitised.
    pub reason_html: Option<String>,
    /// When it was published (or drafted).
    pub at: Option<DateTime<Utc>>,
}

/// A proposal for the next action plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Proposal {
    pub id: i64,
    pub action_plan_id: i64,
    pub action_plan_slug: String,
    #[schema(example = "Publier les avis des commissions consultatives")]
    pub title: String,
    /// The problem it answers (markdown as written).
    pub problem: String,
    pub problem_html: String,
    /// What to do (markdown as written).
    pub solution: String,
    pub solution_html: String,
    pub theme: Option<String>,
    /// The commitment area it is about.
    pub commitment: Option<CommitmentRef>,
    /// Who could lead it, as the proposer sees it.
    pub possible_lead: Option<String>,
    pub lang: Locale,
    pub origin: ProposalOrigin,
    /// The forum it was collected at (`origin: forum`).
    pub forum: Option<ProposalForum>,
    /// The member who proposed it online (public display name).
    pub author: Option<ProposalAuthor>,
    /// Who said it at the forum, as written down.
    pub spoken_by: Option<String>,
    /// How many members support it (each once; supports of proposals merged into it included).
    pub support_count: i64,
    /// Whether the signed-in member supports it (`null` when signed out).
    pub supported: Option<bool>,
    /// The published response (`received` until one is published).
    pub response: ProposalResponse,
    /// The response drafted and not yet published: only for those who answer (else `null`).
    pub draft_response: Option<ProposalResponse>,
    /// The proposal it was merged into.
    pub merged_into: Option<ProposalRef>,
    /// The proposals merged into it.
    pub merged_from: Vec<ProposalRef>,
    /// The commitments it became or fed (retained, or partly).
    pub became: Vec<CommitmentRef>,
    /// Where each of those commitments stands today: on `GET /proposals/{id}` only (`null` in
    /// lists).
    pub became_progress: Option<Vec<TracedCommitment>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

crate::page_type!(ProposalPage, Proposal, "A page of proposals.");

/// A proposal submitted online during a phase that accepts them.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewProposal {
    #[validate(length(min = 3, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 3, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// The problem it answers (markdown).
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub problem: String,
    /// What to do (markdown).
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub solution: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: Option<String>,
    /// The commitment area it is about: a commitment's id or OGP code (409 `unknown_reference`
    /// if none).
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub commitment: Option<String>,
    /// Who could lead it.
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub possible_lead: Option<String>,
    /// The language it is written in (`fr` by default).
    pub lang: Option<Locale>,
}

/// A proposal collected at a forum, entered by its organisers: a proposal's fields, the plan
/// it is for, and who said it. (Written out rather than flattened from `NewProposal`: two
/// closed objects joined with `allOf` would accept no body at all.)
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewForumProposal {
    /// The plan in preparation it is for: id or slug (409 `unknown_reference` if none).
    #[validate(length(min = 1, max = 80))]
    #[schema(min_length = 1, max_length = 80)]
    pub action_plan: String,
    /// Who said it, as they wish to be named (a person or an organisation).
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub spoken_by: Option<String>,
    #[validate(length(min = 3, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 3, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// The problem it answers (markdown).
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub problem: String,
    /// What to do (markdown).
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub solution: String,
    #[validate(length(min = 1, max = 100), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: Option<String>,
    /// The commitment area it is about: a commitment's id or OGP code.
    #[validate(length(min = 1, max = 40))]
    #[schema(min_length = 1, max_length = 40)]
    pub commitment: Option<String>,
    /// Who could lead it.
    #[validate(length(min = 1, max = 200), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub possible_lead: Option<String>,
    /// The language it is written in (`fr` by default).
    pub lang: Option<Locale>,
}

impl NewForumProposal {
    /// The proposal itself, and who said it.
    pub fn into_parts(self) -> (NewProposal, Option<String>) {
        let proposal = NewProposal {
            title: self.title,
            problem: self.problem,
            solution: self.solution,
            theme: self.theme,
            commitment: self.commitment,
            possible_lead: self.possible_lead,
            lang: self.lang,
        };
        (proposal, self.spoken_by)
    }
}

/// A response, drafted: published with the plan's other drafts in one step.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftResponse {
    /// Any state but `merged` (merging has its own route).
    pub state: ProposalState,
    /// Why: required for `retained`, `partly_retained` and `not_retained` (markdown).
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub reason: Option<String>,
}

/// Merging a duplicate into another proposal of the same plan.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeRequest {
    /// The proposal it duplicates (409 `unknown_reference` if it is not of the same plan, or
    /// is merged itself).
    pub into: i64,
    /// Why they are the same (markdown), published at once.
    #[validate(length(min = 1, max = 10000), custom(function = "not_blank"))]
    #[schema(min_length = 1, max_length = 10000, pattern = r"\S")]
    pub reason: String,
}

/// What a publication did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Publication {
    /// How many responses were published.
    pub published: i64,
}

/// A member's support of a proposal.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Support {
    pub proposal_id: i64,
    pub support_count: i64,
    pub supported: bool,
}

/// How many proposals, by state and by origin.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ProposalCounts {
    pub total: i64,
    pub received: i64,
    pub under_review: i64,
    pub retained: i64,
    pub merged: i64,
    pub partly_retained: i64,
    pub not_retained: i64,
    pub online: i64,
    pub forum: i64,
}

/// The public summary of a plan's co-creation: counts by published state and by origin.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalSummary {
    pub action_plan_id: i64,
    pub counts: ProposalCounts,
    /// Drafted responses waiting to be published: only for those who answer (else `null`).
    pub drafts_waiting: Option<i64>,
    /// Whether the signed-in account may answer this plan's proposals.
    pub can_respond: bool,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalFilters {
    /// Only proposals with this published state.
    pub state: Option<ProposalState>,
    /// Only proposals that came in this way.
    pub origin: Option<ProposalOrigin>,
}
