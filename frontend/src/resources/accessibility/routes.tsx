// The accessibility statement.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = { accessibility: () => "/accessibilite" };

export const routes: ResourceRoutes = {
  pages: [{ path: "/accessibilite", page: page(() => import("./AccessibilityPage")) }],
};
