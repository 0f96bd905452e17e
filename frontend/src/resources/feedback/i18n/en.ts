// English messages of the "feedback" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "feedback.title": "Participants' feedback",
  "feedback.intro":
    "Participants give feedback on the forum by answering its format's questionnaire. Results are published in aggregate when feedback closes, if at least {threshold} people answered; free-text answers, without names, once reviewed.",
  "feedback.give": "Give my feedback",
  "feedback.change": "Change my feedback",
  "feedback.closesOn": "You may answer or change your feedback until {date}.",
  "feedback.closed": "Feedback on this forum is closed.",
  "feedback.submit": "Send my feedback",
  "feedback.saved": "Thank you: your feedback is saved.",
  "feedback.ratingLegend": "{label} (from 1, not at all, to 5, completely)",
  "feedback.rating.none": "No answer",
  "feedback.optionalText": "{label} (optional)",
  "feedback.notEnough": "Fewer than {threshold} answers to this question: no figure is published.",
  "feedback.who":
    "Only the people recorded as present — checked in at the door or by the organisers after the forum — give feedback.",
  "feedback.notPresent":
    "You are not recorded as present at this forum: only the people who were there give feedback. If you were, ask the organisers to mark you present.",
  "feedback.unpublished":
    "Results will be published when feedback closes, on {date}, if at least {threshold} people answered; they will not change after that.",
  "feedback.notPublished": "Feedback is closed: fewer than {threshold} people answered, so no results are published.",
  "feedback.published": "Results published when feedback closed, on {date}; they no longer change.",
  "feedback.count": "{count} answer(s)",
  "feedback.mean": "Mean: {mean} out of 5 ({count} answers)",
  "feedback.distribution.caption": "Ratings given: {label}",
  "feedback.distribution.rating": "Rating",
  "feedback.distribution.count": "Answers",
  "feedback.texts.none": "No answer published yet.",
  "feedback.response": "What we changed",
  "feedback.response.next": "See version {version} of the format",
  "feedback.moderation": "Free-text answers to review",
  "feedback.moderation.none": "No free-text answer.",
  "feedback.approve": "Publish",
  "feedback.withdraw": "Withdraw",
  "feedback.approved": "published",
  "feedback.pending": "to review",
  "feedback.responseForm": "Publish the response to the feedback",
  "feedback.responseBody": "What we changed (markdown)",
  "feedback.responseNext": "Format version it led to (number)",
  "feedback.responseSubmit": "Publish the response",
  "feedback.byVersion": "Feedback by format version",
  "feedback.byVersion.intro":
    "Only the forums whose results are published count: feedback closed, with at least {threshold} answers.",
  "feedback.byVersion.caption": "Each question's results, version by version (mean out of 5 and number of answers)",
  "feedback.byVersion.question": "Question",
  "feedback.byVersion.version": "Version {version} ({forums} forum(s))",
  "feedback.byVersion.cell": "{mean} ({count})",
  "feedback.byVersion.hidden": "fewer than {threshold} answers",
  "feedback.byVersion.notAsked": "not asked",
};
