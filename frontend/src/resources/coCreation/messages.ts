// Co-creation's French text, added to the catalogue when one of its pages (or the admin area's)
// loads: the main bundle keeps only the few words the home and commitments pages say of it.
import { addMessages } from "../../i18n";
import { fr } from "./i18n/fr";

addMessages("fr", fr);
