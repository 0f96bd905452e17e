// Full-text search.
import { api, unwrap } from "../client";
import type { QueryOf } from "./common";

export type SearchQuery = QueryOf<"search">;

export const searchKeys = {
  list: (q: string, type: string) => ["search", { q, type }] as const,
};

export const search = (query: SearchQuery) => unwrap(api.GET("/api/v1/search", { params: { query } }));
