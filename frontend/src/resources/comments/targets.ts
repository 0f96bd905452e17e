// Helpers of pages that link to discussions: the anchor of a discussion, and excerpts.
import { subjectPath } from "../../subjects";

/** Where a subject lives in the app (kept for callers; see `subjects.ts`). */
export const targetPath = subjectPath;

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
