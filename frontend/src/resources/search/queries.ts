// Full-text search.
import { api, unwrap } from "../../api/client";
import type { QueryOf } from "../../api/lists";

export type SearchQuery = QueryOf<"search">;

export const searchKeys = {
  all: ["search"] as const,
  list: (q: string, type: string) => ["search", "list", { q, type }] as const,
};

export const search = (query: SearchQuery) => unwrap(api.GET("/api/v1/search", { params: { query } }));
