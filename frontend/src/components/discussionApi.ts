// Comment calls of the discussion, one place per target kind (the API has a route per kind).
import { api, unwrap, type CommentPage, type TargetKind } from "../api/client";

export type DiscussionTarget = { kind: TargetKind; id: string };

export const THREADS_PER_PAGE = 10;
export const REPLIES_PER_THREAD = 3;
export const REPLIES_PER_PAGE = 10;

export const discussionKey = (t: DiscussionTarget) => ["comments", t.kind, t.id] as const;
export const repliesKey = (parentId: number) => ["replies", parentId] as const;

export function fetchThreads(t: DiscussionTarget, cursor: string | undefined): Promise<CommentPage> {
  const query = { limit: THREADS_PER_PAGE, replies: REPLIES_PER_THREAD, cursor };
  switch (t.kind) {
    case "forum":
      return unwrap(api.GET("/api/v1/forums/{id}/comments", { params: { path: { id: t.id }, query } }));
    case "commitment":
      return unwrap(api.GET("/api/v1/commitments/{id}/comments", { params: { path: { id: t.id }, query } }));
    case "milestone":
      return unwrap(api.GET("/api/v1/milestones/{id}/comments", { params: { path: { id: t.id }, query } }));
  }
}

export function postComment(t: DiscussionTarget, body: string, parentId?: number) {
  const req = { params: { path: { id: t.id } }, body: { body, parent_id: parentId ?? null } };
  switch (t.kind) {
    case "forum":
      return unwrap(api.POST("/api/v1/forums/{id}/comments", req));
    case "commitment":
      return unwrap(api.POST("/api/v1/commitments/{id}/comments", req));
    case "milestone":
      return unwrap(api.POST("/api/v1/milestones/{id}/comments", req));
  }
}

export function fetchReplies(parentId: number, cursor: string | undefined) {
  return unwrap(
    api.GET("/api/v1/comments/{id}/replies", {
      params: { path: { id: parentId }, query: { limit: REPLIES_PER_PAGE, replies: 0, cursor } },
    }),
  );
}

export const editComment = (id: number, body: string) =>
  unwrap(api.PATCH("/api/v1/comments/{id}", { params: { path: { id } }, body: { body } }));

export const deleteComment = (id: number) => unwrap(api.DELETE("/api/v1/comments/{id}", { params: { path: { id } } }));

export const moderateComment = (id: number, hidden: boolean, reason: string | null) =>
  unwrap(api.PUT("/api/v1/comments/{id}/moderation", { params: { path: { id } }, body: { hidden, reason } }));
