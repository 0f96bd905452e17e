// English messages of the moderators' queue and the moderation log; the French reference, and
// the keys, are in ./queue.fr.ts.
import type { fr } from "./queue.fr";

export const en: Record<keyof typeof fr, string> = {
  "modlog.title": "Moderation log",
  "modlog.intro":
    "What moderation hid or restored, when and why. Moderators' names are not shown; the administration keeps a record of each decision.",
  "modlog.empty": "No moderation decision yet.",
  "modlog.caption": "Moderation decisions, newest first",
  "modlog.when": "Date",
  "modlog.action": "Decision",
  "modlog.reason": "Reason",
  "modlog.where": "Discussion",
  "modlog.hidden": "Comment hidden",
  "modlog.hiddenAuto": "Comment hidden automatically",
  "modlog.restored": "Comment restored",
  "modlog.more": "Older decisions",
  "queue.title": "Moderation queue",
  "queue.intro": "Reported comments, oldest first. Every decision is in the public log:",
  "queue.empty": "No report waiting.",
  "queue.more": "More reports",
  "queue.comment": "Comment by {name}",
  "queue.first": "First reported on {date} · {n} report(s)",
  "queue.hideReason": "Reason for hiding",
  "queue.hideHint": "Shown publicly in place of the comment.",
  "queue.hide": "Hide",
  "queue.dismiss": "Dismiss",
  "queue.suspend": "Suspend {name}'s account",
  "queue.suspendFor": "For",
  "queue.days": "{n} day(s)",
  "queue.indefinitely": "Until further notice",
  "queue.message": "Message to the person",
  "queue.messageHint": "Sent by email with how long the suspension lasts.",
  "queue.suspendSubmit": "Suspend",
  "queue.done.hide": "The comment is hidden.",
  "queue.done.dismiss": "The reports are dismissed.",
  "queue.done.suspend": "The account is suspended; the person is told by email.",
};
