import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ActionPlan, RecentComment } from "../../api/client";
import { HomePage } from "./HomePage";

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

const recent = (
  id: number,
  type: RecentComment["comment"]["target"]["type"],
  key: string,
  title: string,
  body: string,
): RecentComment => ({
  comment: {
    id,
    target: { type, id: 100 + id },
    parent_id: null,
    reactions: { useful: 0, agree: 0, disagree: 0 },
    root_id: null,
    depth: 0,
    author: { id: 1, display_name: "Camille Martin", handle: "camille-martin", role: "member", organisation: null },
    body,
    body_html: `<p>${body}</p>`,
    state: "visible",
    created_at: "2026-11-02T18:12:00Z",
    on_record: false,
    reply_count: 0,
  },
  target_title: title,
  target_key: key,
  subject: { type, id: 100 + id, key, title, path: `/${type}/${key}`, lang: type === "forum" ? "fr" : "en" },
});

const plan = (
  id: number,
  slug: string,
  start: number,
  count: number,
  completed: number,
  total: number,
  withdrawn: number,
  percent: number,
  status: ActionPlan["status"] = "in_implementation",
): ActionPlan => ({
  id,
  slug,
  status,
  country: "France",
  title: `France National Action Plan ${start}-${start + 2}`,
  lang: "en",
  period_start: start,
  period_end: start + 2,
  commitment_count: count,
  milestone_progress: {
    total,
    completed,
    withdrawn,
    not_started: 0,
    in_progress: total - completed - withdrawn,
    delayed: 0,
    percent_complete: percent,
  },
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});

function answer(paths: Record<string, unknown>) {
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (!(path in paths)) throw new Error(`unexpected request ${path}`);
    return json(paths[path]);
  });
}

function renderHome() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <HomePage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe("HomePage", () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it("shows the site-wide latest comments and each plan's own progress, in three requests", async () => {
    answer({
      "/api/v1/forums": { items: [], next_cursor: null },
      "/api/v1/comments": {
        items: [
          recent(3, "milestone", "12", "Organiser cinq forums", "Un **bilan** des forums"),
          recent(2, "commitment", "FR0041", "Open Etat Forum", "Quel calendrier ?"),
          recent(
            1,
            "forum",
            "2027-01-espace-de-dialogue-en-ligne",
            "Un espace de dialogue",
            "Bonjour [à tous](https://example.org)",
          ),
        ],
        next_cursor: "x",
      },
      "/api/v1/action-plans": {
        items: [plan(1, "fr-2015-2017", 2015, 21, 30, 80, 4, 39), plan(2, "fr-2018-2020", 2018, 29, 5, 20, 0, 25)],
        next_cursor: null,
      },
    });
    renderHome();

    const latest = await screen.findByRole("link", { name: "Sur « Organiser cinq forums »" });
    expect(latest).toHaveAttribute("href", "/jalons/12#discussion");
    expect(screen.getByRole("link", { name: "Sur « Open Etat Forum »" })).toHaveAttribute(
      "href",
      "/engagements/FR0041#discussion",
    );
    expect(screen.getByRole("link", { name: "Sur « Un espace de dialogue »" })).toHaveAttribute(
      "href",
      "/forums/2027-01-espace-de-dialogue-en-ligne#discussion",
    );
    expect(screen.getByText("Un bilan des forums")).toBeInTheDocument();
    expect(screen.getByText("Bonjour à tous")).toBeInTheDocument();
    expect(within(latest.closest(".fr-card") as HTMLElement).getByText("Jalon")).toBeInTheDocument();

    // Newest plan first, with the API's counts: withdrawn milestones are not counted.
    const plans = await screen.findAllByRole("heading", { level: 3, name: /France National Action Plan/ });
    expect(plans.map((h) => h.textContent)).toEqual([
      "France National Action Plan 2018-2020",
      "France National Action Plan 2015-2017",
    ]);
    expect(screen.getByText("29 engagements")).toBeInTheDocument();
    expect(screen.getByText("21 engagements")).toBeInTheDocument();
    expect(screen.getByText(/30 jalons atteints sur 76 \(39\s%\)/)).toBeInTheDocument();

    const paths = fetchMock.mock.calls.map(([req]) => new URL((req as Request).url).pathname).sort();
    expect(paths).toEqual(["/api/v1/action-plans", "/api/v1/comments", "/api/v1/forums"]);
    const feed = fetchMock.mock.calls
      .map(([req]) => new URL((req as Request).url))
      .find((u) => u.pathname === "/api/v1/comments")!;
    expect(feed.searchParams.get("limit")).toBe("3");
  });

  it("leads to the concertation of a plan in preparation, to the commitments of the others", async () => {
    answer({
      "/api/v1/forums": { items: [], next_cursor: null },
      "/api/v1/comments": { items: [], next_cursor: null },
      "/api/v1/action-plans": {
        items: [
          plan(1, "fr-2024-2026", 2024, 12, 0, 10, 0, 0),
          plan(2, "fr-2027-2029", 2027, 0, 0, 0, 0, 0, "in_preparation"),
        ],
        next_cursor: null,
      },
    });
    renderHome();
    const preparing = await screen.findByRole("link", { name: "France National Action Plan 2027-2029" });
    expect(preparing).toHaveAttribute("href", "/plans/fr-2027-2029/concertation");
    const card = preparing.closest(".fr-card") as HTMLElement;
    expect(within(card).getByText("En préparation")).toBeInTheDocument();
    expect(within(card).getByText("Participer à la concertation")).toBeInTheDocument();
    const current = screen.getByRole("link", { name: "France National Action Plan 2024-2026" });
    expect(current).toHaveAttribute("href", "/engagements?action_plan=fr-2024-2026");
    expect(
      within(current.closest(".fr-card") as HTMLElement).getByText("En cours de mise en œuvre"),
    ).toBeInTheDocument();
  });

  it("says when there is no discussion yet", async () => {
    answer({
      "/api/v1/forums": { items: [], next_cursor: null },
      "/api/v1/comments": { items: [], next_cursor: null },
      "/api/v1/action-plans": { items: [], next_cursor: null },
    });
    renderHome();
    expect(await screen.findByText("Aucune discussion récente.")).toBeInTheDocument();
    expect(await screen.findByText("Aucun plan d'action publié.")).toBeInTheDocument();
  });
});
