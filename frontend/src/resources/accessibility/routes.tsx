// The accessibility statement, the multi-year accessibility plan and this year's action plan.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  accessibility: () => "/accessibilite",
  accessibilityPlan: () => "/accessibilite/schema-pluriannuel",
  accessibilityActions: () => "/accessibilite/plan-action-2026",
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/accessibilite", page: page(() => import("./AccessibilityPage")) },
    { path: "/accessibilite/schema-pluriannuel", page: page(() => import("./MultiYearPlanPage")) },
    { path: "/accessibilite/plan-action-2026", page: page(() => import("./ActionPlan2026Page")) },
  ],
};
