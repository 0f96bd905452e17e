// Reports, the moderators' queue, suspensions and the public moderation log.
import { api, unwrap, type Schemas } from "../../api/client";

export type ReportReason = Schemas["ReportReason"];
export type ReportedComment = Schemas["ReportedComment"];
export type ModerationLogEntry = Schemas["ModerationLogEntry"];

export const REPORT_REASONS: ReportReason[] = ["spam", "abuse", "off_topic", "personal_data", "other"];

export const moderationKeys = {
  all: ["moderation"] as const,
  queue: ["moderation", "queue"] as const,
  log: ["moderation", "log"] as const,
};

export const reportComment = (id: number, reason: ReportReason, details: string) =>
  unwrap(
    api.POST("/api/v1/comments/{id}/reports", {
      params: { path: { id } },
      body: { reason, details: details.trim() || null },
    }),
  );
export const listReports = (cursor?: string) =>
  unwrap(api.GET("/api/v1/moderation/reports", { params: { query: { limit: 20, cursor } } }));
export const hideReported = (id: number, reason: string) =>
  unwrap(api.POST("/api/v1/moderation/reports/{id}/hide", { params: { path: { id } }, body: { reason } }));
export const dismissReports = (id: number) =>
  unwrap(api.POST("/api/v1/moderation/reports/{id}/dismiss", { params: { path: { id } } }));
export const suspendUser = (id: number, message: string, until: string | null) =>
  unwrap(api.POST("/api/v1/users/{id}/suspension", { params: { path: { id } }, body: { message, until } }));
export const moderationLog = (cursor?: string) =>
  unwrap(api.GET("/api/v1/moderation-log", { params: { query: { limit: 50, cursor } } }));
