import { beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account, Comment, CommentPage } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { Discussion } from "./Discussion";
import { MarkdownPreview } from "./MarkdownPreview";

const author = (id: number, name: string) => ({
  id,
  display_name: name,
  handle: name.toLowerCase(),
  role: "member" as const,
  organisation: null,
});
const base = {
  target: { type: "forum" as const, id: 1 },
  parent_id: null,
  root_id: null,
  depth: 0,
  reply_count: 0,
  edited_at: null,
  deleted_at: null,
  hidden_reason: null,
  on_record: false,
  reactions: { useful: 0, agree: 0, disagree: 0 },
};

const visible: Comment = {
  ...base,
  id: 1,
  author: author(10, "Camille Martin"),
  body: "Bonjour **tous**",
  body_html: "<p>Bonjour <strong>tous</strong></p>",
  state: "visible",
  created_at: "2026-11-02T18:12:00Z",
  reply_count: 1,
  replies: {
    items: [
      {
        ...base,
        id: 2,
        parent_id: 1,
        root_id: 1,
        depth: 1,
        author: null,
        body: null,
        body_html: null,
        state: "deleted",
        created_at: "2026-11-03T08:40:00Z",
        deleted_at: "2026-11-04T08:40:00Z",
      },
    ],
    next_cursor: null,
  },
};
const hidden: Comment = {
  ...base,
  id: 3,
  author: author(11, "Nicolas Petit"),
  body: null,
  body_html: null,
  state: "hidden",
  hidden_reason: "Propos injurieux",
  created_at: "2026-11-01T10:00:00Z",
};

let me: Account | null = null;
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });
function answer(page: CommentPage) {
  fetchMock.mockImplementation((req: Request) => (new URL(req.url).pathname === "/api/v1/me" ? json(me) : json(page)));
}

function renderDiscussion() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter>
          <Discussion target={{ kind: "forum", id: "un-forum" }} />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

