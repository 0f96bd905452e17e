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

export const en: Record<keyof typeof fr, string> = {
  "home.title": "Home",
  "home.heading": "The Open d'État forums",
  "home.intro":
    "Citizens, associations and public officials meet in thematic forums to move the commitments of the national open government action plan forward. Between forums, the discussion goes on online.",
  "home.nextForums": "Next forums",
  "home.noNextForums": "No forum is announced yet.",
  "home.allForums": "All forums",
  "home.latestDiscussions": "Latest discussions",
  "home.noDiscussions": "No recent discussion.",
  "home.discussionOn": "On “{title}”",
  "home.plansProgress": "Action plans' progress",
  "home.noPlans": "No action plan published.",
  "home.planSummary": "{commitments} commitments",
  "home.allCommitments": "All commitments",
};
