// National action plans (admins manage them; the public sees them on the home page and filters).
import { at, type ResourceRoutes } from "../../app/routing";

export const paths = {
  actionPlans: () => "/admin/plans",
  newActionPlan: () => "/admin/plans/nouveau",
  editActionPlan: (slug: string) => at("/admin/plans", slug),
};

export const routes: ResourceRoutes = {};
