// English messages of the "subjects" area; the French reference, and the keys, are in ../subjects.ts.
import type { fr } from "../subjects";

export const en: Record<keyof typeof fr, string> = {
  "target.forum": "Forum",
  "target.commitment": "Commitment",
  "target.milestone": "Milestone",
  "target.action_plan": "Action plan",
  "target.question": "Question",
  "search.commentOn.question": "Comment on a question",
  "target.action_item": "Action item",
  "search.commentOn.action_item": "Comment on an action item",
  "search.commentOn.forum": "Comment on a forum",
  "search.commentOn.commitment": "Comment on a commitment",
  "search.commentOn.milestone": "Comment on a milestone",
  "search.commentOn.action_plan": "Comment on an action plan",
  "target.proposal": "Proposal",
  "search.commentOn.proposal": "Comment on a proposal",
};
