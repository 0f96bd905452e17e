// English messages of the open-data page; the French reference, and the keys, are in ./page.fr.ts.
import type { fr } from "./page.fr";

export const en: Record<keyof typeof fr, string> = {
  "openData.title": "Open data",
  "openData.intro":
    "Everything the platform makes public, to download whole: as CSV (UTF-8, comma-separated) for spreadsheets and as JSON Lines for programs. Texts hidden by moderators and personal data are left out.",
  "openData.licence": "Licence:",
  "openData.package": "Description of the datasets (Frictionless Data Package)",
  "openData.dcat": "DCAT-AP catalogue (JSON-LD)",
  "openData.harvest":
    'For portals that harvest (data.gouv.fr…): this catalogue describes every dataset, its formats and licence, in French and English; the page also announces it in its head (link rel="alternate" type="application/ld+json").',
  "openData.empty": "No dataset published yet.",
  "openData.lastUpdate": "Last update:",
  "openData.neverUpdated": "No data yet",
  "openData.download": "Download:",
  "openData.csv": "CSV",
  "openData.jsonl": "JSON Lines",
  "openData.fields": "Fields of “{title}”",
  "openData.field": "Field",
  "openData.type": "Type",
  "openData.description": "Description",
  "openData.required": "Required",
  "openData.jsonlOnly": "JSON Lines only",
  "openData.yes": "Yes",
  "openData.no": "No",
  "openData.archived.included":
    "Archived records (left out of the site's lists, still readable) are included, with the date they were archived (archived_at).",
  "openData.archived.included_unmarked":
    "Archived records are included, without a column marking them (this layout has none): archived_at is in the “Engagements” dataset.",
  "openData.archived.not_archivable": "These records are never archived; those about an archived record are included.",
};
