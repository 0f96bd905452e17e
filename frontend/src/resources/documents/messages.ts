// Documents' French text, added to the catalogue when a page that shows them loads (a forum's,
// a format's, a commitment's, a milestone's, a proposal's): the main bundle carries none of it.
import { addMessages } from "../../i18n";
import { fr } from "./i18n/fr";

addMessages("fr", fr);
