// English messages of the "stakeholderForum" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "footer.stakeholderForum": "Multi-stakeholder forum",
};
