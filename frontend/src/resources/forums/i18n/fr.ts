// Forums: lists and pages.
// French is the reference; the English catalogue must have exactly its keys (it does not compile
// otherwise).

export const fr = {
  "forums.title": "Forums",
  "forums.intro":
    "Les forums Open d'État, en présentiel ou en ligne, réunissent les acteurs d'un engagement autour d'un thème.",
  "forums.tabs": "Période",
  "forums.upcoming": "À venir",
  "forums.past": "Passés",
  "forums.filters": "Filtres",
  "forums.theme": "Thème",
  "forums.themeHint": "Le thème exact, par exemple « Données ouvertes »",
  "forums.commitment": "Engagement",
  "forums.status": "Statut",
  "forums.apply": "Filtrer",
  "forums.reset": "Réinitialiser les filtres",
  "forums.empty": "Aucun forum ne correspond à ces critères.",
  "forums.loadMore": "Afficher plus de forums",
  "forums.when": "Date et heure",
  "forums.where": "Lieu",
  "forums.online": "En ligne",
  "forums.onlineLink": "Rejoindre le forum en ligne",
  "forums.capacity": "Places",
  "forums.reserved.officials": "(dont {seats} réservée(s) aux agents des institutions chargées de ses engagements)",
  "forums.reserved.civil_society": "(dont {seats} réservée(s) à la société civile)",
  "forums.reserved.until":
    "Places réservées gardées jusqu'au {date} (heure de Paris) ; celles qui ne sont pas prises reviennent alors à tous, en commençant par la liste d'attente.",
  "forums.reserved.released": "Les places réservées non prises sont revenues à tous le {date} (heure de Paris).",
  "forums.timezone": "heure de Paris",
  "forums.commitments": "Engagements travaillés",
  "forums.noCommitments": "Ce forum n'est rattaché à aucun engagement.",
  "forums.about": "Présentation",
  "forums.details": "Informations pratiques",
  "forums.theme.label": "Thème : {theme}",
  "organisers.title": "Organisation",
  "organisers.intro":
    "Les organisateurs accueillent les participants, enregistrent les présences et sont seuls à voir la liste des inscriptions.",
  "organisers.people": "Personnes nommées",
  "organisers.noPeople": "Personne n'est nommé pour l'instant.",
  "organisers.institutions": "Institutions dont les agents organisent ce forum",
  "organisers.noInstitutions":
    "Aucune : les engagements de ce forum n'ont pas d'institution pilote ou partenaire enregistrée.",
} as const;
