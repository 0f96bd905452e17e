// Forum formats: query keys and calls, in one place.
import { api, unwrap, type Schemas } from "../../api/client";
import { wholeList } from "../../api/lists";

export type Format = Schemas["Format"];
export type FormatVersion = Schemas["FormatVersion"];
export type FormatContent = Schemas["FormatContent"];
export type FormatComparison = Schemas["FormatComparison"];
export type NewFormat = Schemas["NewFormatRequest"];
export type NewVersion = Schemas["NewVersionRequest"];

export const formatKeys = {
  all: ["formats"] as const,
  list: ["formats", "list"] as const,
  one: (key: string) => ["formats", "one", key] as const,
  version: (key: string, version: number) => ["formats", "version", key, version] as const,
  compare: (key: string, from: number, to: number) => ["formats", "compare", key, from, to] as const,
};

const path = (id: string) => ({ params: { path: { id } } });

/** Every format (all pages). */
export const listFormats = () =>
  wholeList((cursor) => unwrap(api.GET("/api/v1/formats", { params: { query: { limit: 100, cursor } } })));
export const getFormat = (key: string) => unwrap(api.GET("/api/v1/formats/{id}", path(key)));
export const getFormatVersion = (key: string, version: number) =>
  unwrap(api.GET("/api/v1/formats/{id}/versions/{version}", { params: { path: { id: key, version } } }));
export const compareVersions = (key: string, from: number, to: number) =>
  unwrap(api.GET("/api/v1/formats/{id}/compare", { params: { path: { id: key }, query: { from, to } } }));
export const createFormat = (body: NewFormat) => unwrap(api.POST("/api/v1/formats", { body }));
export const publishVersion = (key: string, body: NewVersion) =>
  unwrap(api.POST("/api/v1/formats/{id}/versions", { ...path(key), body }));

/** The calendar files the API serves (links, not fetched by the app). */
export const forumCalendarUrl = (forum: string) => `/api/v1/forums/${encodeURIComponent(forum)}/calendar.ics`;
export const forumsCalendarUrl = "/api/v1/forums.ics";