function signInAs(role: Account["role"], id = 99) {
  const user: Account = {
    id,
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
  me = user;
  localStorage.setItem("opendetat.session", JSON.stringify({ expiresAt: "2999-01-01T00:00:00Z", user }));
}

describe("Discussion", () => {
  beforeEach(() => {
    localStorage.clear();
    me = null;
    fetchMock.mockReset();
  });

  it("shows visible comments with their sanitised HTML, and deleted and hidden ones as such", async () => {
    answer({ items: [visible, hidden], next_cursor: null });
    renderDiscussion();
    const first = await screen.findByRole("article", { name: "Commentaire de Camille Martin" });
    expect(within(first).getByText("tous").tagName).toBe("STRONG");
    expect(screen.getByText("Commentaire supprimé.")).toBeInTheDocument();
    expect(screen.getByText("Commentaire masqué par la modération.")).toBeInTheDocument();
    expect(screen.getByText("Motif : Propos injurieux")).toBeInTheDocument();
    // Signed out: an invitation to sign in, no action buttons.
    expect(screen.getByRole("link", { name: "Connectez-vous pour participer à la discussion." })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Répondre" })).toBeNull();
    // The list was asked for with replies embedded, newest threads first (server order kept).
    const url = new URL((fetchMock.mock.calls[0][0] as Request).url);
    expect(url.pathname).toBe("/api/v1/forums/un-forum/comments");
    expect(url.searchParams.get("replies")).toBe("3");
  });

  it("says so when there is no comment", async () => {
    answer({ items: [], next_cursor: null });
    renderDiscussion();
    expect(await screen.findByText("Aucun commentaire pour l'instant. Lancez la discussion !")).toBeInTheDocument();
  });

  it("offers to load more threads when there is a next page", async () => {
    answer({ items: [visible], next_cursor: "abc" });
    renderDiscussion();
    expect(await screen.findByRole("button", { name: "Afficher plus de discussions" })).toBeInTheDocument();
  });

  it("says what went wrong by the problem's code, in the reader's language, when the list fails", async () => {
    fetchMock.mockImplementation(
      () =>
        new Response(
          JSON.stringify({
            type: "t",
            title: "Not Found",
            status: 404,
            detail: "No forum with slug un-forum.",
            code: "not_found",
          }),
          {
            status: 404,
            headers: { "Content-Type": "application/problem+json" },
          },
        ),
    );
    renderDiscussion();
    expect(await screen.findByText("Cette page ou cette ressource n'existe pas (ou plus).")).toBeInTheDocument();
    // Never the API's English detail.
    expect(screen.queryByText("No forum with slug un-forum.")).toBeNull();
  });

  it("lets moderators see a hidden text and restore it, and authors edit and delete their own", async () => {
    signInAs("moderator", 10);
    answer({
      items: [visible, { ...hidden, body: "texte masqué", body_html: "<p>texte masqué</p>" }],
      next_cursor: null,
    });
    renderDiscussion();
    const own = await screen.findByRole("article", { name: "Commentaire de Camille Martin" });
    expect(within(own).getAllByRole("button", { name: "Modifier" }).length).toBe(1);
    expect(within(own).getAllByRole("button", { name: "Supprimer" }).length).toBe(1);
    const moderated = screen.getByRole("article", { name: "Commentaire de Nicolas Petit" });
    expect(within(moderated).getByText("texte masqué")).toBeInTheDocument();
    expect(within(moderated).getByRole("button", { name: "Rétablir" })).toBeInTheDocument();
    expect(within(moderated).queryByRole("button", { name: "Modifier" })).toBeNull();
    // The API's requests carried no token a script could read: the session is the browser's
    // HttpOnly cookie (the discussion's public stream is opened with a URL of its own).
    const calls = fetchMock.mock.calls.map(([req]) => req as Request | string);
    const requests = calls.filter((req): req is Request => typeof req !== "string");
    expect(calls.filter((req) => typeof req === "string")).toEqual(["/api/v1/subjects/forum/un-forum/stream"]);
    expect(requests.length).toBeGreaterThan(0);
    for (const req of requests) expect(req.headers.get("Authorization")).toBeNull();
  });

  it("shows an institution's answer as such: marked, its edit mentioned, edited but never deleted by its author", async () => {
    signInAs("official", 10);
    answer({
      items: [{ ...visible, replies: undefined, reply_count: 0, on_record: true, edited_at: "2026-11-03T09:00:00Z" }],
      next_cursor: null,
    });
    renderDiscussion();
    const item = await screen.findByRole("article", { name: "Commentaire de Camille Martin" });
    expect(within(item).getByText("Réponse de l'institution")).toBeInTheDocument();
    expect(within(item).getByText(/modifié le/)).toBeInTheDocument();
    expect(within(item).getByRole("button", { name: "Modifier" })).toBeInTheDocument();
    expect(within(item).queryByRole("button", { name: "Supprimer" })).toBeNull();
  });

  it("shows a comment posted while the discussion was still loading (that first load is dropped)", async () => {
    signInAs("member");
    const mine: Comment = {
      ...visible,
      id: 7,
      replies: undefined,
      reply_count: 0,
      body: "Le mien",
      body_html: "<p>Le mien</p>",
    };
    let posted = false;
    let releaseFirst: (r: Response) => void = () => {};
    let lists = 0;
    fetchMock.mockImplementation((req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === "/api/v1/me") return json(me);
      if (req.method === "POST") {
        posted = true;
        return new Response(JSON.stringify(mine), { status: 201, headers: { "Content-Type": "application/json" } });
      }
      lists += 1;
      // The first list was read before the comment was posted, and answers only afterwards.
      if (lists === 1) return new Promise<Response>((resolve) => (releaseFirst = resolve));
      return json({ items: posted ? [mine] : [], next_cursor: null });
    });
    renderDiscussion();
    fireEvent.change(await screen.findByLabelText(/^Votre commentaire/), { target: { value: "Le mien" } });
    fireEvent.click(screen.getByRole("button", { name: "Publier" }));
    await waitFor(() => expect(posted).toBe(true));
    releaseFirst(json({ items: [], next_cursor: null }));
    // Asked again after the post: the comment is listed.
    expect(await screen.findByRole("article", { name: "Commentaire de Camille Martin" })).toHaveTextContent("Le mien");
    expect(lists).toBe(2);
  });
});

describe("MarkdownPreview", () => {
  it("renders the common subset without ever injecting markup", () => {
    const { container } = render(
      <MarkdownPreview
        source={
          "**gras** et *italique* <script>alert(1)</script>\n\n- un\n- deux\n\n[ok](https://example.org) [ko](javascript:alert(1))"
        }
      />,
    );
    expect(container.querySelector("strong")?.textContent).toBe("gras");
    expect(container.querySelector("em")?.textContent).toBe("italique");
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain("<script>alert(1)</script>");
    expect(container.querySelectorAll("li").length).toBe(2);
    const links = container.querySelectorAll("a");
    expect(links.length).toBe(1);
    expect(links[0].getAttribute("href")).toBe("https://example.org");
    expect(container.textContent).toContain("[ko](javascript:alert(1))");
  });
});
