// "Données personnelles": what the platform processes about people, why, for how long, who sees
// it, and how to use one's rights.
import { page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  privacy: () => "/donnees-personnelles",
};

export const routes: ResourceRoutes = {
  pages: [{ path: "/donnees-personnelles", page: page(() => import("./PrivacyPage")) }],
};
