// Accounts as admins manage them.
import { api, unwrap, type Schemas } from "../../api/client";
import type { QueryOf } from "../../api/lists";

export type UserQuery = QueryOf<"list_users">;
export type AdminUserChanges = Schemas["AdminUpdateUser"];

export const userKeys = {
  all: ["users"] as const,
  list: (filters: object) => ["users", "list", filters] as const,
};

export const listUsers = (query: UserQuery) => unwrap(api.GET("/api/v1/admin/users", { params: { query } }));
/** End every session of an account (`DELETE /admin/users/{id}/sessions`). */
export const endUserSessions = (id: number) =>
  unwrap(api.DELETE("/api/v1/admin/users/{id}/sessions", { params: { path: { id } } }));
/** Erase an account (`POST /admin/users/{id}/erasure`). */
export const eraseUser = (id: number) =>
  unwrap(api.POST("/api/v1/admin/users/{id}/erasure", { params: { path: { id } } }));
export const updateUser = (id: number, body: AdminUserChanges) =>
  unwrap(api.PATCH("/api/v1/admin/users/{id}", { params: { path: { id } }, body }));
/** Turn off someone's second factor, a lost device (`DELETE /admin/users/{id}/two-factor`). */
export const resetUserTwoFactor = (id: number) =>
  unwrap(api.DELETE("/api/v1/admin/users/{id}/two-factor", { params: { path: { id } } }));

export type InstitutionClaim = Schemas["InstitutionClaim"];
export const claimKeys = { all: ["users", "institution-claims"] as const };
/** Officials who signed in with ProConnect for an institution's SIREN, waiting for an admin. */
export const listInstitutionClaims = () => unwrap(api.GET("/api/v1/admin/institution-claims"));
/** Decline a claim: the account stays as it is, and the claim is not offered again. */
export const declineInstitutionClaim = (id: number) =>
  unwrap(api.DELETE("/api/v1/admin/users/{id}/institution-claim", { params: { path: { id } } }));
