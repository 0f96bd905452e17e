// The admin pages of minutes and action items, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { ActionItemForm } from "./ActionItemForm";
import { MinutesForm } from "./MinutesForm";

export const admin: AdminRoutes = [
  { path: "forums/:slug/compte-rendu", page: MinutesForm, access: "editor" },
  { path: "forums/:slug/actions/nouvelle", page: ActionItemForm, access: "editor" },
  { path: "actions/:id", page: ActionItemForm, access: "editor" },
];
