// The route table the build hands the server (scripts/route-table.mjs) is the one the app
// routes: a page added without it would be served with a 404 status.
import { describe, expect, it } from "vitest";
import { ROUTES } from "./resources";
import { routeTable } from "../../scripts/route-table.mjs";

describe("the route table written at build", () => {
  it("lists exactly the app's pages and the admin area", () => {
    const routed = [...new Set([...ROUTES.flatMap((r) => r.pages ?? []).map((p) => p.path), "/admin/*"])].sort();
    expect(routeTable()).toEqual(routed);
  });
});
