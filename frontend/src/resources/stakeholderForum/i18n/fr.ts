// The multi-stakeholder forum's link in the footer. French is the reference; the English catalogue
// (./en.ts) must have exactly its keys. The pages' own messages come with their chunks (./page.fr.ts).

export const fr = {
  "footer.stakeholderForum": "Forum multi-acteurs",
};
