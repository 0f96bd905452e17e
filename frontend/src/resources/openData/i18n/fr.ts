// The open-data page's link in the footer. French is the reference; the English catalogue (./en.ts)
// must have exactly its keys. The page's own messages come with its chunk (./page.fr.ts).

export const fr = {
  "footer.openData": "Données ouvertes",
};
