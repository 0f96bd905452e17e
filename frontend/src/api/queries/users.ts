// Accounts as admins manage them.
import { api, unwrap, type Schemas } from "../client";
import type { QueryOf } from "./common";

export type UserQuery = QueryOf<"list_users">;
export type AdminUserChanges = Schemas["AdminUpdateUser"];

export const userKeys = {
  all: ["admin-users"] as const,
  list: (filters: object) => ["admin-users", filters] as const,
};

export const listUsers = (query: UserQuery) => unwrap(api.GET("/api/v1/admin/users", { params: { query } }));
export const updateUser = (id: number, body: AdminUserChanges) =>
  unwrap(api.PATCH("/api/v1/admin/users/{id}", { params: { path: { id } }, body }));
