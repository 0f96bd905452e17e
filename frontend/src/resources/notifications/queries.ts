// Follows, notifications, mail preferences and mention suggestions (the signed-in member's own).
import { api, unwrap, type Schemas } from "../../api/client";
import type { SubjectKind } from "../../subjects";

export type Notification = Schemas["Notification"];
export type NotificationReason = Schemas["NotificationReason"];
export type MailPreference = Schemas["MailPreference"];
export type FollowState = Schemas["FollowState"];
export type MentionSuggestion = Schemas["MentionSuggestion"];

export const MAIL_PREFERENCES: MailPreference[] = ["immediate", "daily", "off"];

export const notificationKeys = {
  all: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  list: (unreadOnly: boolean) => ["notifications", "list", unreadOnly] as const,
  follows: ["notifications", "follows"] as const,
  follow: (kind: SubjectKind, key: string) => ["notifications", "follow", kind, key] as const,
  settings: ["notifications", "settings"] as const,
};

export const mentionKeys = {
  all: ["mentions"] as const,
  suggestions: (q: string) => ["mentions", "suggestions", q] as const,
};

export const unreadCount = () => unwrap(api.GET("/api/v1/me/notifications/unread-count"));
export const listNotifications = (unreadOnly: boolean, cursor?: string) =>
  unwrap(
    api.GET("/api/v1/me/notifications", { params: { query: { limit: 20, cursor, unread: unreadOnly || undefined } } }),
  );
export const markRead = (id: number) =>
  unwrap(api.POST("/api/v1/me/notifications/{id}/read", { params: { path: { id } } }));
export const markAllRead = (upTo?: number) =>
  unwrap(api.POST("/api/v1/me/notifications/read-all", { params: { query: { up_to: upTo } } }));

export const followState = (type: SubjectKind, key: string) =>
  unwrap(api.GET("/api/v1/me/follows/{type}/{key}", { params: { path: { type, key } } }));
export const follow = (type: SubjectKind, key: string) =>
  unwrap(api.PUT("/api/v1/me/follows/{type}/{key}", { params: { path: { type, key } } }));
export const unfollow = (type: SubjectKind, key: string) =>
  unwrap(api.DELETE("/api/v1/me/follows/{type}/{key}", { params: { path: { type, key } } }));
export const listFollows = (cursor?: string) =>
  unwrap(api.GET("/api/v1/me/follows", { params: { query: { limit: 50, cursor } } }));

export const getNotificationSettings = () => unwrap(api.GET("/api/v1/me/notification-settings"));
export const putNotificationSettings = (mail: MailPreference) =>
  unwrap(api.PUT("/api/v1/me/notification-settings", { body: { mail } }));

export const mentionSuggestions = (q: string) =>
  unwrap(api.GET("/api/v1/mentions/suggestions", { params: { query: { q, limit: 6 } } }));
