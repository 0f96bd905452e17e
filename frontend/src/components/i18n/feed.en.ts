// English messages of the feed links; the French reference, and the keys, are in ./feed.fr.ts.
import type { fr } from "./feed.fr";

export const en: Record<keyof typeof fr, string> = {
  "feed.comments": "Follow these comments (Atom feed)",
  "feed.progress": "Follow this commitment's progress (Atom feed)",
  "feed.answers": "Follow this institution's answers (Atom feed)",
  "feed.forums": "Follow the forums announced (Atom feed)",
};
