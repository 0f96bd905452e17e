// The catalogues: each area's French messages (the reference, in the main chunk) with the loader
// of its English ones (fetched when someone chooses English), one line each. An area's English
// file is typed by its French one: a missing or unknown key does not compile. The French messages
// of the admin area and of the pages that alone use theirs (accessibility, search, feed links, the
// moderation queue and log, the session-expiry warning, open data, personal data, co-creation, the
// proposals a commitment came from, forum registrations, forums' and formats' feedback, the
// multi-stakeholder forum, documents, the flag of commitments without news) come with their chunk
// (`addMessages`).
import type { fr as adminArea } from "../admin/i18n/fr";
import type { fr as accessibility } from "../resources/accessibility/i18n/fr";
import type { fr as search } from "../resources/search/i18n/fr";
import type { fr as feed } from "../components/i18n/feed.fr";
import type { fr as eventNames } from "../components/i18n/events.fr";
import type { fr as moderationQueue } from "../resources/moderation/i18n/queue.fr";
import type { fr as sessionExpiry } from "../auth/i18n/expiry.fr";
import type { fr as openDataPage } from "../resources/openData/i18n/page.fr";
import type { fr as tokens } from "../resources/tokens/i18n/fr";
import type { fr as webhooks } from "../resources/webhooks/i18n/fr";
import type { fr as developers } from "../resources/developers/i18n/page.fr";
import type { fr as accountPages } from "../resources/account/i18n/pages.fr";
import type { fr as privacyPage } from "../resources/privacy/i18n/page.fr";
import type { fr as coCreation } from "../resources/coCreation/i18n/fr";
import type { fr as commitmentOrigin } from "../resources/coCreation/i18n/origin.fr";
import type { fr as registrations } from "../resources/registrations/i18n/fr";
import type { fr as feedback } from "../resources/feedback/i18n/fr";
import type { fr as stakeholderPages } from "../resources/stakeholderForum/i18n/page.fr";
import type { fr as documents } from "../resources/documents/i18n/fr";
import type { fr as stale } from "../resources/commitments/i18n/stale.fr";
import { fr as common } from "./areas/common";
import { fr as errors } from "./areas/errors";
import { fr as subjects } from "./areas/subjects";
import { fr as adminShell } from "./areas/adminShell";
import { fr as home } from "../resources/home/i18n/fr";
import { fr as forums } from "../resources/forums/i18n/fr";
import { fr as formats } from "../resources/formats/i18n/fr";
import { fr as cycles } from "../resources/cycles/i18n/fr";
import { fr as commitments } from "../resources/commitments/i18n/fr";
import { fr as progress } from "../resources/progress/i18n/fr";
import { fr as actions } from "../resources/actions/i18n/fr";
import { fr as questions } from "../resources/questions/i18n/fr";
import { fr as institutions } from "../resources/institutions/i18n/fr";
import { fr as comments } from "../resources/comments/i18n/fr";
import { fr as moderation } from "../resources/moderation/i18n/fr";
import { fr as openData } from "../resources/openData/i18n/fr";
import { fr as notifications } from "../resources/notifications/i18n/fr";
import { fr as account } from "../resources/account/i18n/fr";
import { fr as stakeholderForum } from "../resources/stakeholderForum/i18n/fr";

type Area<K extends string> = { fr: Record<K, string>; en: () => Promise<{ en: Record<K, string> }> };
const area = <K extends string>(
  fr: Record<K, string>,
  en: () => Promise<{ en: Record<NoInfer<K>, string> }>,
): Area<K> => ({
  fr,
  en,
});

const AREAS = [
  area(common, () => import("./areas/en/common")),
  area(errors, () => import("./areas/en/errors")),
  area(subjects, () => import("./areas/en/subjects")),
  area(adminShell, () => import("./areas/en/adminShell")),
  area(home, () => import("../resources/home/i18n/en")),
  area(forums, () => import("../resources/forums/i18n/en")),
  area(formats, () => import("../resources/formats/i18n/en")),
  area(cycles, () => import("../resources/cycles/i18n/en")),
  area(commitments, () => import("../resources/commitments/i18n/en")),
  area(progress, () => import("../resources/progress/i18n/en")),
  area(actions, () => import("../resources/actions/i18n/en")),
  area(questions, () => import("../resources/questions/i18n/en")),
  area(institutions, () => import("../resources/institutions/i18n/en")),
  area(comments, () => import("../resources/comments/i18n/en")),
  area(moderation, () => import("../resources/moderation/i18n/en")),
  area(openData, () => import("../resources/openData/i18n/en")),
  area(notifications, () => import("../resources/notifications/i18n/en")),
  area(account, () => import("../resources/account/i18n/en")),
  area(stakeholderForum, () => import("../resources/stakeholderForum/i18n/en")),
];

type AreaKey<A> = A extends Area<infer K> ? K : never;
export type MessageKey =
  | AreaKey<(typeof AREAS)[number]>
  | keyof typeof adminArea
  | keyof typeof accessibility
  | keyof typeof search
  | keyof typeof feed
  | keyof typeof eventNames
  | keyof typeof moderationQueue
  | keyof typeof sessionExpiry
  | keyof typeof openDataPage
  | keyof typeof tokens
  | keyof typeof webhooks
  | keyof typeof developers
  | keyof typeof accountPages
  | keyof typeof privacyPage
  | keyof typeof coCreation
  | keyof typeof commitmentOrigin
  | keyof typeof registrations
  | keyof typeof feedback
  | keyof typeof stakeholderPages
  | keyof typeof documents
  | keyof typeof stale;
/** The English messages of the areas whose French ones come with their chunk. */
const LATE = [
  () => import("../admin/i18n/en"),
  () => import("../resources/accessibility/i18n/en"),
  () => import("../resources/search/i18n/en"),
  () => import("../components/i18n/feed.en"),
  () => import("../components/i18n/events.en"),
  () => import("../resources/moderation/i18n/queue.en"),
  () => import("../auth/i18n/expiry.en"),
  () => import("../resources/openData/i18n/page.en"),
  () => import("../resources/tokens/i18n/en"),
  () => import("../resources/webhooks/i18n/en"),
  () => import("../resources/developers/i18n/page.en"),
  () => import("../resources/account/i18n/pages.en"),
  () => import("../resources/privacy/i18n/page.en"),
  () => import("../resources/coCreation/i18n/en"),
  () => import("../resources/coCreation/i18n/origin.en"),
  () => import("../resources/registrations/i18n/en"),
  () => import("../resources/feedback/i18n/en"),
  () => import("../resources/stakeholderForum/i18n/page.en"),
  () => import("../resources/documents/i18n/en"),
  () => import("../resources/commitments/i18n/stale.en"),
];
export type Messages = Record<MessageKey, string>;

/** French, less the messages that come with their chunk. */
export const fr: Partial<Messages> = Object.assign({}, ...AREAS.map((a) => a.fr)) as Partial<Messages>;

/** The whole English catalogue. */
export async function loadEnglish(): Promise<Messages> {
  const parts = await Promise.all([...AREAS.map((a) => a.en()), ...LATE.map((load) => load())]);
  return Object.assign({}, ...parts.map((p) => p.en)) as Messages;
}
