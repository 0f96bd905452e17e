// Subjects: what people talk about (a forum, a commitment, a milestone, an action plan, a proposal). The one
// place in the web app that knows each kind: its page, its name in both languages (catalogue
// keys), and, for those with a discussion, the API routes of its comments. Adding a kind of
// subject is an entry here (and its two labels in the catalogues).
import { api, unwrap, type CommentPage, type Comment } from "./api/client";
import type { components } from "./api/schema";
import type { MessageKey } from "./i18n";
import { paths } from "./app/resources";

export type SubjectKind = components["schemas"]["SubjectKind"];

type CommentQuery = { limit: number; replies: number; cursor?: string; sort?: "newest" | "useful" };

type Discussion = {
  list: (key: string, query: CommentQuery) => Promise<CommentPage>;
  post: (key: string, body: string, parentId?: number) => Promise<Comment>;
};

type SubjectInfo = {
  /** Its page in the web app, from the key the API gives (slug, OGP code, id). */
  path: (key: string) => string;
  /** What it is called ("Forum", "Engagement"…). */
  label: MessageKey;
  /** "Comment on a forum"… (search results). */
  commentOn: MessageKey;
  /** Its comment routes, when people discuss it. */
  discussion?: Discussion;
};

const body = (text: string, parentId?: number) => ({ body: text, parent_id: parentId ?? null });

export const SUBJECTS: Record<SubjectKind, SubjectInfo> = {
  forum: {
    path: (key) => paths.forum(key),
    label: "target.forum",
    commentOn: "search.commentOn.forum",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/forums/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(api.POST("/api/v1/forums/{id}/comments", { params: { path: { id } }, body: body(text, parentId) })),
    },
  },
  commitment: {
    path: (key) => paths.commitment(key),
    label: "target.commitment",
    commentOn: "search.commentOn.commitment",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/commitments/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(api.POST("/api/v1/commitments/{id}/comments", { params: { path: { id } }, body: body(text, parentId) })),
    },
  },
  milestone: {
    path: (key) => paths.milestone(key),
    label: "target.milestone",
    commentOn: "search.commentOn.milestone",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/milestones/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(api.POST("/api/v1/milestones/{id}/comments", { params: { path: { id } }, body: body(text, parentId) })),
    },
  },
  action_item: {
    path: (key) => paths.actionItem(key),
    label: "target.action_item",
    commentOn: "search.commentOn.action_item",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/action-items/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(
          api.POST("/api/v1/action-items/{id}/comments", { params: { path: { id } }, body: body(text, parentId) }),
        ),
    },
  },
  question: {
    path: (key) => paths.question(key),
    label: "target.question",
    commentOn: "search.commentOn.question",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/questions/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(api.POST("/api/v1/questions/{id}/comments", { params: { path: { id } }, body: body(text, parentId) })),
    },
  },
  proposal: {
    path: (key) => paths.proposal(key),
    label: "target.proposal",
    commentOn: "search.commentOn.proposal",
    discussion: {
      list: (id, query) => unwrap(api.GET("/api/v1/proposals/{id}/comments", { params: { path: { id }, query } })),
      post: (id, text, parentId) =>
        unwrap(api.POST("/api/v1/proposals/{id}/comments", { params: { path: { id } }, body: body(text, parentId) })),
    },
  },
  action_plan: {
    path: (key) => paths.commitments({ action_plan: key }),
    label: "target.action_plan",
    commentOn: "search.commentOn.action_plan",
  },
};

export function subjectPath(kind: SubjectKind, key: string | number): string {
  return SUBJECTS[kind].path(String(key));
}
