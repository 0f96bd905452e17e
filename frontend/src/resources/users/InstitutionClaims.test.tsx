import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, within } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { addMessages } from "../../i18n";
import { fr as adminMessages } from "../../admin/i18n/fr";
import { InstitutionClaims } from "./InstitutionClaims";

// As the admin area does when its chunk loads.
addMessages("fr", adminMessages);

const claim = {
  user_id: 42,
  display_name: "Dominique Agent",
  handle: "dominique-agent",
  email: "dominique@numerique.gouv.fr",
  role: "member",
  siret: "13002526500013",
  institution: {
    id: 5,
    slug: "dinum",
    name: "Direction interministérielle du numérique",
    acronym: "DINUM",
    kind: "agency",
  },
  at: "2026-12-05T09:00:00Z",
};

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });

/** The claims waiting; records what the section sends. */
function api(claims: unknown[]) {
  const sent: { method: string; path: string; body: unknown }[] = [];
  fetchMock.mockImplementation(async (req: Request) => {
    const path = new URL(req.url).pathname;
    if (req.method === "GET" && path === "/api/v1/admin/institution-claims") return json(200, claims);
    const text = await req.text();
    sent.push({ method: req.method, path, body: text ? JSON.parse(text) : null });
    if (req.method === "PATCH") return json(200, { id: 42, display_name: claim.display_name });
    return json(204);
  });
  return sent;
}

function renderClaims(onDone = vi.fn()) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <QueryClientProvider client={client}>
      <h1 id="page-heading">Utilisateurs et rôles</h1>
      <InstitutionClaims onDone={onDone} />
    </QueryClientProvider>,
  );
  return { ...view, onDone };
}

describe("Demandes ProConnect", () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it("shows nothing while no claim waits", async () => {
    api([]);
    renderClaims();
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole("heading", { name: "Demandes ProConnect" })).toBeNull();
  });

  it("leaves staff their role when confirming their institution", async () => {
    const sent = api([{ ...claim, role: "moderator" }]);
    renderClaims();
    const section = await screen.findByRole("region", { name: "Demandes ProConnect" });
    fireEvent.click(
      within(section).getByRole("button", {
        name: "Confirmer Dominique Agent comme agent de Direction interministérielle du numérique (DINUM)",
      }),
    );
    await vi.waitFor(() =>
      expect(sent).toEqual([{ method: "PATCH", path: "/api/v1/admin/users/42", body: { institution_id: 5 } }]),
    );
  });

  it("confirms an official for the institution of their SIREN", async () => {
    const sent = api([claim]);
    const { onDone } = renderClaims();
    const section = await screen.findByRole("region", { name: "Demandes ProConnect" });
    expect(section).toHaveTextContent("Direction interministérielle du numérique (DINUM)");
    expect(section).toHaveTextContent("13002526500013");
    fireEvent.click(
      within(section).getByRole("button", {
        name: "Confirmer Dominique Agent comme agent de Direction interministérielle du numérique (DINUM)",
      }),
    );
    await vi.waitFor(() =>
      expect(sent).toEqual([
        { method: "PATCH", path: "/api/v1/admin/users/42", body: { role: "official", institution_id: 5 } },
      ]),
    );
    await vi.waitFor(() =>
      expect(onDone).toHaveBeenCalledWith(
        "Dominique Agent est maintenant agent de Direction interministérielle du numérique (DINUM).",
      ),
    );
  });

  it("declines a claim after a confirmation", async () => {
    const sent = api([claim]);
    renderClaims();
    const section = await screen.findByRole("region", { name: "Demandes ProConnect" });
    fireEvent.click(within(section).getByRole("button", { name: /^Refuser la demande de Dominique Agent/ }));
    expect(sent).toEqual([]);
    fireEvent.click(within(section).getByRole("button", { hidden: true, name: "Refuser la demande" }));
    await vi.waitFor(() =>
      expect(sent).toEqual([{ method: "DELETE", path: "/api/v1/admin/users/42/institution-claim", body: null }]),
    );
  });
});
