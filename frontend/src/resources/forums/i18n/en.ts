// English messages of the "forums" area; the French reference, and the keys, are in ./fr.ts.
import type { fr } from "./fr";

export const en: Record<keyof typeof fr, string> = {
  "forums.title": "Forums",
  "forums.intro":
    "Open d'État forums, in person or online, bring the people working on a commitment together around a theme.",
  "forums.tabs": "Period",
  "forums.upcoming": "Upcoming",
  "forums.past": "Past",
  "forums.filters": "Filters",
  "forums.theme": "Theme",
  "forums.themeHint": "The exact theme, e.g. “Données ouvertes”",
  "forums.commitment": "Commitment",
  "forums.status": "Status",
  "forums.apply": "Filter",
  "forums.reset": "Reset filters",
  "forums.empty": "No forum matches these criteria.",
  "forums.loadMore": "Show more forums",
  "forums.when": "Date and time",
  "forums.where": "Place",
  "forums.online": "Online",
  "forums.onlineLink": "Join the forum online",
  "forums.capacity": "Seats",
  "forums.reserved.officials": "(of which {seats} kept for officials of the institutions in charge of its commitments)",
  "forums.reserved.civil_society": "(of which {seats} kept for civil society)",
  "forums.reserved.until":
    "Reserved seats are kept until {date} (Paris time); those not taken then go to everyone, the waitlist first.",
  "forums.reserved.released": "Reserved seats nobody took went back to everyone on {date} (Paris time).",
  "forums.timezone": "Paris time",
  "forums.commitments": "Commitments worked on",
  "forums.noCommitments": "This forum is not linked to any commitment.",
  "forums.about": "About",
  "forums.details": "Practical information",
  "forums.theme.label": "Theme: {theme}",
  "organisers.title": "Organisers",
  "organisers.intro":
    "The organisers welcome participants, record who was present and are the only ones to see the list of registrations.",
  "organisers.people": "People named",
  "organisers.noPeople": "Nobody is named yet.",
  "organisers.institutions": "Institutions whose officials organise this forum",
  "organisers.noInstitutions": "None: this forum's commitments have no recorded lead or supporting institution.",
};
