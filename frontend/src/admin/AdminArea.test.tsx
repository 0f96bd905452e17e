import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { render, screen } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account } from "../api/client";
import { SessionProvider } from "../auth/session";
import AdminArea from "./AdminArea";

const admin: Account = {
  id: 7,
  email: "admin@example.org",
  display_name: "Admin",
  handle: "admin",
  role: "admin",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  locale: "fr",
  email_verified: true,
  two_factor: false,
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

/** The multi-stakeholder forum, its cadence due (a meeting needed before `gap`) or not. */
const stakeholderForum = (warning: boolean, gap: string | null = "2027-09-15") => ({
  members: [],
  balance: { administration: 0, civil_society: 0 },
  cadence: {
    met_last_12_months: gap ? 1 : 0,
    met_twice_in_12_months: false,
    last_met_at: gap ? "2027-03-15T16:00:00Z" : null,
    next_meeting_at: null,
    gap_opens_on: gap,
    warning,
  },
  meetings: [],
});

function answer(twoFactor: { enabled: boolean; required: boolean }, forum = stakeholderForum(false)) {
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/me") return json(admin);
    if (path === "/api/v1/stakeholder-forum") return json(forum);
    if (path === "/api/v1/me/two-factor")
      return json({ ...twoFactor, enabled_at: null, recovery_codes_left: twoFactor.enabled ? 10 : 0 });
    return json({ items: [], next_cursor: null });
  });
}

function renderArea() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter>
          <AdminArea />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe("AdminArea", () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem("opendetat.session", JSON.stringify({ expiresAt: "2999-01-01T00:00:00Z", user: admin }));
    fetchMock.mockReset();
  });

  it("sends a role that requires a second factor to turn one on first, instead of pages that would refuse", async () => {
    answer({ enabled: false, required: true });
    renderArea();
    expect(await screen.findByText("Activez d'abord la double authentification")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "L'activer depuis mon compte" })).toHaveAttribute(
      "href",
      "/compte#two-factor-heading",
    );
  });

  it("opens as usual once the second factor is on", async () => {
    answer({ enabled: true, required: true });
    renderArea();
    expect(await screen.findByRole("heading", { level: 1 })).toBeInTheDocument();
    expect((await screen.findAllByText(/modérat/i)).length).toBeGreaterThan(0);
    expect(screen.queryByText("Activez d'abord la double authentification")).toBeNull();
    expect(await screen.findByRole("link", { name: "Membres du forum multi-acteurs" })).toHaveAttribute(
      "href",
      "/admin/forum-multi-acteurs",
    );
    // The forum met recently enough: no alert.
    expect(screen.queryByText(/ne s'est pas réuni/)).toBeNull();
  });

  it("warns while the multi-stakeholder forum is due to meet, with the day six months without a meeting begin", async () => {
    answer({ enabled: true, required: true }, stakeholderForum(true, "2999-09-15"));
    renderArea();
    expect(
      await screen.findByText("Le forum multi-acteurs ne s'est pas réuni depuis près de six mois"),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Sans nouvelle réunion d'ici le 15 septembre 2999, le forum aura passé six mois/),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Gérer le forum multi-acteurs" })).toHaveAttribute(
      "href",
      "/admin/forum-multi-acteurs",
    );
  });

  it("says when the multi-stakeholder forum never met", async () => {
    answer({ enabled: true, required: true }, stakeholderForum(true, null));
    renderArea();
    expect(await screen.findByText("Le forum multi-acteurs ne s'est jamais réuni")).toBeInTheDocument();
    expect(
      screen.getByText(/Désignez un forum comme réunion du forum multi-acteurs depuis sa page/),
    ).toBeInTheDocument();
  });
});
