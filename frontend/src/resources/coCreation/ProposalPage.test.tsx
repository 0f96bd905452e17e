import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { StatusRegion } from "../../components/announce";
import type { Proposal } from "./queries";
import { SupportButton } from "./SupportButton";
import { DraftResponseForm } from "./ResponseForms";
import ProposalPage from "./ProposalPage";

const proposal: Proposal = {
  id: 7,
  action_plan_id: 3,
  action_plan_slug: "pan-2027-2029",
  title: "Publier les avis des commissions consultatives",
  problem: "Les avis restent dans les tiroirs.",
  problem_html: "<p>Les avis restent dans les tiroirs.</p>",
  solution: "Les mettre en ligne.",
  solution_html: "<p>Les mettre en ligne.</p>",
  theme: "Transparence",
  commitment: null,
  possible_lead: "DINUM",
  lang: "fr",
  origin: "online",
  forum: null,
  author: { id: 10, display_name: "Camille Martin" },
  spoken_by: null,
  support_count: 3,
  supported: false,
  response: { state: "received", reason: null, reason_html: null, at: null },
  draft_response: null,
  merged_into: null,
  merged_from: [],
  created_at: "2027-03-03T09:00:00Z",
  updated_at: "2027-03-03T09:00:00Z",
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

type Sent = { method: string; path: string; body: unknown };

/** Answers by "METHOD /path" (GET when no method is named); records the writes. */
function api(routes: Record<string, unknown>) {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (req: Request) => {
    const path = new URL(req.url).pathname;
    const text = req.method === "GET" ? "" : await req.text();
    const body: unknown = text ? JSON.parse(text) : null;
    if (req.method !== "GET") sent.push({ method: req.method, path, body });
    const route = routes[`${req.method} ${path}`] ?? (req.method === "GET" ? routes[path] : undefined);
    if (route === undefined) {
      // The discussion and the live stream are not what these tests look at.
      if (path.endsWith("/comments")) return json({ items: [], next_cursor: null });
      if (path.startsWith("/api/v1/me/follows/")) return json({ following: false, followers: 0 });
      return json({ code: "not_found", status: 404, title: "Not Found", detail: path }, 404);
    }
    return json(typeof route === "function" ? (route as (b: unknown) => unknown)(body) : route);
  });
  return sent;
}

function signInAs(role: Account["role"]) {
  const user: Account = {
    id: 99,
    email: "x@example.org",
    display_name: "Moi",
    handle: "moi",
    role,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    locale: "fr",
    email_verified: true,
    two_factor: false,
  };
  localStorage.setItem("opendetat.session", JSON.stringify({ expiresAt: "2999-01-01T00:00:00Z", user }));
  return user;
}

function renderWith(children: React.ReactNode, path = "/") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <StatusRegion />
          {children}
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const status = () => document.getElementById("od-status")!;

const plan = { slug: "pan-2027-2029", title: "Plan d'action national 2027-2029", status: "in_preparation", lang: "fr" };
const page = () => (
  <Routes>
    <Route path="/propositions/:id" element={<ProposalPage />} />
  </Routes>
);

describe("the support button", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("supports, says the new count in the status region and keeps the focus on the button", async () => {
    const me = signInAs("member");
    const sent = api({
      "/api/v1/me": me,
      "/api/v1/proposals/7": proposal,
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": { action_plan_id: 3, counts: {}, can_respond: false },
      "POST /api/v1/proposals/7/supports": { proposal_id: 7, support_count: 4, supported: true },
    });
    renderWith(page(), "/propositions/7");
    const button = await screen.findByRole("button", { name: "Soutenir" });
    expect(screen.getByTestId("support-count")).toHaveTextContent("3 soutien(s)");
    button.focus();
    fireEvent.click(button);
    await waitFor(() => expect(status()).toHaveTextContent("Vous soutenez cette proposition : 4 soutien(s)."));
    expect(sent).toEqual([{ method: "POST", path: "/api/v1/proposals/7/supports", body: null }]);
    // The page shows the answer's count, and the same button now withdraws, with the focus on it.
    expect(screen.getByTestId("support-count")).toHaveTextContent("4 soutien(s)");
    const withdraw = screen.getByRole("button", { name: "Retirer mon soutien" });
    await waitFor(() => expect(withdraw).toHaveFocus());
  });

  it("withdraws a support given", async () => {
    const me = signInAs("member");
    const sent = api({
      "/api/v1/me": me,
      "DELETE /api/v1/proposals/7/supports/me": { proposal_id: 7, support_count: 2, supported: false },
    });
    renderWith(<SupportButton proposal={{ ...proposal, supported: true }} open />);
    fireEvent.click(screen.getByRole("button", { name: "Retirer mon soutien" }));
    await waitFor(() => expect(status()).toHaveTextContent("Soutien retiré : 2 soutien(s)."));
    expect(sent).toEqual([{ method: "DELETE", path: "/api/v1/proposals/7/supports/me", body: null }]);
  });

  it("asks a visitor to sign in, and offers nothing once supports are closed", () => {
    api({});
    const { unmount } = renderWith(<SupportButton proposal={{ ...proposal, supported: null }} open />);
    expect(screen.getByRole("link", { name: "Connectez-vous pour soutenir cette proposition." })).toHaveAttribute(
      "href",
      "/connexion",
    );
    expect(screen.queryByRole("button")).toBeNull();
    unmount();
    renderWith(<SupportButton proposal={{ ...proposal, supported: null }} open={false} />);
    expect(screen.getByTestId("support-count")).toHaveTextContent("3 soutien(s)");
    expect(screen.queryByRole("link")).toBeNull();
  });
});

