// English catalogue, assembled from the areas' English files (areas/en), loaded on demand. Typed by the French one: a missing or unknown
// key does not compile.
import type { Messages } from "./fr";
import * as common from "./areas/en/common";
import * as account from "./areas/en/account";
import * as discussion from "./areas/en/discussion";
import * as home from "./areas/en/home";
import * as forums from "./areas/en/forums";
import * as commitments from "./areas/en/commitments";
import * as search from "./areas/en/search";
import * as accessibility from "./areas/en/accessibility";
import * as admin from "./areas/en/admin";
import * as adminShell from "./areas/en/adminShell";
import * as errors from "./areas/en/errors";
import * as subjects from "./areas/en/subjects";
import * as registrations from "./areas/en/registrations";
import * as formats from "./areas/en/formats";
import * as actions from "./areas/en/actions";
import * as cycles from "./areas/en/cycles";
import * as feedback from "./areas/en/feedback";
import * as progress from "./areas/en/progress";
import * as institutions from "./areas/en/institutions";
import * as questions from "./areas/en/questions";
import * as moderation from "./areas/en/moderation";
import * as notifications from "./areas/en/notifications";

export const en: Messages = {
  ...common.en,
  ...account.en,
  ...discussion.en,
  ...home.en,
  ...forums.en,
  ...commitments.en,
  ...search.en,
  ...accessibility.en,
  ...admin.en,
  ...adminShell.en,
  ...errors.en,
  ...subjects.en,
  ...registrations.en,
  ...formats.en,
  ...actions.en,
  ...cycles.en,
  ...feedback.en,
  ...progress.en,
  ...institutions.en,
  ...questions.en,
  ...moderation.en,
  ...notifications.en,
};
