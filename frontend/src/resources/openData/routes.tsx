// Open data: the datasets the platform publishes, their fields, licence and downloads.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  openData: () => "/donnees-ouvertes",
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/donnees-ouvertes", page: page(() => import("./OpenDataPage")) }],
};
