// French messages of the open-data page, which come with its chunk rather than with the home
// page. The English catalogue (./page.en.ts) must have exactly its keys.

export const fr = {
  "openData.title": "Données ouvertes",
  "openData.intro":
    "Tout ce que la plateforme rend public, à télécharger en entier : en CSV (UTF-8, séparateur virgule) pour les tableurs et en JSON Lines pour les programmes. Les textes masqués par la modération et les données personnelles n'y figurent pas.",
  "openData.licence": "Licence :",
  "openData.package": "Description des jeux (Frictionless Data Package)",
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
};
