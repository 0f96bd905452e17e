// The one API client: typed from the contract (schema.d.ts), tells a session refused, and turns
// problem+json answers into ApiError. Pages call `api` through TanStack Query; no URL is built
// by hand anywhere else.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";
import { ApiError, toApiError } from "./errors";

export type Schemas = components["schemas"];
export type Account = Schemas["Account"];
export type Role = Schemas["Role"];
export type Forum = Schemas["Forum"];
export type Commitment = Schemas["Commitment"];
export type Milestone = Schemas["Milestone"];
export type Comment = Schemas["Comment"];
export type CommentPage = Schemas["CommentPage"];
export type ForumStatus = Schemas["ForumStatus"];
export type CommitmentStatus = Schemas["CommitmentStatus"];
export type MilestoneStatus = Schemas["MilestoneStatus"];
export type SubjectKind = Schemas["SubjectKind"];
export type Described = Schemas["Described"];
export type Locale = Schemas["Locale"];
export type Session = Schemas["Session"];
export type ActionPlan = Schemas["ActionPlan"];
export type IrmReview = Schemas["IrmReview"];
export type IrmChanges = Schemas["IrmChanges"];
export type RecentComment = Schemas["RecentComment"];
export type SearchHit = Schemas["SearchHit"];
export type SearchKind = Schemas["SearchKind"];

/** The replies embedded in a listed comment (list responses only). */
export type EmbeddedReplies = Schemas["ReplyPage"];
export function embeddedReplies(c: Comment): EmbeddedReplies | null {
  return c.replies ?? null;
}

// The session rides in an HttpOnly cookie the browser sends to `/api` (no script reads it): the
// client only needs to know whether one is on, to tell a refused session (401) from a refused
// sign-in.
let signedIn = false;
let onUnauthorized: (() => void) | null = null;

export function setSignedIn(value: boolean) {
  signedIn = value;
}
/** Called when the API answers 401 while signed in (the session expired, ended or was refused). */
export function setUnauthorizedHandler(handler: (() => void) | null) {
  onUnauthorized = handler;
}
/** A request made without this client (an upload, for its progress) was answered `status`. */
export function refusedSession(status: number) {
  if (status === 401 && signedIn) onUnauthorized?.();
}

const auth: Middleware = {
  onResponse({ request, response }) {
    if (response.status === 401 && signedIn && !new URL(request.url).pathname.endsWith("/auth/login")) {
      onUnauthorized?.();
    }
    return response;
  },
};

export const api = createClient<paths>({
  baseUrl: typeof window !== "undefined" ? window.location.origin : "http://localhost",
  // Anonymous answers say `max-age=10, stale-while-revalidate=30` for other apps and shared
  // caches; the web app asks every time instead (a 304 when nothing changed), so that what a
  // person sees after signing out, or after a moderator acted, is never a cached older copy.
  cache: "no-cache",
});
api.use(auth);

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Resolves to the body of a successful answer, or throws an ApiError carrying the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError({ status: 0, detail: "", code: "network_error", cause });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw toApiError(result.error, result.response);
  }
  return result.data as T;
}
