// Milestones of a commitment: their page and their form (admin).
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  milestone: (id: number | string, anchor?: string) => at("/jalons", id) + (anchor ? `#${anchor}` : ""),
  newMilestone: (commitment: string) => `${at("/admin/engagements", commitment)}/jalons/nouveau`,
  editMilestone: (id: number) => at("/admin/jalons", id),
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/jalons/:id", page: page(() => import("./MilestonePage")) }],
};
