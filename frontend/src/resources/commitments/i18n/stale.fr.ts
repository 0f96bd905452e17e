// French messages of the « pas de mise à jour depuis 6 mois » flag (./../Stale.tsx): they come
// with the pages that show it (commitments, a commitment, an institution), not with the home page.
// French is the reference; the English catalogue (./stale.en.ts) must have exactly its keys.
export const fr = {
  "stale.badge": "Pas de mise à jour depuis 6 mois",
  "stale.lastUpdate": "Dernière nouvelle le {date}",
  "stale.never": "Aucun point d'avancement ni document depuis sa création",
  "stale.filter": "Sans mise à jour depuis 6 mois",
  "stale.filterHint": "Engagements en cours sans point d'avancement ni document depuis six mois",
};
