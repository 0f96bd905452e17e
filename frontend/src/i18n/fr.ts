// French catalogue: the reference, assembled from one file per area (./areas). Every key here must
// exist in English (a missing one does not compile).
import * as common from "./areas/common";
import * as account from "./areas/account";
import * as discussion from "./areas/discussion";
import * as home from "./areas/home";
import * as forums from "./areas/forums";
import * as commitments from "./areas/commitments";
import * as search from "./areas/search";
import * as accessibility from "./areas/accessibility";
import * as adminShell from "./areas/adminShell";
import type { fr as adminArea } from "./areas/admin";
import * as errors from "./areas/errors";
import * as subjects from "./areas/subjects";
import * as registrations from "./areas/registrations";
import * as formats from "./areas/formats";
import * as actions from "./areas/actions";
import * as cycles from "./areas/cycles";
import * as feedback from "./areas/feedback";
import * as progress from "./areas/progress";
import * as institutions from "./areas/institutions";
import * as questions from "./areas/questions";
import * as moderation from "./areas/moderation";
import * as notifications from "./areas/notifications";

const main = {
  ...common.fr,
  ...account.fr,
  ...discussion.fr,
  ...home.fr,
  ...forums.fr,
  ...commitments.fr,
  ...search.fr,
  ...accessibility.fr,
  ...adminShell.fr,
  ...errors.fr,
  ...subjects.fr,
  ...registrations.fr,
  ...formats.fr,
  ...actions.fr,
  ...cycles.fr,
  ...feedback.fr,
  ...progress.fr,
  ...institutions.fr,
  ...questions.fr,
  ...moderation.fr,
  ...notifications.fr,
};

export type MessageKey = keyof typeof main | keyof typeof adminArea;
export type Messages = Record<MessageKey, string>;
/** French, less the admin area's own messages, which its chunk adds when it loads. */
export const fr: typeof main & Partial<Messages> = main;
