// English catalogue, assembled from the same areas. Typed by the French one: a missing or unknown
// key does not compile.
import type { Messages } from "./fr";
import * as common from "./areas/common";
import * as account from "./areas/account";
import * as discussion from "./areas/discussion";
import * as home from "./areas/home";
import * as forums from "./areas/forums";
import * as commitments from "./areas/commitments";
import * as search from "./areas/search";
import * as accessibility from "./areas/accessibility";
import * as admin from "./areas/admin";
import * as errors from "./areas/errors";
import * as subjects from "./areas/subjects";
import * as registrations from "./areas/registrations";

export const en: Messages = { ...common.en, ...account.en, ...discussion.en, ...home.en, ...forums.en, ...commitments.en, ...search.en, ...accessibility.en, ...admin.en, ...errors.en, ...subjects.en, ...registrations.en };
