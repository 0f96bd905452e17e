// Where a forum, a commitment or a milestone lives in the app, from the key the API gives for it
// (a forum's slug or id, a commitment's code or id, a milestone's id): the one place that maps a
// discussion target or a search result to a route.
import type { TargetKind } from "../api/client";

export function targetPath(kind: TargetKind, key: string | number): string {
  const k = encodeURIComponent(String(key));
  switch (kind) {
    case "forum":
      return `/forums/${k}`;
    case "commitment":
      return `/engagements/${k}`;
    case "milestone":
      return `/jalons/${k}`;
  }
}

/** The discussion of a target page (the section `Discussion` renders). */
export const DISCUSSION_ANCHOR = "discussion";

/** Plain text of a markdown comment for an excerpt (markers dropped, never HTML). */
export function plainExcerpt(body: string, max = 180): string {
  const text = body
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>#]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
