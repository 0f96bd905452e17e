// The multi-stakeholder forum's French text, added to the catalogue when one of the pages that
// show it loads (its page, a forum's, a plan's commitments, the admin area): the main bundle keeps
// only its footer link (./i18n/fr.ts).
import { addMessages } from "../../i18n";
import { fr } from "./i18n/page.fr";

addMessages("fr", fr);
