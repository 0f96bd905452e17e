// English messages of the "moderation" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "report.action": "Report",
  "report.legend": "Why do you report this comment?",
  "report.reason.spam": "Spam or advertising",
  "report.reason.abuse": "Abusive or hateful",
  "report.reason.off_topic": "Off topic",
  "report.reason.personal_data": "Personal data",
  "report.reason.other": "Another reason",
  "report.details": "Details",
  "report.submit": "Send the report",
  "report.thanks": "Thank you: your report has gone to the moderators.",
  "report.done": "Report sent.",
  "admin.queue": "Moderation queue",
  "footer.moderationLog": "Moderation log",
  "reactions.done.on": "“{label}” added.",
  "reactions.done.off": "“{label}” removed.",
  "reactions.label": "Your reaction",
  "reactions.useful": "Useful",
  "reactions.agree": "Agree",
  "reactions.disagree": "Disagree",
  "reactions.counts": "Useful: {useful} · Agree: {agree} · Disagree: {disagree}",
  "reactions.sort": "Sort threads",
  "reactions.sort.newest": "Newest",
  "reactions.sort.useful": "Most useful",
};
