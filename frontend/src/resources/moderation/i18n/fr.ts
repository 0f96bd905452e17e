// Reporting, the moderators' queue and the public moderation log.
// French is the reference; the English catalogue (en/moderation.ts) must have exactly its keys.

export const fr = {
  "report.action": "Signaler",
  "report.legend": "Pourquoi signalez-vous ce commentaire ?",
  "report.reason.spam": "Spam ou publicité",
  "report.reason.abuse": "Propos injurieux ou haineux",
  "report.reason.off_topic": "Hors sujet",
  "report.reason.personal_data": "Données personnelles",
  "report.reason.other": "Autre raison",
  "report.details": "Précisez",
  "report.submit": "Envoyer le signalement",
  "report.thanks": "Merci : votre signalement est transmis à la modération.",
  "report.done": "Signalement envoyé.",
  "admin.queue": "File de modération",
  "footer.moderationLog": "Journal de modération",
  "reactions.done.on": "« {label} » ajouté.",
  "reactions.done.off": "« {label} » retiré.",
  "reactions.label": "Votre réaction",
  "reactions.useful": "Utile",
  "reactions.agree": "D'accord",
  "reactions.disagree": "Pas d'accord",
  "reactions.counts": "Utile : {useful} · D'accord : {agree} · Pas d'accord : {disagree}",
  "reactions.sort": "Trier les fils",
  "reactions.sort.newest": "Les plus récents",
  "reactions.sort.useful": "Les plus utiles",
};
