// What the statement and the plans read: the audit computed from the grid (generated/audit.json,
// by scripts/rgaa.mjs), the contact address, and the area's French messages (they come with these
// pages' chunks: no other page needs them).
import { addMessages, type MessageKey } from "../../i18n";
import type { Summary } from "../../../scripts/rgaa.mjs";
import generated from "./generated/audit.json";
import { fr } from "./i18n/fr";

addMessages("fr", fr);

export const audit = generated as Summary;

/** Where accessibility reports go: set at build time with VITE_ACCESSIBILITY_CONTACT. */
export const CONTACT = import.meta.env.VITE_ACCESSIBILITY_CONTACT?.trim() || "accessibilite@opendetat.fr";

/** The page of the sample a non-conformity was found on, in the reader's language. */
export function pageName(id: string, locale: string): string {
  const p = audit.pages.find((x) => x.id === id);
  if (!p) return id;
  return locale === "en" ? p.nameEn : p.name;
}

/** A message key made of a prefix and a value of the audit (a state, a page's state). */
export const keyOf = (prefix: string, value: string | null) => `${prefix}${value}` as MessageKey;
