// The account pages' French text, added to the catalogue when one of them loads (they are lazy
// chunks; the main bundle keeps only what its own pages say, ./i18n/fr.ts).
import { addMessages } from "../../i18n";
import { fr } from "./i18n/pages.fr";

addMessages("fr", fr);
