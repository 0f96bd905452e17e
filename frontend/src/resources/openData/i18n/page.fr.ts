// French messages of the open-data page, which come with its chunk rather than with the home
// page. The English catalogue (./page.en.ts) must have exactly its keys.

export const fr = {
  "openData.title": "Données ouvertes",
  "openData.intro":
    "Tout ce que la plateforme rend public, à télécharger en entier : en CSV (UTF-8, séparateur virgule) pour les tableurs et en JSON Lines pour les programmes. Les textes masqués par la modération et les données personnelles n'y figurent pas.",
  "openData.licence": "Licence :",
  "openData.package": "Description des jeux (Frictionless Data Package)",
  "openData.dcat": "Catalogue DCAT-AP (JSON-LD)",
  "openData.harvest":
    'Pour les portails qui moissonnent (data.gouv.fr…) : ce catalogue décrit chaque jeu, ses formats et sa licence, en français et en anglais ; la page l\'annonce aussi dans son en-tête (link rel="alternate" type="application/ld+json").',
  "openData.empty": "Aucun jeu de données publié pour l'instant.",
  "openData.lastUpdate": "Dernière mise à jour :",
  "openData.neverUpdated": "Aucune donnée pour l'instant",
  "openData.download": "Télécharger :",
  "openData.csv": "CSV",
  "openData.jsonl": "JSON Lines",
  "openData.fields": "Champs de « {title} »",
  "openData.field": "Champ",
  "openData.type": "Type",
  "openData.description": "Description",
  "openData.required": "Obligatoire",
  "openData.jsonlOnly": "JSON Lines seulement",
  "openData.yes": "Oui",
  "openData.no": "Non",
  "openData.archived.included":
    "Les enregistrements archivés (retirés des listes du site, toujours consultables) y figurent, avec leur date d'archivage (archived_at).",
  "openData.archived.included_unmarked":
    "Les enregistrements archivés y figurent, sans colonne qui les signale (ce format n'en a pas) : archived_at est dans le jeu « Engagements ».",
  "openData.archived.not_archivable":
    "Ces enregistrements ne s'archivent pas ; ceux qui portent sur un élément archivé y figurent.",
};
