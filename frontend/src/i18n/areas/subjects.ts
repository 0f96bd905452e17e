// The kinds of subjects people discuss (see src/subjects.ts): what each is called, and "a comment
// on" one. A new kind of subject adds its two lines here, in both languages.

export const fr = {
  "target.forum": "Forum",
  "target.commitment": "Engagement",
  "target.milestone": "Jalon",
  "target.action_plan": "Plan d'action",
  "target.question": "Question",
  "search.commentOn.question": "Commentaire sur une question",
  "target.action_item": "Action",
  "search.commentOn.action_item": "Commentaire sur une action",
  "search.commentOn.forum": "Commentaire sur un forum",
  "search.commentOn.commitment": "Commentaire sur un engagement",
  "search.commentOn.milestone": "Commentaire sur un jalon",
  "search.commentOn.action_plan": "Commentaire sur un plan d'action",
  "target.proposal": "Proposition",
  "search.commentOn.proposal": "Commentaire sur une proposition",
} as const;
