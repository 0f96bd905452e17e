// National action plans: query keys and calls, in one place.
import { api, unwrap, type ActionPlan, type Schemas } from "../../api/client";
import { everyPage } from "../../api/lists";

export type NewActionPlan = Schemas["NewActionPlan"];
export type ActionPlanChanges = Schemas["ActionPlanChanges"];

export const actionPlanKeys = {
  all: ["action-plans"] as const,
  list: ["action-plans", "list"] as const,
  one: (key: string) => ["action-plans", "one", key] as const,
};

/** Every plan (all pages). */
export const allActionPlans = (): Promise<ActionPlan[]> =>
  everyPage((cursor) => unwrap(api.GET("/api/v1/action-plans", { params: { query: { limit: 100, cursor } } })));
export const getActionPlan = (key: string) =>
  unwrap(api.GET("/api/v1/action-plans/{id}", { params: { path: { id: key } } }));
export const createActionPlan = (body: NewActionPlan) => unwrap(api.POST("/api/v1/action-plans", { body }));
export const updateActionPlan = (key: string, body: ActionPlanChanges) =>
  unwrap(api.PATCH("/api/v1/action-plans/{id}", { params: { path: { id: key } }, body }));
export const deleteActionPlan = (key: string) =>
  unwrap(api.DELETE("/api/v1/action-plans/{id}", { params: { path: { id: key } } }));
