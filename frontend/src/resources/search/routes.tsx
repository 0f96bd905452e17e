// Full-text search (reached from the header's search bar).
import { page, withQuery, type ResourceRoutes } from "../../app/routing";

export const paths = {
  search: (query?: { q?: string; type?: string }) => withQuery("/recherche", query),
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/recherche", page: page(() => import("./SearchPage")) }],
};
