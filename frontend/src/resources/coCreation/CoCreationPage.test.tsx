import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import type { Phase, Timeline } from "./queries";
import CoCreationPage from "./CoCreationPage";

const plan = {
  id: 3,
  slug: "pan-2027-2029",
  country: "France",
  title: "Plan d'action national 2027-2029",
  lang: "fr",
  period_start: 2027,
  period_end: 2029,
  commitment_count: 0,
  status: "in_preparation",
  coordinating_institution: { id: 5, slug: "dinum", name: "DINUM", kind: "agency" },
};
const phase: Phase = {
  id: 1,
  action_plan_id: 3,
  kind: "call_for_proposals",
  title: "Appel à propositions",
  description: "",
  description_html: "<p>Proposez.</p>",
  opens_on: "2027-03-01",
  closes_on: "2027-03-31",
  accepts_proposals: true,
  open: true,
};
const published: Timeline = {
  action_plan_id: 3,
  action_plan_slug: plan.slug,
  published_at: "2027-02-25T10:00:00Z",
  late_reason: "Le forum de lancement a été avancé.",
  phases: [phase],
  open_for_proposals: 1,
};
const counts = {
  total: 3,
  received: 1,
  under_review: 0,
  retained: 1,
  merged: 0,
  partly_retained: 1,
  not_retained: 0,
  online: 2,
  forum: 1,
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

function api(routes: Record<string, unknown>) {
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (path in routes) return json(routes[path]);
    if (path.endsWith("/proposals")) return json({ items: [], next_cursor: null });
    throw new Error(`unexpected request ${path}`);
  });
}

function signInAs(role: Account["role"]) {
  const user = { id: 99, email: "x@example.org", display_name: "Moi", handle: "moi", role, locale: "fr" };
  localStorage.setItem("opendetat.session", JSON.stringify({ expiresAt: "2999-01-01T00:00:00Z", user }));
  return user;
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter initialEntries={[`/plans/${plan.slug}/concertation`]}>
          <Routes>
            <Route path="/plans/:slug/concertation" element={<CoCreationPage />} />
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe("the concertation page", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("says the timeline is not published yet, and offers no form", async () => {
    api({
      [`/api/v1/action-plans/${plan.slug}`]: plan,
      [`/api/v1/action-plans/${plan.slug}/timeline`]: { ...published, published_at: null, phases: [] },
      [`/api/v1/action-plans/${plan.slug}/proposals/summary`]: {
        action_plan_id: 3,
        counts: { ...counts, total: 0 },
        can_respond: false,
      },
    });
    renderPage();
    expect(await screen.findByText(/Le calendrier de la concertation n'est pas encore publié/)).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent(
      "Concertation : Plan d'action national 2027-2029",
    );
    expect(screen.queryByRole("region", { name: "Proposer" })).toBeNull();
    expect(screen.queryByRole("link", { name: /\.ics/ })).toBeNull();
  });

  it("shows the phases, the public reason of a late publication, the calendar and the sign-in link", async () => {
    api({
      [`/api/v1/action-plans/${plan.slug}`]: plan,
      [`/api/v1/action-plans/${plan.slug}/timeline`]: published,
      [`/api/v1/action-plans/${plan.slug}/proposals/summary`]: { action_plan_id: 3, counts, can_respond: false },
    });
    renderPage();
    const timeline = await screen.findByRole("region", { name: "Calendrier de la concertation" });
    expect(within(timeline).getByRole("heading", { name: "Appel à propositions" })).toBeInTheDocument();
    expect(within(timeline).getByText("Du 1 mars 2027 au 31 mars 2027")).toBeInTheDocument();
    expect(within(timeline).getByText("En cours")).toBeInTheDocument();
    expect(within(timeline).getByTestId("late-reason")).toHaveTextContent(
      "Calendrier publié moins de 14 jours avant l'ouverture de la première phase : Le forum de lancement a été avancé.",
    );
    expect(within(timeline).getByRole("link", { name: /\.ics/ })).toHaveAttribute(
      "href",
      "/api/v1/action-plans/pan-2027-2029/timeline.ics",
    );
    expect(screen.getByRole("link", { name: "Connectez-vous pour faire une proposition." })).toBeInTheDocument();
    // The counts: a chart, and the same figures in a table.
    const table = await screen.findByRole("table", { name: "Propositions par réponse publiée" });
    expect(within(table).getByRole("row", { name: "Partiellement retenue 1" })).toBeInTheDocument();
    expect(
      screen.getByRole("img", { name: /^Propositions par origine — En ligne : 2, Lors d'un forum : 1$/ }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Réponses de l'institution coordinatrice" })).toBeNull();
  });

  it("gives members the form, officials the forum's form, and those who answer the drafts waiting", async () => {
    const me = signInAs("official");
    api({
      "/api/v1/me": me,
      "/api/v1/forums": { items: [], next_cursor: null },
      [`/api/v1/action-plans/${plan.slug}`]: plan,
      [`/api/v1/action-plans/${plan.slug}/timeline`]: published,
      [`/api/v1/action-plans/${plan.slug}/proposals/summary`]: {
        action_plan_id: 3,
        counts,
        drafts_waiting: 2,
        can_respond: true,
      },
    });
    renderPage();
    expect(await screen.findByRole("form", { name: "Proposer" })).toBeInTheDocument();
    expect(screen.getByText("Saisir une proposition recueillie lors d'un forum")).toBeInTheDocument();
    const responses = await screen.findByRole("region", { name: "Réponses de l'institution coordinatrice" });
    expect(within(responses).getByText("2 réponse(s) en brouillon")).toBeInTheDocument();
    expect(within(responses).getByRole("button", { name: "Publier les réponses" })).toBeInTheDocument();
  });
});
