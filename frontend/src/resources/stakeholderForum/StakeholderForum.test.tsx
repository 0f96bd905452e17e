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
import { SessionProvider } from "../../auth/session";
import { ApiError } from "../../api/errors";
import { CadenceIndicator } from "./Cadence";
import { wordTermError } from "./MemberForm";
import StakeholderForumPage from "./StakeholderForumPage";
import type { Cadence, Meeting, Member, StakeholderForum } from "./queries";

const cadence = (over: Partial<Cadence>): Cadence => ({
  met_last_12_months: 0,
  met_twice_in_12_months: false,
  last_met_at: null,
  next_meeting_at: null,
  gap_opens_on: null,
  warning: true,
  ...over,
});

const member = (id: number, over: Partial<Member>): Member => ({
  id,
  name: `Membre ${id}`,
  category: "administration",
  organisation: "DINUM",
  position: null,
  term_starts_on: "2026-01-01",
  term_ends_on: null,
  current: true,
  ...over,
});

const meeting = (over: Partial<Meeting>): Meeting => ({
  forum: {
    id: 4,
    slug: "forum-de-suivi",
    title: "Forum de suivi du plan",
    starts_at: "2027-03-15T16:00:00Z",
    ends_at: "2027-03-15T18:00:00Z",
    status: "held",
  },
  held: true,
  attendance: 23,
  organisations_present: ["Open Data France", "Regards Citoyens"],
  minutes_published: true,
  marked_at: "2027-02-01T10:00:00Z",
  ...over,
});

