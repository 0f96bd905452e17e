// API tokens: a member's own (the account page) and apps' (the admin page).
import { api, unwrap, type Role, type Schemas } from "../../api/client";

export type ApiToken = Schemas["ApiTokenView"];
export type CreatedToken = Schemas["CreatedApiToken"];
export type Scope = Schemas["Scope"];
export type NewPersonalToken = Schemas["NewPersonalToken"];
export type NewAppToken = Schemas["NewAppToken"];

export const tokenKeys = {
  mine: ["me", "tokens"] as const,
  apps: ["admin", "app-tokens"] as const,
};

/** The scopes a token of an account with `role` may hold, as the server allows them
 *  (`Scope::allowed_for`): the server refuses any other with `scope_not_allowed`. */
export function scopesFor(role: Role): Scope[] {
  const member: Scope[] = ["read", "comment", "register", "follow"];
  switch (role) {
    case "member":
      return member;
    case "official":
      return [...member, "content", "respond"];
    case "moderator":
      return [...member, "moderate"];
    case "admin":
      return [...member, "content", "respond", "moderate", "admin"];
  }
}

export const listMyTokens = () => unwrap(api.GET("/api/v1/me/tokens"));
export const createMyToken = (body: NewPersonalToken) => unwrap(api.POST("/api/v1/me/tokens", { body }));
export const revokeMyToken = (id: number) => unwrap(api.DELETE("/api/v1/me/tokens/{id}", { params: { path: { id } } }));
export const listAppTokens = (cursor?: string) =>
  unwrap(api.GET("/api/v1/admin/app-tokens", { params: { query: { limit: 50, cursor } } }));
export const createAppToken = (body: NewAppToken) => unwrap(api.POST("/api/v1/admin/app-tokens", { body }));
export const revokeAppToken = (id: number) =>
  unwrap(api.DELETE("/api/v1/admin/app-tokens/{id}", { params: { path: { id } } }));
