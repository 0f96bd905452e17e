// Open data, and what app developers need to know: the datasets the platform publishes (their
// fields, licence and downloads) and the page on tokens, scopes, budgets, caching and feeds.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  openData: () => "/donnees-ouvertes",
  developers: () => "/developpeurs",
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/donnees-ouvertes", page: page(() => import("./OpenDataPage")) },
    { path: "/developpeurs", page: page(() => import("../developers/DevelopersPage")) },
  ],
};
