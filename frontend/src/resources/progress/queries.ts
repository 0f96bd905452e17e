// The progress log and commitments' completion: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { wholeList } from "../../api/lists";

export type ProgressUpdate = Schemas["ProgressUpdate"];
export type NewProgressUpdate = Schemas["NewProgressUpdate"];
export type CommitmentProgress = Schemas["CommitmentProgress"];
export type Completion = Schemas["Completion"];

export const COMPLETIONS: Completion[] = ["no_evidence", "not_started", "limited", "substantial", "complete"];

export const progressKeys = {
  all: ["progress"] as const,
  commitment: (code: string) => ["progress", "commitment", code] as const,
  milestone: (id: number) => ["progress", "milestone", id] as const,
};

export const getCommitmentProgress = (code: string) =>
  unwrap(api.GET("/api/v1/commitments/{id}/progress", { params: { path: { id: code } } }));
/** A milestone's whole progress log (all pages). */
export const listMilestoneProgress = (id: number) =>
  wholeList((cursor) =>
    unwrap(api.GET("/api/v1/milestones/{id}/progress", { params: { path: { id }, query: { limit: 100, cursor } } })),
  );
export const reportProgress = (id: number, body: NewProgressUpdate) =>
  unwrap(api.POST("/api/v1/milestones/{id}/progress", { params: { path: { id } }, body }));
