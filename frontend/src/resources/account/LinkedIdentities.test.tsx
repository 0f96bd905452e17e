import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { LinkedIdentities } from "./LinkedIdentities";
import "./pageMessages";

const member: Account = {
  id: 12,
  email: "camille@example.org",
  display_name: "Camille",
  handle: "camille",
  role: "member",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  locale: "fr",
  email_verified: true,
  two_factor: false,
};

const franceConnect = {
  id: 3,
  provider: "franceconnect" as const,
  email: "camille@fc.example",
  created_at: "2026-11-02T09:00:00Z",
  last_used_at: "2026-12-05T09:00:00Z",
};
const proConnect = {
  id: 4,
  provider: "proconnect" as const,
  email: "camille@agents.example",
  created_at: "2026-11-03T09:00:00Z",
  last_used_at: "2026-12-04T09:00:00Z",
};

const answer = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
  });

/** The API as the section asks it: the account's ways in, the providers configured, unlinking. */
function api(methods: { password: boolean; identities: unknown[] }, unlink?: Response, providers: unknown[] = []) {
  const deleted: string[] = [];
  fetchMock.mockImplementation((req: Request) => {
    const path = new URL(req.url).pathname;
    if (path === "/api/v1/me") return answer(200, member);
    if (path === "/api/v1/me/identities") return answer(200, methods);
    if (path === "/api/v1/auth/providers") return answer(200, providers);
    if (req.method === "DELETE" && path.startsWith("/api/v1/me/identities/")) {
      deleted.push(path);
      return unlink ?? answer(204);
    }
    return answer(404, { status: 404, code: "not_found", title: "Not Found", detail: "" });
  });
  return deleted;
}

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter>
          <LinkedIdentities />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

/** Clicks the row's "Délier", then the confirmation's (jsdom shows no modal: the dialog's
 *  content stays out of the accessibility tree, hence `hidden`). */
async function unlink(name: RegExp) {
  fireEvent.click(await screen.findByRole("button", { name }));
  const dialog = document.querySelector("dialog");
  expect(dialog).toHaveTextContent(/^Délier FranceConnect \?/);
  fireEvent.click(within(dialog!).getByRole("button", { hidden: true, name: "Délier" }));
}

describe("Identités liées", () => {
  beforeEach(() => {
    localStorage.clear();
    localStorage.setItem("opendetat.session", JSON.stringify({ expiresAt: "2999-01-01T00:00:00Z", user: member }));
    fetchMock.mockReset();
  });

  it("lists each identity: the service, the address it gave, since when and when last used", async () => {
    api({ password: true, identities: [franceConnect, proConnect] });
    renderSection();
    const section = screen.getByRole("region", { name: "Identités liées" });
    const table = await within(section).findByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent("FranceConnect");
    expect(rows[1]).toHaveTextContent("camille@fc.example");
    expect(rows[1]).toHaveTextContent("2 novembre 2026");
    expect(rows[2]).toHaveTextContent("ProConnect");
    expect(within(section).getByRole("button", { name: "Délier ProConnect (camille@agents.example)" })).toBeEnabled();
  });

  it("says when there is none, and shows no button to link one when no provider is configured", async () => {
    api({ password: true, identities: [] });
    renderSection();
    expect(await screen.findByText("Aucune identité liée.")).toBeInTheDocument();
    expect(screen.queryByRole("table")).toBeNull();
    expect(screen.queryByRole("link", { name: /S.identifier avec/ })).toBeNull();
  });

  it("with none linked and providers configured, shows their buttons, which come back to the account", async () => {
    api({ password: true, identities: [] }, undefined, [
      { id: "franceconnect", name: "FranceConnect" },
      { id: "proconnect", name: "ProConnect" },
    ]);
    renderSection();
    const links = await screen.findAllByRole("link", { name: /S.identifier avec/ });
    // ProConnect first (public officials), then FranceConnect.
    expect(links.map((l) => l.getAttribute("href"))).toEqual([
      "/api/v1/auth/oidc/proconnect/start?next=%2Fcompte",
      "/api/v1/auth/oidc/franceconnect/start?next=%2Fcompte",
    ]);
    expect(screen.getByText(/elle sera liée à ce compte, quelle que soit l'adresse/)).toBeInTheDocument();
  });

  it("unlinks an identity after the confirmation", async () => {
    const deleted = api({ password: true, identities: [franceConnect] });
    renderSection();
    await unlink(/^Délier FranceConnect/);
    await vi.waitFor(() => expect(deleted).toEqual(["/api/v1/me/identities/3"]));
  });

  it("refused as the only way left to sign in (409), says to choose a password first, with the link", async () => {
    const deleted = api(
      { password: false, identities: [franceConnect] },
      answer(409, {
        status: 409,
        code: "last_sign_in_method",
        title: "Conflict",
        detail: "It is the account's only way to sign in: choose a password first.",
      }),
    );
    renderSection();
    // No password yet: the section says so before anything is tried.
    expect(await screen.findByText(/Ce compte n'a pas de mot de passe/)).toBeInTheDocument();
    await unlink(/^Délier FranceConnect/);
    expect(
      await screen.findByText(
        "C'est le seul moyen de vous connecter à ce compte : choisissez d'abord un mot de passe avec « Mot de passe oublié », puis déliez cette identité.",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Choisir un mot de passe" })).toHaveAttribute(
      "href",
      "/mot-de-passe-oublie",
    );
    expect(deleted).toEqual(["/api/v1/me/identities/3"]);
    // The identity stays listed.
    expect(screen.getByRole("button", { name: /^Délier FranceConnect/ })).toBeInTheDocument();
  });
});
