// The resources of the web app, in the order of the header's menu: one line each. Their routes
// (public and admin), menu entries and path helpers are assembled here; their French and English
// messages in ../i18n/catalogues.ts.
import * as home from "../resources/home/routes";
import * as forums from "../resources/forums/routes";
import * as formats from "../resources/formats/routes";
import * as cycles from "../resources/cycles/routes";
import * as commitments from "../resources/commitments/routes";
import * as milestones from "../resources/milestones/routes";
import * as actions from "../resources/actions/routes";
import * as questions from "../resources/questions/routes";
import * as institutions from "../resources/institutions/routes";
import * as moderation from "../resources/moderation/routes";
import * as openData from "../resources/openData/routes";
import * as search from "../resources/search/routes";
import * as account from "../resources/account/routes";
import * as notifications from "../resources/notifications/routes";
import * as accessibility from "../resources/accessibility/routes";
import * as privacy from "../resources/privacy/routes";
import * as actionPlans from "../resources/actionPlans/routes";
import * as coCreation from "../resources/coCreation/routes";
import * as stakeholderForum from "../resources/stakeholderForum/routes";
import * as users from "../resources/users/routes";
import * as audit from "../resources/audit/routes";
import type { ResourceRoutes } from "./routing";

const RESOURCES = [
  home,
  forums,
  formats,
  cycles,
  commitments,
  milestones,
  actions,
  questions,
  institutions,
  moderation,
  openData,
  search,
  account,
  notifications,
  accessibility,
  privacy,
  actionPlans,
  coCreation,
  stakeholderForum,
  users,
  audit,
] as const;

export const ROUTES: ResourceRoutes[] = RESOURCES.map((r) => r.routes);

type Intersect<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Paths = Intersect<(typeof RESOURCES)[number]["paths"]> & { admin: () => string };

/** Every address of the web app, e.g. `paths.forum(slug)`. */
export const paths = RESOURCES.reduce<Record<string, unknown>>((all, r) => ({ ...all, ...r.paths }), {
  admin: () => "/admin",
}) as Paths;
