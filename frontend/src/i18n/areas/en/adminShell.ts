// English messages of the "adminShell" area; the French reference, and the keys, are in ../adminShell.ts.
import type { fr } from "../adminShell";

export const en: Record<keyof typeof fr, string> = {
  "admin.title": "Administration",
  "admin.forbidden": "This page is for public officials, moderation and administration only.",
  "admin.editForum": "Edit the forum",
};
