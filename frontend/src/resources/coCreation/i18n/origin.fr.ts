// French messages of a commitment's page about the proposals it came from (./FromProposals.tsx):
// they come with that page, not with the home page nor with the rest of co-creation's messages.
// French is the reference; the English catalogue (./origin.en.ts) must have exactly its keys.
export const fr = {
  "fromProposals.one": "Issu de {count} proposition de la concertation",
  "fromProposals.many": "Issu de {count} propositions de la concertation",
};
