// Registrations for forums: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { toApiError } from "../../api/errors";
import { ApiError } from "../../api/errors";

export type Registration = Schemas["Registration"];
export type ForumRegistration = Schemas["ForumRegistration"];
export type RegistrationSummary = Schemas["RegistrationSummary"];

export const registrationKeys = {
  all: ["registrations"] as const,
  summary: (forum: string) => ["registrations", "summary", forum] as const,
  mine: (forum: string) => ["registrations", "mine", forum] as const,
  myList: ["registrations", "myList"] as const,
  forumList: (forum: string) => ["registrations", "forum", forum] as const,
};

const path = (forum: string) => ({ params: { path: { id: forum } } });

export const getRegistrationSummary = (forum: string) =>
  unwrap(api.GET("/api/v1/forums/{id}/registrations/summary", path(forum)));

/** One's registration for the forum, or `null` when there is none (the API's 404). */
export async function getMyRegistration(forum: string): Promise<Registration | null> {
  try {
    return await unwrap(api.GET("/api/v1/forums/{id}/registrations/me", path(forum)));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

export const register = (forum: string) => unwrap(api.POST("/api/v1/forums/{id}/registrations", path(forum)));
export const cancelRegistration = (forum: string) =>
  unwrap(api.DELETE("/api/v1/forums/{id}/registrations/me", path(forum)));

export const checkInByCode = (forum: string, code: string) =>
  unwrap(api.POST("/api/v1/forums/{id}/check-ins", { params: { path: { id: forum } }, body: { code } }));
export const checkInFromList = (forum: string, registration: number) =>
  unwrap(
    api.POST("/api/v1/forums/{id}/registrations/{registration}/check-in", {
      params: { path: { id: forum, registration } },
    }),
  );

/** The forum's registrations as a CSV file (organisers), with the name the server gives it. */
export async function exportRegistrations(forum: string): Promise<{ blob: Blob; filename: string }> {
  const { data, error, response } = await api.GET("/api/v1/forums/{id}/registrations/export", {
    params: { path: { id: forum } },
    parseAs: "blob",
  });
  if (error !== undefined || !response.ok || !data) throw toApiError(error, response);
  const named = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "");
  return { blob: data, filename: named?.[1] ?? `inscriptions-${forum}.csv` };
}

export const listMyRegistrations = (cursor?: string) =>
  unwrap(api.GET("/api/v1/me/registrations", { params: { query: { cursor, limit: 50 } } }));
export const listForumRegistrations = (forum: string, cursor?: string) =>
  unwrap(
    api.GET("/api/v1/forums/{id}/registrations", { params: { path: { id: forum }, query: { cursor, limit: 100 } } }),
  );
