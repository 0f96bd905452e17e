// National action plans, mounted by the admin area (in its chunk).
import type { AdminRoutes } from "../../admin/routes";
import { ActionPlanForm } from "./ActionPlanForm";
import { ActionPlansPage } from "./ActionPlansPage";

export const admin: AdminRoutes = [
  { path: "plans", page: ActionPlansPage, access: "admin" },
  { path: "plans/nouveau", page: ActionPlanForm, access: "admin" },
  { path: "plans/:slug", page: ActionPlanForm, access: "admin" },
];
