import { describe, expect, it } from "vitest";
import { render, screen } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router";
import ProviderFailurePage from "./ProviderFailurePage";

function open(query: string) {
  return render(
    <MemoryRouter initialEntries={[`/connexion/echec${query}`]}>
      <Routes>
        <Route path="/connexion/echec" element={<ProviderFailurePage />} />
      </Routes>
    </MemoryRouter>,
  );
}

// Each reason the server sends back (`/auth/oidc/{provider}/callback`), and what the page says.
const SAID: [string, RegExp][] = [
  ["state", /a commencé dans un autre navigateur ou un autre onglet, a duré plus de 10 minutes/],
  ["denied", /La connexion a été annulée, ou refusée par FranceConnect/],
  ["code", /Le code de connexion transmis par FranceConnect a été refusé : il avait peut-être déjà servi/],
  ["token", /La réponse envoyée par FranceConnect n'a pas passé les contrôles de sécurité/],
  ["email", /Aucune adresse électronique vérifiée n'a été transmise par FranceConnect/],
  ["unavailable", /Impossible de joindre FranceConnect pour le moment. Réessayez dans quelques minutes/],
  ["suspended", /Le compte lié à cette identité chez FranceConnect est suspendu/],
  ["taken", /Cette identité chez FranceConnect est déjà liée à un autre compte Open d'État/],
];

describe("the page a failed sign-in at a provider comes back to", () => {
  it.each(SAID)("explains the reason %s", (reason, message) => {
    open(`?raison=${reason}&fournisseur=franceconnect`);
    expect(screen.getByText(message)).toBeInTheDocument();
    // One h1, which names the provider, and the page's title says the same.
    const headings = screen.getAllByRole("heading", { level: 1 });
    expect(headings).toHaveLength(1);
    expect(headings[0]).toHaveTextContent("La connexion avec FranceConnect n'a pas abouti");
    expect(document.title).toBe("La connexion avec FranceConnect n'a pas abouti — Open d'État");
    expect(screen.getByRole("link", { name: "Réessayer" })).toHaveAttribute("href", "/connexion");
  });

  it("gives each reason its own message", () => {
    const texts = SAID.map(([reason]) => {
      const { container, unmount } = open(`?raison=${reason}&fournisseur=proconnect`);
      const text = container.querySelector(".fr-alert")?.textContent ?? "";
      unmount();
      return text;
    });
    expect(new Set(texts).size).toBe(SAID.length);
    // All but "state" (a flow this browser did not begin says nothing of a provider) name it.
    expect(texts.filter((t) => t.includes("ProConnect"))).toHaveLength(SAID.length - 1);
  });

  it("says something general for a reason it does not know, and for no provider named", () => {
    open("?raison=autre-chose");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("La connexion n'a pas abouti");
    expect(screen.getByText(/Une erreur inattendue a interrompu la connexion/)).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Réessayer" })).toHaveAttribute("href", "/connexion");
  });

  it("names no provider it does not know (nothing from the address is shown as is)", () => {
    open("?raison=denied&fournisseur=%3Cb%3Epirate%3C%2Fb%3E");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("La connexion n'a pas abouti");
    expect(screen.getByText(/refusée par le service d'identification/)).toBeInTheDocument();
    expect(screen.queryByText(/pirate/)).toBeNull();
  });
});
