// English messages of the "home" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

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
