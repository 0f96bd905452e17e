// Forums: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import type { QueryOf } from "../../api/lists";

export type ForumQuery = QueryOf<"list_forums">;
export type NewForum = Schemas["NewForumRequest"];
export type ForumChanges = Schemas["ForumChanges"];

export const forumKeys = {
  all: ["forums"] as const,
  /** A list, by the filters that shape it (as the page holds them). */
  list: (filters: object) => ["forums", "list", filters] as const,
  one: (key: string) => ["forums", "one", key] as const,
};

export const listForums = (query: ForumQuery) => unwrap(api.GET("/api/v1/forums", { params: { query } }));
export const getForum = (key: string) => unwrap(api.GET("/api/v1/forums/{id}", { params: { path: { id: key } } }));
export const createForum = (body: NewForum) => unwrap(api.POST("/api/v1/forums", { body }));
export const updateForum = (key: string, body: ForumChanges) =>
  unwrap(api.PATCH("/api/v1/forums/{id}", { params: { path: { id: key } }, body }));
/** The archived forum when it had a discussion (kept), `undefined` when it was deleted. */
export const deleteForum = (key: string) =>
  unwrap(api.DELETE("/api/v1/forums/{id}", { params: { path: { id: key } } }));
export const restoreForum = (key: string) =>
  unwrap(api.POST("/api/v1/forums/{id}/restore", { params: { path: { id: key } } }));
