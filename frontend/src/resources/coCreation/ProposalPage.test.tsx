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
  became: [],
  became_progress: [],
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

describe("the commitments a proposal became", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  const retained = {
    ...proposal,
    response: {
      state: "retained" as const,
      reason: "x",
      reason_html: "<p>Elle est retenue.</p>",
      at: "2027-04-01T08:00:00Z",
    },
  };
  const fr0041 = { id: 41, code: "FR0041", title: "Ouvrir les avis des commissions" };
  const traced = {
    ...retained,
    became: [fr0041],
    became_progress: [
      {
        commitment: fr0041,
        completion: { total: 4, complete: 1, percent: 25, level: "substantial" as const },
        latest_update: {
          id: 88,
          milestone_id: 12,
          as_of: "2028-02-15",
          status: "in_progress" as const,
          completion: "substantial" as const,
          note: "Trois commissions publient leurs avis.",
          note_html: "<p>Trois commissions publient leurs avis.</p>",
          evidence: [],
          corrects: null,
          corrected_by: [],
          author: { id: 5, display_name: "Claire Dubois", institution: null },
          created_at: "2028-02-16T10:00:00Z",
        },
      },
    ],
  };
  const summary = (can_respond: boolean) => ({
    action_plan_id: 3,
    counts: {},
    drafts_waiting: 0,
    can_respond,
  });

  it("shows each commitment with its completion and its latest progress update", async () => {
    api({
      "/api/v1/proposals/7": traced,
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": summary(false),
    });
    renderWith(page(), "/propositions/7");
    const section = await screen.findByRole("region", { name: "Devenue l'engagement" });
    expect(
      within(section).getByRole("heading", { level: 3, name: "FR0041 — Ouvrir les avis des commissions" }),
    ).toBeInTheDocument();
    expect(within(section).getByRole("link", { name: "FR0041 — Ouvrir les avis des commissions" })).toHaveAttribute(
      "href",
      "/engagements/FR0041",
    );
    // OGP's completion level of the commitment, and its milestones complete.
    expect(within(section).getByText(/Niveau d'achèvement/)).toHaveTextContent("Substantiel");
    expect(within(section).getByText(/1 jalons atteints sur 4/)).toBeInTheDocument();
    // Its latest update: date, the milestone's status and completion, the note, and where it is logged.
    const latest = within(section).getByTestId("latest-update");
    expect(within(latest).getByText("15 février 2028")).toHaveAttribute("datetime", "2028-02-15");
    expect(latest).toHaveTextContent("En cours");
    expect(latest).toHaveTextContent("Substantiel");
    expect(within(latest).getByText("Trois commissions publient leurs avis.")).toBeInTheDocument();
    expect(
      within(latest).getByRole("link", { name: "Voir ce point dans le journal d'avancement du jalon" }),
    ).toHaveAttribute("href", "/jalons/12#point-88");
    // A reader may not undo the link nor make one.
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(3));
    expect(within(section).queryByRole("button")).toBeNull();
    expect(screen.queryByRole("form", { name: "Relier à un engagement" })).toBeNull();
  });

  it("shows no section to a reader when the proposal became no commitment", async () => {
    api({
      "/api/v1/proposals/7": retained,
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": summary(false),
    });
    renderWith(page(), "/propositions/7");
    expect(await screen.findByTestId("response")).toBeInTheDocument();
    await waitFor(() => expect(fetchMock.mock.calls.length).toBeGreaterThan(3));
    expect(screen.queryByRole("region", { name: /engagement/i })).toBeNull();
    expect(screen.queryByText("Dernier point d'avancement")).toBeNull();
  });

  it("links a retained proposal to a commitment, says why one not retained cannot be, and unlinks", async () => {
    const me = signInAs("official");
    let answer: { status: number; body: unknown } = {
      status: 409,
      body: { code: "not_retained", status: 409, title: "Conflict", detail: "Only a retained proposal." },
    };
    const sent = api({
      "/api/v1/me": me,
      "/api/v1/proposals/7": proposal,
      "/api/v1/action-plans/pan-2027-2029": plan,
      "/api/v1/action-plans/pan-2027-2029/proposals/summary": summary(true),
      "DELETE /api/v1/proposals/7/commitments/FR0041": retained,
    });
    // The link answers as the test says: refused first, then made.
    const answered = fetchMock.getMockImplementation()!;
    fetchMock.mockImplementation(async (req: Request) => {
      if (req.method === "PUT" && new URL(req.url).pathname === "/api/v1/proposals/7/commitments/fr0041") {
        sent.push({ method: "PUT", path: new URL(req.url).pathname, body: null });
        return json(answer.body, answer.status);
      }
      return (answered as (r: Request) => Promise<Response>)(req);
    });
    renderWith(page(), "/propositions/7");
    const section = await screen.findByRole("region", { name: "Engagements issus de cette proposition" });
    expect(within(section).getByText("Aucun engagement n'est encore relié à cette proposition.")).toBeInTheDocument();
    const form = within(section).getByRole("form", { name: "Relier à un engagement" });
    const submit = within(form).getByRole("button", { name: "Relier à l'engagement" });

    // Nothing typed: said before asking.
    fireEvent.click(submit);
    expect(await within(form).findByRole("link", { name: "Code OGP de l'engagement" })).toHaveAttribute(
      "href",
      "#link-field-commitment",
    );
    expect(sent).toEqual([]);

    // Not retained: the API refuses, and the page says a retained response comes first.
    fireEvent.change(within(form).getByLabelText(/^Code OGP de l'engagement/), { target: { value: "fr0041" } });
    fireEvent.click(submit);
    expect(await within(form).findByText(/Seule une proposition retenue \(ou partiellement retenue\)/)).toBeVisible();

    // Retained: linked; the page shows the commitment as the API answered.
    answer = { status: 200, body: traced };
    fireEvent.click(submit);
    await waitFor(() => expect(status()).toHaveTextContent("Proposition reliée à l'engagement FR0041."));
    expect(sent.filter((s) => s.method === "PUT")).toHaveLength(2);
    const linked = await screen.findByRole("region", { name: "Devenue l'engagement" });
    expect(within(linked).getByRole("link", { name: "FR0041 — Ouvrir les avis des commissions" })).toBeInTheDocument();
    expect(within(linked).getByLabelText(/^Code OGP de l'engagement/)).toHaveValue("");
    await waitFor(() => expect(screen.getByRole("heading", { level: 2, name: "Devenue l'engagement" })).toHaveFocus());

    // Unlinked after a confirmation.
    fireEvent.click(within(linked).getByRole("button", { name: "Retirer le lien avec l'engagement FR0041" }));
    const dialog = document.querySelector("dialog")!;
    expect(dialog).toHaveTextContent(/^Retirer le lien avec cet engagement \?/);
    expect(sent.some((s) => s.method === "DELETE")).toBe(false);
    fireEvent.click(within(dialog).getByRole("button", { hidden: true, name: "Retirer le lien" }));
    await waitFor(() => expect(status()).toHaveTextContent("Lien avec l'engagement FR0041 retiré."));
    expect(sent.at(-1)).toEqual({ method: "DELETE", path: "/api/v1/proposals/7/commitments/FR0041", body: null });
    expect(await screen.findByText("Aucun engagement n'est encore relié à cette proposition.")).toBeInTheDocument();
  });
});
