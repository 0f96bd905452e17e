// Minutes and action items: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { ApiError } from "../../api/errors";
import type { QueryOf } from "../../api/lists";

export type ActionItem = Schemas["ActionItem"];
export type ActionStatus = Schemas["ActionStatus"];
export type Minutes = Schemas["Minutes"];
export type MinutesRequest = Schemas["MinutesRequest"];
export type NewActionItem = Schemas["NewActionItemRequest"];
export type ActionItemChanges = Schemas["ActionItemChanges"];
export type StatusChange = Schemas["StatusChangeRequest"];
export type ActionItemQuery = QueryOf<"list_action_items">;

export const ACTION_STATUSES: ActionStatus[] = ["open", "in_progress", "done", "dropped"];

export const actionKeys = {
  all: ["actions"] as const,
  list: (filters: object) => ["actions", "list", filters] as const,
  one: (id: number) => ["actions", "one", id] as const,
  minutes: (forum: string) => ["actions", "minutes", forum] as const,
};

const forum = (id: string) => ({ params: { path: { id } } });
const item = (id: number) => ({ params: { path: { id } } });

/** A forum's minutes, or `null` while none are published (the API's `null`, or its 404 for a forum
 *  whose page is shown: the forum itself was found). */
export async function getMinutes(key: string): Promise<Minutes | null> {
  try {
    return (await unwrap(api.GET("/api/v1/forums/{id}/minutes", forum(key)))) ?? null;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}
export const putMinutes = (key: string, body: MinutesRequest) =>
  unwrap(api.PUT("/api/v1/forums/{id}/minutes", { ...forum(key), body }));
export const listActionItems = (query: ActionItemQuery) =>
  unwrap(api.GET("/api/v1/action-items", { params: { query } }));
export const getActionItem = (id: number) => unwrap(api.GET("/api/v1/action-items/{id}", item(id)));
export const createActionItem = (key: string, body: NewActionItem) =>
  unwrap(api.POST("/api/v1/forums/{id}/action-items", { ...forum(key), body }));
export const updateActionItem = (id: number, body: ActionItemChanges) =>
  unwrap(api.PATCH("/api/v1/action-items/{id}", { ...item(id), body }));
export const changeActionStatus = (id: number, body: StatusChange) =>
  unwrap(api.POST("/api/v1/action-items/{id}/status", { ...item(id), body }));
