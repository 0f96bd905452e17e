// The home page: in the main chunk, the one page every visit may start on.
import type { ResourceRoutes } from "../../app/routing";
import { HomePage } from "./HomePage";

export const paths = { home: () => "/" };

export const routes: ResourceRoutes = {
  pages: [{ path: "/", page: HomePage }],
  nav: { label: "nav.home", to: "/", activeFor: [] },
};
