// The home page.
// French is the reference; the English catalogue must have exactly its keys (it does not compile
// otherwise).

export const fr = {
  "home.title": "Accueil",
  "home.heading": "Les forums Open d'État",
  "home.intro":
    "Citoyens, associations et agents publics se retrouvent dans des forums thématiques pour faire avancer les engagements du plan d'action national pour un gouvernement ouvert. Entre deux forums, la discussion continue en ligne.",
  "home.nextForums": "Prochains forums",
  "home.noNextForums": "Aucun forum n'est annoncé pour le moment.",
  "home.allForums": "Tous les forums",
  "home.latestDiscussions": "Dernières discussions",
  "home.noDiscussions": "Aucune discussion récente.",
  "home.discussionOn": "Sur « {title} »",
  "home.plansProgress": "Avancement des plans d'action",
  "home.noPlans": "Aucun plan d'action publié.",
  "home.planSummary": "{commitments} engagements",
  "home.allCommitments": "Tous les engagements",
} as const;
