// English messages of a commitment's page about the proposals it came from; the French
// reference, and the keys, are in ./origin.fr.ts.
import type { fr } from "./origin.fr";

export const en: Record<keyof typeof fr, string> = {
  "fromProposals.one": "Came from {count} co-creation proposal",
  "fromProposals.many": "Came from {count} co-creation proposals",
};
