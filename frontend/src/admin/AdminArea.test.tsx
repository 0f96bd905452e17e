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

function answer(twoFactor: { enabled: boolean; required: boolean }) {
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/me") return json(admin);
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
  });
});
