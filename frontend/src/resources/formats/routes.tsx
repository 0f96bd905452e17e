// Forum formats: their list, a format's page (any published version), and their form (admin).
import { at, page, type ResourceRoutes } from "../../app/routing";

// One component for both routes, so that moving between versions keeps its state.
const FormatPage = page(() => import("./FormatPage"));

export const paths = {
  formats: () => "/formats",
  /** A format's page: its latest version, or the one named. */
  format: (slug: string, version?: number) => at("/formats", slug) + (version ? `/versions/${version}` : ""),
  newFormat: () => "/admin/formats/nouveau",
  newFormatVersion: (slug: string) => `${at("/admin/formats", slug)}/nouvelle-version`,
};

export const routes: ResourceRoutes = {
  pages: [
    { path: "/formats", page: page(() => import("./FormatsPage")) },
    { path: "/formats/:slug", page: FormatPage },
    { path: "/formats/:slug/versions/:version", page: FormatPage },
  ],
  nav: { label: "nav.formats", to: "/formats", activeFor: ["/formats"] },
};