function show(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter>{ui}</MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

describe("the cadence indicator", () => {
  it("says the forum met at least twice in 12 months, with its last and next meetings", () => {
    show(
      <CadenceIndicator
        cadence={cadence({
          met_last_12_months: 3,
          met_twice_in_12_months: true,
          last_met_at: "2027-03-15T16:00:00Z",
          next_meeting_at: "2027-06-10T16:00:00Z",
          gap_opens_on: "2027-12-10",
          warning: false,
        })}
      />,
    );
    expect(
      screen.getByText("Le forum a rencontré la société civile 3 fois au cours des 12 derniers mois."),
    ).toBeInTheDocument();
    expect(screen.getByText("Au moins deux réunions en 12 mois")).toHaveClass("fr-badge--success");
    expect(screen.queryByText("Moins de deux réunions en 12 mois")).toBeNull();
    expect(screen.getByText("15 mars 2027")).toBeInTheDocument();
    expect(screen.getByText("10 juin 2027")).toBeInTheDocument();
    expect(screen.queryByText(/six mois/)).toBeNull();
  });

  it("warns with fewer than two meetings, and says by when one is due", () => {
    show(
      <CadenceIndicator
        cadence={cadence({
          met_last_12_months: 1,
          last_met_at: "2027-03-15T16:00:00Z",
          gap_opens_on: "2999-09-15",
        })}
      />,
    );
    expect(
      screen.getByText("Le forum a rencontré la société civile 1 fois au cours des 12 derniers mois."),
    ).toBeInTheDocument();
    expect(screen.getByText("Moins de deux réunions en 12 mois")).toHaveClass("fr-badge--warning");
    expect(screen.getByText("Aucune réunion annoncée")).toBeInTheDocument();
    expect(
      screen.getByText(
        "Sans nouvelle réunion d'ici le 15 septembre 2999, le forum aura passé six mois sans rencontrer la société civile.",
      ),
    ).toBeInTheDocument();
  });

  it("says when six months without a meeting have passed, and when the forum never met", () => {
    const { unmount } = show(<CadenceIndicator cadence={cadence({ gap_opens_on: "2020-01-31" })} />);
    expect(screen.getByText(/le délai est dépassé depuis le 31 janvier 2020\./)).toBeInTheDocument();
    unmount();
    show(<CadenceIndicator cadence={cadence({})} />);
    expect(screen.getByText("Aucune réunion tenue pour l'instant")).toBeInTheDocument();
    expect(screen.getByText("Le forum ne s'est encore jamais réuni.")).toBeInTheDocument();
  });

  it("in its compact form (a plan's commitments), leads to the forum's page", () => {
    show(<CadenceIndicator cadence={cadence({ next_meeting_at: "2027-06-10T16:00:00Z", warning: false })} compact />);
    expect(screen.getByText("Prochaine réunion : le 10 juin 2027")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Le forum multi-acteurs : ses membres et ses réunions" })).toHaveAttribute(
      "href",
      "/forum-multi-acteurs",
    );
  });
});

describe("the forum's page", () => {
  beforeEach(() => {
    localStorage.clear();
    fetchMock.mockReset();
  });

  function answer(forum: StakeholderForum) {
    fetchMock.mockImplementation((req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === "/api/v1/stakeholder-forum") return json(forum);
      throw new Error(`unexpected request ${path}`);
    });
  }

  it("shows the balance as a chart with its table, the members by side and the meetings", async () => {
    answer({
      members: [
        member(1, { name: "Claire Martin", organisation: "DINUM", position: "Coprésidente" }),
        member(2, { name: "Ali Benali", category: "civil_society", organisation: "Open Data France" }),
        member(3, { name: "Jeanne Roux", category: "civil_society", organisation: "Regards Citoyens" }),
      ],
      balance: { administration: 1, civil_society: 2 },
      cadence: cadence({ met_last_12_months: 2, met_twice_in_12_months: true, warning: false }),
      meetings: [
        meeting({}),
        meeting({
          forum: { ...meeting({}).forum, id: 5, slug: "prochain", title: "Prochain forum", status: "planned" },
          held: false,
          attendance: null,
          organisations_present: [],
          minutes_published: false,
        }),
      ],
    });
    show(<StakeholderForumPage />);
    expect(await screen.findByRole("heading", { level: 1, name: "Le forum multi-acteurs" })).toBeInTheDocument();
    const table = await screen.findByRole("table", { name: "Équilibre des membres en fonction" });
    const rows = within(table).getAllByRole("row");
    expect(rows.map((r) => r.textContent)).toEqual(["CôtéNombre de membres", "Administration1", "Société civile2"]);
    expect(screen.getByRole("img", { name: /Administration : 1, Société civile : 2/ })).toBeInTheDocument();
    const administration = screen.getByRole("region", { name: "Administration" });
    expect(administration).toHaveTextContent("Claire Martin");
    expect(administration).toHaveTextContent("Coprésidente");
    const civil = screen.getByRole("region", { name: "Société civile" });
    expect(within(civil).getAllByRole("listitem")).toHaveLength(2);
    const meetings = screen.getByRole("region", { name: "Les réunions" });
    expect(within(meetings).getByRole("link", { name: "Forum de suivi du plan" })).toHaveAttribute(
      "href",
      "/forums/forum-de-suivi",
    );
    expect(meetings).toHaveTextContent("23 personne(s) présente(s).");
    expect(meetings).toHaveTextContent("Organisations présentes : Open Data France, Regards Citoyens.");
    expect(within(meetings).getByRole("link", { name: /^Compte rendu/ })).toHaveAttribute(
      "href",
      "/forums/forum-de-suivi#minutes",
    );
    expect(within(meetings).getByText("À venir")).toBeInTheDocument();
    expect(within(meetings).getAllByRole("link", { name: /Compte rendu/ })).toHaveLength(1);
  });

  it("says when there is no member and no meeting yet", async () => {
    answer({ members: [], balance: { administration: 0, civil_society: 0 }, cadence: cadence({}), meetings: [] });
    show(<StakeholderForumPage />);
    expect(await screen.findByText("Aucun membre pour l'instant.")).toBeInTheDocument();
    expect(screen.getByText("Aucune réunion pour l'instant.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("a term ending before it starts", () => {
  it("is worded on its field, other errors left as they are", () => {
    const error = new ApiError({
      status: 422,
      code: "validation_failed",
      errors: [
        { field: "term_ends_on", code: "range", message: "must not be before term_starts_on" },
        { field: "name", code: "length", message: "too long" },
      ],
    });
    const worded = wordTermError(error, "La fin du mandat ne peut pas précéder son début.") as ApiError;
    expect(worded.code).toBe("validation_failed");
    expect(worded.fieldErrors.map((e) => e.message)).toEqual([
      "La fin du mandat ne peut pas précéder son début.",
      "too long",
    ]);
  });
});
