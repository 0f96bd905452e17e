import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Commitment } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { StaleNotice } from "./Stale";
import CommitmentsPage from "./CommitmentsPage";

const commitment = (id: number, over: Partial<Commitment>): Commitment => ({
  id,
  code: `FR00${id}`,
  number: id,
  title: `Engagement ${id}`,
  summary: null,
  action_plan: { id: 3, slug: "pan-2027-2029", title: "Plan d'action national 2027-2029" },
  policy_areas: [],
  support_institutions: [],
  ogp_principles: [],
  ambitions: [],
  status: "active",
  starred: false,
  irm: { relevance: [] },
  milestone_progress: {
    total: 0,
    not_started: 0,
    in_progress: 0,
    completed: 0,
    delayed: 0,
    withdrawn: 0,
    percent_complete: 0,
  },
  institutions: { lead: null, support: [] },
  from_proposals: [],
  stale: false,
  created_at: "2027-06-01T09:00:00Z",
  updated_at: "2027-06-01T09:00:00Z",
  lang: "fr",
  ...over,
});

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.search}</p>;
}

function show(ui: React.ReactNode, path = "/engagements") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/engagements"
              element={
                <>
                  {ui}
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe("the flag of commitments without news for six months", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("shows on a commitment's page with the day of its last news, or that it never had any", () => {
    const { unmount } = show(<StaleNotice stale lastUpdateAt="2026-09-14T08:00:00Z" />);
    expect(screen.getByText("Pas de mise à jour depuis 6 mois")).toHaveClass("fr-badge--warning");
    expect(screen.getByText("Dernière nouvelle le 14 septembre 2026")).toBeInTheDocument();
    unmount();
    const again = show(<StaleNotice stale lastUpdateAt={null} />);
    expect(screen.getByText("Aucun point d'avancement ni document depuis sa création")).toBeInTheDocument();
    again.unmount();
    show(<StaleNotice stale={false} lastUpdateAt="2026-09-14T08:00:00Z" />);
    expect(screen.queryByText("Pas de mise à jour depuis 6 mois")).toBeNull();
  });

  it("filters the list from the address (?stale=true), and badges the flagged ones", async () => {
    const asked: string[] = [];
    fetchMock.mockImplementation((req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === "/api/v1/commitments") {
        asked.push(url.search);
        return Promise.resolve(
          json({
            items: url.searchParams.get("stale") === "true" ? [commitment(41, { stale: true })] : [commitment(42, {})],
            next_cursor: null,
          }),
        );
      }
      return Promise.resolve(json({ items: [], next_cursor: null }));
    });
    show(<CommitmentsPage />, "/engagements?stale=true");
    const card = (await screen.findByRole("heading", { level: 2, name: /FR0041/ })).closest(".fr-card") as HTMLElement;
    expect(within(card).getByText("Pas de mise à jour depuis 6 mois")).toBeInTheDocument();
    expect(asked.at(-1)).toContain("stale=true");
    const box = screen.getByRole("checkbox", { name: /^Sans mise à jour depuis 6 mois/ });
    expect(box).toBeChecked();

    // Unchecked and applied: the address and the request leave it out.
    fireEvent.click(box);
    fireEvent.click(screen.getByRole("button", { name: "Filtrer" }));
    expect(await screen.findByRole("heading", { level: 2, name: /FR0042/ })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("where")).toHaveTextContent(/^$/));
    expect(asked.at(-1)).not.toContain("stale");
    expect(screen.queryByText("Pas de mise à jour depuis 6 mois")).toBeNull();
  });
});
