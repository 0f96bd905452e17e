// Institutions: their list and page, and their form (admins).
import { at, page, type ResourceRoutes } from "../../app/routing";

export const paths = {
  institutions: () => "/institutions",
  institution: (slug: string) => at("/institutions", slug),
  newInstitution: () => "/admin/institutions/nouvelle",
  editInstitution: (slug: string) => at("/admin/institutions", slug),
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/institutions", page: page(() => import("./InstitutionsPage")) },
    { path: "/institutions/:slug", page: page(() => import("./InstitutionPage")) },
  ],
  nav: { label: "nav.institutions", to: "/institutions", activeFor: ["/institutions"] },
};
