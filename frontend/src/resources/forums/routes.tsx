// Forums: their list and page, and their form (admin).
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  forums: () => "/forums",
  forum: (slug: string | number, anchor?: string) => at("/forums", slug) + (anchor ? `#${anchor}` : ""),
  newForum: () => "/admin/forums/nouveau",
  editForum: (slug: string) => at("/admin/forums", slug),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/forums", page: page(() => import("./ForumsPage")) },
    { path: "/forums/:slug", page: page(() => import("./ForumPage")) },
  ],
  nav: { label: "nav.forums", to: "/forums", activeFor: ["/forums"] },
};
