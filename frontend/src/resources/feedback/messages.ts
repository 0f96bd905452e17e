// Feedback's French text, added to the catalogue when the forum page or a format's page loads it
// (lazy chunks): the home page's bundle does not carry it.
import { addMessages } from "../../i18n";
import { fr } from "./i18n/fr";

addMessages("fr", fr);
