// What pages outside the admin area say of it: in the main bundle, where the admin area's own
// messages (./admin.ts) are not — those come with its chunk (see `addMessages`).
// French is the reference; the English catalogue (en/adminShell.ts) must have exactly its keys.

export const fr = {
  "admin.title": "Administration",
  "admin.forbidden": "Cette page est réservée aux agents publics, à la modération et à l'administration.",
  "admin.editForum": "Modifier le forum",
};
