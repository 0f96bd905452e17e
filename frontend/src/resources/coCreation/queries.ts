// Co-creating the next action plan: its timeline (phases, publication) and the proposals (supports,
// reasoned responses, merges, the commitments they became): query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import type { QueryOf } from "../../api/lists";

export type Timeline = Schemas["Timeline"];
export type Phase = Schemas["Phase"];
export type PhaseKind = Schemas["PhaseKind"];
export type NewPhase = Schemas["NewPhase"];
export type PhaseChanges = Schemas["PhaseChanges"];
export type Proposal = Schemas["Proposal"];
export type ProposalState = Schemas["ProposalState"];
export type ProposalOrigin = Schemas["ProposalOrigin"];
export type ProposalSummary = Schemas["ProposalSummary"];
export type NewProposal = Schemas["NewProposal"];
export type NewForumProposal = Schemas["NewForumProposal"];
export type DraftResponse = Schemas["DraftResponse"];
export type TracedCommitment = Schemas["TracedCommitment"];
export type ProposalQuery = QueryOf<"list_proposals">;

export const PHASE_KINDS: PhaseKind[] = [
  "call_for_proposals",
  "thematic_forums",
  "drafting",
  "public_comment",
  "adoption",
  "other",
];
export const PROPOSAL_STATES: ProposalState[] = [
  "received",
  "under_review",
  "retained",
  "partly_retained",
  "not_retained",
  "merged",
];
export const PROPOSAL_ORIGINS: ProposalOrigin[] = ["online", "forum"];
/** The states a response is drafted in (`merged` has its own form). */
export const DRAFT_STATES = PROPOSAL_STATES.filter((s) => s !== "merged");
/** The states whose response must say why. */
export const NEEDS_REASON: ProposalState[] = ["retained", "partly_retained", "not_retained"];

/** One key tree: a write refreshes the timeline, the counts, the lists and the proposals alike. */
export const coCreationKeys = {
  all: ["co-creation"] as const,
  timeline: (plan: string) => ["co-creation", "timeline", plan] as const,
  summary: (plan: string) => ["co-creation", "summary", plan] as const,
  list: (plan: string, filters: object) => ["co-creation", "list", plan, filters] as const,
  proposal: (id: number) => ["co-creation", "proposal", id] as const,
};

const plan = (key: string) => ({ path: { id: key } });
const byId = (id: number) => ({ path: { id } });

/** The published timeline as an iCalendar file (one event per phase), for calendar apps. */
export const timelineCalendarUrl = (key: string) => `/api/v1/action-plans/${encodeURIComponent(key)}/timeline.ics`;

export const getTimeline = (key: string) =>
  unwrap(api.GET("/api/v1/action-plans/{id}/timeline", { params: plan(key) }));
export const createPhase = (key: string, body: NewPhase) =>
  unwrap(api.POST("/api/v1/action-plans/{id}/phases", { params: plan(key), body }));
export const updatePhase = (id: number, body: PhaseChanges) =>
  unwrap(api.PATCH("/api/v1/co-creation-phases/{id}", { params: byId(id), body }));
export const deletePhase = (id: number) => unwrap(api.DELETE("/api/v1/co-creation-phases/{id}", { params: byId(id) }));
export const publishTimeline = (key: string, lateReason: string) =>
  unwrap(
    api.POST("/api/v1/action-plans/{id}/timeline/publication", {
      params: plan(key),
      body: { late_reason: lateReason.trim() || null },
    }),
  );

export const listProposals = (key: string, query: ProposalQuery) =>
  unwrap(api.GET("/api/v1/action-plans/{id}/proposals", { params: { ...plan(key), query } }));
export const getSummary = (key: string) =>
  unwrap(api.GET("/api/v1/action-plans/{id}/proposals/summary", { params: plan(key) }));
export const createProposal = (key: string, body: NewProposal) =>
  unwrap(api.POST("/api/v1/action-plans/{id}/proposals", { params: plan(key), body }));
export const createForumProposal = (forum: string, body: NewForumProposal) =>
  unwrap(api.POST("/api/v1/forums/{id}/proposals", { params: { path: { id: forum } }, body }));
export const getProposal = (id: number) => unwrap(api.GET("/api/v1/proposals/{id}", { params: byId(id) }));
export const support = (id: number) => unwrap(api.POST("/api/v1/proposals/{id}/supports", { params: byId(id) }));
export const withdrawSupport = (id: number) =>
  unwrap(api.DELETE("/api/v1/proposals/{id}/supports/me", { params: byId(id) }));
export const draftResponse = (id: number, body: DraftResponse) =>
  unwrap(api.PUT("/api/v1/proposals/{id}/draft-response", { params: byId(id), body }));
export const discardDraft = (id: number) =>
  unwrap(api.DELETE("/api/v1/proposals/{id}/draft-response", { params: byId(id) }));
export const publishResponses = (key: string) =>
  unwrap(api.POST("/api/v1/action-plans/{id}/responses/publication", { params: plan(key) }));
export const mergeProposal = (id: number, into: number, reason: string) =>
  unwrap(api.POST("/api/v1/proposals/{id}/merge", { params: byId(id), body: { into, reason } }));
/** Say a retained proposal became (or fed) a commitment, named by its id or OGP code; or undo it. */
const linkParams = (id: number, commitment: string) => ({ path: { id, commitment } });
export const linkCommitment = (id: number, commitment: string) =>
  unwrap(api.PUT("/api/v1/proposals/{id}/commitments/{commitment}", { params: linkParams(id, commitment) }));
export const unlinkCommitment = (id: number, commitment: string) =>
  unwrap(api.DELETE("/api/v1/proposals/{id}/commitments/{commitment}", { params: linkParams(id, commitment) }));