describe("the draft response form", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("asks for the reason of a retained proposal before sending anything, then saves the draft", async () => {
    const me = signInAs("official");
    const sent = api({
      "/api/v1/me": me,
      "PUT /api/v1/proposals/7/draft-response": (body: unknown) => ({
        ...proposal,
        draft_response: { ...(body as object), reason_html: null, at: "2027-03-10T10:00:00Z" },
      }),
    });
    renderWith(<DraftResponseForm proposal={proposal} />);
    const form = screen.getByRole("form", { name: "Réponse (brouillon)" });
    fireEvent.change(within(form).getByLabelText("Réponse"), { target: { value: "retained" } });
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer le brouillon" }));
    // Checked here, worded as the API would: the field is named and linked from the summary.
    const summary = await within(form).findByRole("link", { name: "Motif" });
    expect(summary).toHaveAttribute("href", "#draft-field-reason");
    expect(within(form).getByLabelText(/^Motif/)).toHaveAttribute("aria-invalid", "true");
    expect(sent).toEqual([]);

    fireEvent.change(within(form).getByLabelText(/^Motif/), {
      target: { value: "Elle rejoint l'engagement sur les données ouvertes." },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer le brouillon" }));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          method: "PUT",
          path: "/api/v1/proposals/7/draft-response",
          body: { state: "retained", reason: "Elle rejoint l'engagement sur les données ouvertes." },
        },
      ]),
    );
    await waitFor(() => expect(status()).toHaveTextContent("Brouillon de réponse enregistré."));
  });

  it("sends no reason for a proposal under review, and discards a draft", async () => {
    const me = signInAs("official");
    const drafted = {
      ...proposal,
      draft_response: { state: "under_review" as const, reason: null, at: "2027-03-10T10:00:00Z" },
    };
    const sent = api({
      "/api/v1/me": me,
      "PUT /api/v1/proposals/7/draft-response": drafted,
      "DELETE /api/v1/proposals/7/draft-response": proposal,
    });
    renderWith(<DraftResponseForm proposal={drafted} />);
    const form = screen.getByRole("form", { name: "Réponse (brouillon)" });
    expect(within(form).getByText(/Brouillon enregistré le .* : En cours d'examen\./)).toBeInTheDocument();
    expect(within(form).getByLabelText(/^Motif \(facultatif\)/)).not.toBeRequired();
    fireEvent.click(within(form).getByRole("button", { name: "Enregistrer le brouillon" }));
    await waitFor(() => expect(sent.length).toBe(1));
    expect(sent[0].body).toEqual({ state: "under_review", reason: null });
    fireEvent.click(within(form).getByRole("button", { name: "Abandonner le brouillon" }));
    await waitFor(() =>
      expect(sent[1]).toEqual({ method: "DELETE", path: "/api/v1/proposals/7/draft-response", body: null }),
    );
    await waitFor(() => expect(status()).toHaveTextContent("Brouillon de réponse abandonné."));
  });
});

describe("the proposal page", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  it("shows the forum it was collected at, its published response and what was merged into it", async () => {
    api({
      "/api/v1/proposals/7": {
        ...proposal,
        origin: "forum",
        author: null,
        forum: { id: 4, slug: "forum-de-lyon", title: "Forum de Lyon" },
        spoken_by: "Association Regards Citoyens",
        response: {
          state: "retained",
          reason: "x",
          reason_html: "<p>Elle est retenue.</p>",
          at: "2027-04-01T08:00:00Z",
        },
        merged_from: [{ id: 9, title: "Ouvrir les avis" }],
      },
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": { action_plan_id: 3, counts: {}, can_respond: false },
    });
    renderWith(page(), "/propositions/7");
    expect(await screen.findByRole("heading", { level: 1, name: proposal.title })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Forum de Lyon" })).toHaveAttribute("href", "/forums/forum-de-lyon");
    expect(screen.getByText(/Recueillie lors du forum/)).toBeInTheDocument();
    expect(screen.getByText("Association Regards Citoyens")).toBeInTheDocument();
    const response = screen.getByTestId("response");
    expect(within(response).getByText("Retenue")).toBeInTheDocument();
    expect(within(response).getByText("Elle est retenue.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Ouvrir les avis" })).toHaveAttribute("href", "/propositions/9");
    // Not one of those who answer: no draft.
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(3));
    expect(screen.queryByRole("form", { name: "Réponse (brouillon)" })).toBeNull();
  });

  it("offers the draft and the merge to those who answer for the plan", async () => {
    const me = signInAs("official");
    api({
      "/api/v1/me": me,
      "/api/v1/proposals/7": proposal,
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": {
        action_plan_id: 3,
        counts: {},
        drafts_waiting: 0,
        can_respond: true,
      },
    });
    renderWith(page(), "/propositions/7");
    expect(await screen.findByRole("form", { name: "Réponse (brouillon)" })).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Fusionner avec…" })).toBeInTheDocument();
    expect(
      screen.getByRole("link", { name: "Publier les réponses depuis la page de la concertation" }),
    ).toHaveAttribute("href", "/plans/pan-2027-2029/concertation");
  });
});
