// The resources' admin pages, one line each: this module is in the admin chunk, so none of them
// weighs on the public pages.
import type { ComponentType } from "react";
import { admin as forums } from "../resources/forums/admin";
import { admin as formats } from "../resources/formats/admin";
import { admin as cycles } from "../resources/cycles/admin";
import { admin as commitments } from "../resources/commitments/admin";
import { admin as milestones } from "../resources/milestones/admin";
import { admin as actions } from "../resources/actions/admin";
import { admin as institutions } from "../resources/institutions/admin";
import { admin as moderation } from "../resources/moderation/admin";
import { admin as users } from "../resources/users/admin";
import { admin as tokens } from "../resources/tokens/admin";
import { admin as webhooks } from "../resources/webhooks/admin";
import { admin as audit } from "../resources/audit/admin";
import { admin as actionPlans } from "../resources/actionPlans/admin";
import { admin as coCreation } from "../resources/coCreation/admin";
import { admin as stakeholderForum } from "../resources/stakeholderForum/admin";

/** Who may open an admin page (the admin area itself is only mounted for these roles). */
export type Access = "editor" | "moderator" | "admin";
/** Admin routes, relative to /admin ("forums/:slug"). */
export type AdminRoutes = { path: string; page: ComponentType; access: Access }[];

export const ADMIN_ROUTES: AdminRoutes = [
  ...forums,
  ...formats,
  ...cycles,
  ...commitments,
  ...milestones,
  ...actions,
  ...institutions,
  ...moderation,
  ...users,
  ...tokens,
  ...webhooks,
  ...audit,
  ...actionPlans,
  ...coCreation,
  ...stakeholderForum,
];
