// Registrations' French text, added to the catalogue when the forum page or the account page
// loads them (lazy chunks): the home page's bundle does not carry it.
import { addMessages } from "../../i18n";
import { fr } from "./i18n/fr";

addMessages("fr", fr);
