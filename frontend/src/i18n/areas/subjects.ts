// The kinds of subjects people discuss (see src/subjects.ts): what each is called, and "a comment
// on" one. A new kind of subject adds its two lines here, in both languages.

export const fr = {
  "target.forum": "Forum",
  "target.commitment": "Engagement",
  "target.milestone": "Jalon",
  "target.action_plan": "Plan d'action",
  "search.commentOn.forum": "Commentaire sur un forum",
  "search.commentOn.commitment": "Commentaire sur un engagement",
  "search.commentOn.milestone": "Commentaire sur un jalon",
  "search.commentOn.action_plan": "Commentaire sur un plan d'action",
} as const;

export const en: Record<keyof typeof fr, string> = {
  "target.forum": "Forum",
  "target.commitment": "Commitment",
  "target.milestone": "Milestone",
  "target.action_plan": "Action plan",
  "search.commentOn.forum": "Comment on a forum",
  "search.commentOn.commitment": "Comment on a commitment",
  "search.commentOn.milestone": "Comment on a milestone",
  "search.commentOn.action_plan": "Comment on an action plan",
};
