// Minutes and action items: the follow-up list, an action's page, and their forms (admin).
import { at, page, withQuery, type ResourceRoutes } from "../../app/routing";

export const paths = {
  followUp: (filters?: { cycle?: string; status?: string }) => withQuery("/suivi", filters),
  actionItem: (id: number | string, anchor?: string) => at("/actions", id) + (anchor ? `#${anchor}` : ""),
  editMinutes: (forum: string) => `${at("/admin/forums", forum)}/compte-rendu`,
  newActionItem: (forum: string) => `${at("/admin/forums", forum)}/actions/nouvelle`,
  editActionItem: (id: number) => at("/admin/actions", id),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/suivi", page: page(() => import("./FollowUpPage")) },
    { path: "/actions/:id", page: page(() => import("./ActionItemPage")) },
  ],
  nav: { label: "nav.followUp", to: "/suivi", activeFor: ["/suivi", "/actions"] },
};
