import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Commitment } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { loadCatalogue, setLocale } from "../../i18n";
import CommitmentPage from "./CommitmentPage";

const commitment: Commitment = {
  id: 41,
  code: "FR0041",
  number: 41,
  title: "Ouvrir les avis des commissions",
  summary: null,
  description: null,
  description_html: null,
  action_plan: { id: 3, slug: "pan-2027-2029", title: "Plan d'action national 2027-2029" },
  policy_areas: [],
  lead_institution: null,
  support_institutions: [],
  ogp_principles: [],
  ambitions: [],
  status: "active",
  starred: false,
  start_year: 2027,
  end_year: 2029,
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
  milestones: [],
  institutions: { lead: null, support: [] },
  from_proposals: [],
  stale: false,
  created_at: "2027-06-01T09:00:00Z",
  updated_at: "2027-06-01T09:00:00Z",
  archived_at: null,
  lang: "fr",
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

/** The commitment; every other section's request (progress, questions, forums…) answers 404 or
 *  empty: they are not what these tests look at. */
function api(c: Commitment) {
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/commitments/FR0041") return Promise.resolve(json(c));
    if (path.startsWith("/api/v1/me/follows/")) return Promise.resolve(json({ following: false, followers: 0 }));
    if (path.endsWith("/comments") || path === "/api/v1/forums" || path === "/api/v1/questions")
      return Promise.resolve(json({ items: [], next_cursor: null }));
    return Promise.resolve(json({ code: "not_found", status: 404, title: "Not Found", detail: path }, 404));
  });
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter initialEntries={["/engagements/FR0041"]}>
          <Routes>
            <Route path="/engagements/:code" element={<CommitmentPage />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe("the commitment page", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("says from how many proposals of the co-creation it came, with a link to each", async () => {
    api({
      ...commitment,
      from_proposals: [
        { id: 7, title: "Publier les avis des commissions consultatives" },
        { id: 9, title: "Ouvrir les avis" },
      ],
    });
    renderPage();
    const section = await screen.findByRole("region", { name: "Issu de 2 propositions de la concertation" });
    expect(
      within(section).getByRole("heading", { level: 2, name: "Issu de 2 propositions de la concertation" }),
    ).toBeInTheDocument();
    expect(
      within(section).getByRole("link", { name: "Publier les avis des commissions consultatives" }),
    ).toHaveAttribute("href", "/propositions/7");
    expect(within(section).getByRole("link", { name: "Ouvrir les avis" })).toHaveAttribute("href", "/propositions/9");
  });

  it("says it in the singular for one proposal, and nothing when it came from none", async () => {
    api({ ...commitment, from_proposals: [{ id: 7, title: "Publier les avis des commissions consultatives" }] });
    const { unmount } = renderPage();
    expect(
      await screen.findByRole("heading", { level: 2, name: "Issu de 1 proposition de la concertation" }),
    ).toBeInTheDocument();
    unmount();

    api(commitment);
    renderPage();
    expect(await screen.findByRole("heading", { level: 1, name: /FR0041/ })).toBeInTheDocument();
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(3));
    expect(screen.queryByText(/^Issu de/)).toBeNull();
  });

  it("says it in English too, singular and plural", async () => {
    await loadCatalogue("en");
    setLocale("en");
    try {
      api({ ...commitment, from_proposals: [{ id: 7, title: "Publier les avis des commissions consultatives" }] });
      const { unmount } = renderPage();
      expect(
        await screen.findByRole("heading", { level: 2, name: "Came from 1 co-creation proposal" }),
      ).toBeInTheDocument();
      unmount();
      api({
        ...commitment,
        from_proposals: [
          { id: 7, title: "Publier les avis des commissions consultatives" },
          { id: 9, title: "Ouvrir les avis" },
        ],
      });
      renderPage();
      expect(
        await screen.findByRole("heading", { level: 2, name: "Came from 2 co-creation proposals" }),
      ).toBeInTheDocument();
    } finally {
      setLocale("fr");
    }
  });
});
