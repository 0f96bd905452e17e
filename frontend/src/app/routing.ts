// What a resource hands the app: its pages (public routes), its place in the header's menu, and
// its typed path helpers. The app assembles them (./resources.ts); no page builds an address by
// hand. Its admin pages go to the admin area (../admin/routes.ts), in the admin chunk.
import { lazy, type ComponentType, type LazyExoticComponent } from "react";
import type { MessageKey } from "../i18n";

/** A page: most are loaded on first visit (`page(...)`); the home page is in the main chunk. */
export type Page = ComponentType | LazyExoticComponent<ComponentType>;

export type ResourceRoutes = {
  /** Public routes, absolute ("/forums/:slug"). */
  pages?: { path: string; page: Page }[];
  /** An entry in the header's menu: active on the addresses that start with `activeFor`. */
  nav?: { label: MessageKey; to: string; activeFor: string[] };
};

/** A page loaded on first visit (the default export of its module). */
export const page = (load: () => Promise<{ default: ComponentType }>): Page => lazy(load);

/** `/forums/` + the key, encoded. */
export const at = (prefix: string, key: string | number) => `${prefix}/${encodeURIComponent(String(key))}`;

/** A path with query parameters (empty ones left out) and an optional anchor. */
export function withQuery(path: string, query?: Record<string, string | number | undefined | null>, hash?: string) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {}))
    if (v !== undefined && v !== null && v !== "") params.set(k, String(v));
  const search = params.toString();
  return `${path}${search ? `?${search}` : ""}${hash ? `#${hash}` : ""}`;
}
