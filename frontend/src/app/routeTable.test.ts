// The route table the build hands the server (scripts/route-table.mjs) is the one the app
// routes: a page added without it would be served with a 404 status.
import { describe, expect, it } from "vitest";
import { ROUTES } from "./resources";
import { ADMIN_ROUTES } from "../admin/routes";
import { adminRouteTable, routeTable } from "../../scripts/route-table.mjs";

describe("the route table written at build", () => {
  it("lists exactly the app's pages and the admin area", () => {
    const routed = [...new Set([...ROUTES.flatMap((r) => r.pages ?? []).map((p) => p.path), "/admin/*"])].sort();
    expect(routeTable()).toEqual(routed);
  });

  it("lists exactly the admin area's pages, for the tests that open every page", () => {
    const routed = [...new Set(["/admin", ...ADMIN_ROUTES.map((r) => `/admin/${r.path}`)])].sort();
    expect(adminRouteTable()).toEqual(routed);
  });
});
