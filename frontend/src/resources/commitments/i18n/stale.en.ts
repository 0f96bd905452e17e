// English messages of the "no update for 6 months" flag; the French reference, and the keys, are
// in ./stale.fr.ts.
import type { fr } from "./stale.fr";

export const en: Record<keyof typeof fr, string> = {
  "stale.badge": "No update for 6 months",
  "stale.lastUpdate": "Last news on {date}",
  "stale.never": "No progress update nor document since it was created",
  "stale.filter": "No update for 6 months",
  "stale.filterHint": "Active commitments with no progress update nor document for six months",
};
