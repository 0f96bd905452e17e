// Cycles of forums: their list and page, and their form (admin).
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  cycles: () => "/cycles",
  cycle: (slug: string) => at("/cycles", slug),
  newCycle: () => "/admin/cycles/nouveau",
  editCycle: (slug: string) => at("/admin/cycles", slug),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/cycles", page: page(() => import("./CyclesPage")) },
    { path: "/cycles/:slug", page: page(() => import("./CyclePage")) },
  ],
};
