import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter, Route, Routes, useLocation } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { SearchHit } from "../../api/client";
import SearchPage, { hitPath, tidyExcerptHtml } from "./SearchPage";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status === 200 ? "application/json" : "application/problem+json" },
  });

const hit = (h: Partial<SearchHit> & Pick<SearchHit, "type" | "id" | "title">): SearchHit => ({
  excerpt_html: "",
  rank: 0.5,
  at: "2018-10-11T16:00:00Z",
  target: null,
  commitment_id: null,
  ...h,
});
const forum = hit({
  type: "forum",
  id: 7,
  title: "Forum Open d'État : transparence des algorithmes publics",
  excerpt_html: "expliquer les <mark>algorithmes</mark> &lt;script&gt;",
});
const comment = hit({
  type: "comment",
  id: 40,
  title: "Les algorithmes de Parcoursup…",
  target: { type: "commitment", id: 3 },
});
const milestone = hit({ type: "milestone", id: 12, title: "Publier le code source", commitment_id: 3 });

function Where() {
  const l = useLocation();
  return <span data-testid="where">{l.pathname + l.search}</span>;
}

function renderAt(path: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route
            path="/recherche"
            element={
              <>
                <SearchPage />
                <Where />
              </>
            }
          />
        </Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
const requested = (i = 0) => new URL((fetchMock.mock.calls[i][0] as Request).url);

describe("SearchPage", () => {
  beforeEach(() => {
    fetchMock.mockReset();
  });

  it("asks nothing without words, and offers tips", () => {
    renderAt("/recherche");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Recherche");
    expect(screen.getByRole("heading", { name: "Conseils de recherche" })).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    // Searching for blanks is refused in the form.
    fireEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(screen.getByText("Saisissez au moins un mot.")).toBeInTheDocument();
    expect(screen.getByTestId("where")).toHaveTextContent(/^\/recherche$/);
  });

  it("shows results with their marked excerpt, kind and link, and the count", async () => {
    fetchMock.mockResolvedValue(json({ items: [forum, comment, milestone], next_cursor: null }));
    renderAt("/recherche?q=algorithmes&type=forum");
    const link = await screen.findByRole("link", { name: forum.title });
    expect(link).toHaveAttribute("href", "/forums/7");
    expect(screen.getByRole("link", { name: comment.title })).toHaveAttribute("href", "/engagements/3#discussion");
    expect(screen.getByRole("link", { name: milestone.title })).toHaveAttribute("href", "/jalons/12");
    const item = link.closest("article")!;
    expect(item.querySelector("mark")?.textContent).toBe("algorithmes");
    expect(item.querySelector("script")).toBeNull();
    expect(within(item).getByText(/<script>/)).toBeInTheDocument();
    expect(within(item).getByText("Forum")).toBeInTheDocument();
    expect(screen.getByText("Commentaire sur un engagement · Publié le 11 octobre 2018")).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("3 résultats");
    expect(screen.queryByRole("button", { name: "Afficher plus de résultats" })).toBeNull();
    // The request carried the words and the type; the form shows them.
    expect(requested().pathname).toBe("/api/v1/search");
    expect(requested().searchParams.get("q")).toBe("algorithmes");
    expect(requested().searchParams.get("type")).toBe("forum");
    expect(screen.getByRole("searchbox", { name: /Mots recherchés/ })).toHaveValue("algorithmes");
    expect(screen.getByRole("combobox", { name: "Type de résultat" })).toHaveValue("forum");
  });

  it("loads more results with the cursor", async () => {
    fetchMock.mockResolvedValueOnce(json({ items: [forum, comment], next_cursor: "abc" }));
    fetchMock.mockResolvedValueOnce(json({ items: [milestone], next_cursor: null }));
    renderAt("/recherche?q=algorithmes");
    expect(await screen.findByRole("status")).toHaveTextContent("2 premiers résultats");
    fireEvent.click(screen.getByRole("button", { name: "Afficher plus de résultats" }));
    expect(await screen.findByRole("link", { name: milestone.title })).toBeInTheDocument();
    expect(requested(1).searchParams.get("cursor")).toBe("abc");
    expect(screen.getByRole("status")).toHaveTextContent("3 résultats");
  });

  it("keeps the results shown when a further page fails, and offers to try again", async () => {
    fetchMock.mockResolvedValueOnce(json({ items: [forum, comment], next_cursor: "abc" }));
    fetchMock.mockResolvedValueOnce(
      json({ title: "Service Unavailable", status: 503, code: "unavailable", detail: "Try later." }, 503),
    );
    renderAt("/recherche?q=algorithmes");
    fireEvent.click(await screen.findByRole("button", { name: "Afficher plus de résultats" }));
    expect(await screen.findByText("Try later.")).toBeInTheDocument();
    expect(screen.getByRole("link", { name: forum.title })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Afficher plus de résultats" })).toBeNull();
    fetchMock.mockResolvedValueOnce(json({ items: [milestone], next_cursor: null }));
    fireEvent.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(await screen.findByRole("link", { name: milestone.title })).toBeInTheDocument();
    expect(screen.queryByText("Try later.")).toBeNull();
  });

  it("says when nothing is found, and shows the API's problem on failure", async () => {
    fetchMock.mockResolvedValueOnce(json({ items: [], next_cursor: null }));
    const view = renderAt("/recherche?q=introuvable");
    expect(await screen.findByText("Aucun résultat pour « introuvable ».")).toBeInTheDocument();
    view.unmount();
    fetchMock.mockResolvedValueOnce(
      json(
        {
          title: "Unprocessable",
          status: 422,
          code: "validation_failed",
          detail: "Invalid query.",
          errors: [
            {
              field: "q",
              code: "length",
              message: "must be between 1 and 200 characters",
              params: { min: 1, max: 200 },
            },
          ],
        },
        422,
      ),
    );
    renderAt("/recherche?q=x");
    expect(await screen.findByText("Certains champs sont invalides.")).toBeInTheDocument();
    expect(screen.queryByText("Invalid query.")).toBeNull();
    expect(screen.getAllByText("Saisissez entre 1 et 200 caractères.").length).toBeGreaterThan(0);
  });

  it("puts a new search in the address", async () => {
    fetchMock.mockResolvedValue(json({ items: [], next_cursor: null }));
    renderAt("/recherche");
    fireEvent.change(screen.getByRole("searchbox", { name: /Mots recherchés/ }), {
      target: { value: "  données ouvertes " },
    });
    fireEvent.change(screen.getByRole("combobox", { name: "Type de résultat" }), { target: { value: "comment" } });
    fireEvent.click(screen.getByRole("button", { name: "Rechercher" }));
    expect(screen.getByTestId("where")).toHaveTextContent("/recherche?q=donn%C3%A9es+ouvertes&type=comment");
    await screen.findByText("Aucun résultat pour « données ouvertes ».");
  });
});

describe("hitPath", () => {
  it("leads a comment to its target's discussion", () => {
    expect(hitPath(hit({ type: "comment", id: 1, title: "x", target: { type: "milestone", id: 9 } }))).toEqual({
      pathname: "/jalons/9",
      hash: "#discussion",
    });
    expect(hitPath(hit({ type: "commitment", id: 41, title: "x" }))).toBe("/engagements/41");
  });
});

describe("tidyExcerptHtml", () => {
  it("drops markdown markers and keeps the escaping and the marks", () => {
    expect(
      tidyExcerptHtml("suite :\n\n- publier la **liste des <mark>algorithmes</mark>** ;\n- un `code` &lt;b&gt;"),
    ).toBe("suite : publier la liste des <mark>algorithmes</mark> ; un code &lt;b&gt;");
    expect(tidyExcerptHtml("&gt; cité\n## Titre\n1. premier")).toBe("cité Titre premier");
  });
});
