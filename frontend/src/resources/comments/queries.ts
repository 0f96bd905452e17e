// Comments: the discussion of a subject, replies, and writing, editing, deleting and moderating.
import { api, unwrap, type CommentPage } from "../../api/client";
import { SUBJECTS, type SubjectKind } from "../../subjects";

/** A discussion: the subject's kind and the key the API addresses it by. */
export type DiscussionTarget = { kind: SubjectKind; id: string };

export const THREADS_PER_PAGE = 10;
export const REPLIES_PER_THREAD = 3;
export const REPLIES_PER_PAGE = 10;

export const commentKeys = {
  all: ["comments"] as const,
  discussion: (t: DiscussionTarget, sort?: ThreadSort) =>
    (sort
      ? ["comments", "discussion", t.kind, t.id, sort]
      : ["comments", "discussion", t.kind, t.id]) as readonly unknown[],
  /** Every reply page loaded, of any thread. */
  replies: ["comments", "replies"] as const,
  repliesOf: (parentId: number, from?: string | null) => ["comments", "replies", parentId, from ?? "first"] as const,
  recent: (limit: number) => ["comments", "recent", { limit }] as const,
};

function discussionOf(t: DiscussionTarget) {
  const d = SUBJECTS[t.kind].discussion;
  if (!d) throw new Error(`${t.kind} has no discussion`);
  return d;
}

export type ThreadSort = "newest" | "useful";

export function fetchThreads(
  t: DiscussionTarget,
  cursor: string | undefined,
  sort: ThreadSort = "newest",
): Promise<CommentPage> {
  return discussionOf(t).list(t.id, { limit: THREADS_PER_PAGE, replies: REPLIES_PER_THREAD, cursor, sort });
}

export type Stance = "agree" | "disagree";

export const setReaction = (id: number, useful: boolean, stance: Stance | null) =>
  unwrap(api.PUT("/api/v1/comments/{id}/reaction", { params: { path: { id } }, body: { useful, stance } }));

export function postComment(t: DiscussionTarget, body: string, parentId?: number) {
  return discussionOf(t).post(t.id, body, parentId);
}

export function fetchReplies(parentId: number, cursor: string | undefined) {
  return unwrap(
    api.GET("/api/v1/comments/{id}/replies", {
      params: { path: { id: parentId }, query: { limit: REPLIES_PER_PAGE, replies: 0, cursor } },
    }),
  );
}

export const recentComments = (limit: number) => unwrap(api.GET("/api/v1/comments", { params: { query: { limit } } }));

export const editComment = (id: number, body: string) =>
  unwrap(api.PATCH("/api/v1/comments/{id}", { params: { path: { id } }, body: { body } }));

export const deleteComment = (id: number) => unwrap(api.DELETE("/api/v1/comments/{id}", { params: { path: { id } } }));

export const moderateComment = (id: number, hidden: boolean, reason: string | null) =>
  unwrap(api.PUT("/api/v1/comments/{id}/moderation", { params: { path: { id } }, body: { hidden, reason } }));
