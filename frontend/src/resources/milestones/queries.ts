// Milestones: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";

export type NewMilestone = Schemas["NewMilestoneRequest"];
export type MilestoneChanges = Schemas["MilestoneChanges"];

export const milestoneKeys = {
  all: ["milestones"] as const,
  one: (id: number) => ["milestones", "one", id] as const,
};

export const getMilestone = (id: number) => unwrap(api.GET("/api/v1/milestones/{id}", { params: { path: { id } } }));
export const createMilestone = (commitment: string, body: NewMilestone) =>
  unwrap(api.POST("/api/v1/commitments/{id}/milestones", { params: { path: { id: commitment } }, body }));
export const updateMilestone = (id: number, body: MilestoneChanges) =>
  unwrap(api.PATCH("/api/v1/milestones/{id}", { params: { path: { id } }, body }));
/** The archived milestone when it had a discussion (kept), `undefined` when it was deleted. */
export const deleteMilestone = (id: number) =>
  unwrap(api.DELETE("/api/v1/milestones/{id}", { params: { path: { id } } }));
