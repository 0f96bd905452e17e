import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

// openapi-fetch takes `fetch` when the client is created: stub it before any import.
const fetchMock = vi.hoisted(() => {
  const fn = vi.fn();
  globalThis.fetch = fn;
  return fn;
});

import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { Account } from "../../api/client";
import { SessionProvider } from "../../auth/session";
import { StatusRegion } from "../../components/announce";
import { DocumentsSection } from "./Documents";
import { EvidenceDocuments } from "./Evidence";
import type { Document, DocumentFile } from "./queries";

const file = (version: number, over: Partial<DocumentFile> = {}): DocumentFile => ({
  version,
  filename: "bilan.pdf",
  media_type: "application/pdf",
  size_bytes: 12_595,
  sha256: "ab".repeat(32),
  uploaded_at: "2027-03-01T10:00:00Z",
  download: `/api/v1/documents/2/versions/${version}/file`,
  ...over,
});

const doc = (id: number, over: Partial<Document> = {}): Document => ({
  id,
  attached_to: { type: "forum", id: 4, key: "forum-de-suivi" },
  title: `Document ${id}`,
  description: "",
  level: "discovery",
  lang: "fr",
  stage: null,
  link: null,
  file: null,
  earlier_versions: [],
  created_at: "2027-03-01T10:00:00Z",
  updated_at: "2027-03-01T10:00:00Z",
  ...over,
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

type Sent = { method: string; path: string; body: unknown };

/** Answers by "METHOD /path" (GET when no method is named); records the writes. */
function api(routes: Record<string, unknown>) {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (req: Request) => {
    const path = new URL(req.url).pathname;
    const text = req.method === "GET" ? "" : await req.text();
    if (req.method !== "GET") sent.push({ method: req.method, path, body: text ? JSON.parse(text) : null });
    const route = routes[`${req.method} ${path}`] ?? (req.method === "GET" ? routes[path] : undefined);
    if (route === undefined) return json({ code: "not_found", status: 404, title: "Not Found", detail: path }, 404);
    return json(typeof route === "function" ? (route as () => unknown)() : route, req.method === "POST" ? 201 : 200);
  });
  return sent;
}

function signInAs(role: Account["role"]): Account {
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

function show(ui: React.ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <MemoryRouter>
          <StatusRegion />
          {ui}
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const FORUM = "/api/v1/forums/forum-de-suivi/documents";
const forum = { kind: "forum", key: "forum-de-suivi" } as const;

beforeEach(() => {
  localStorage.clear();
  fetchMock.mockReset();
});

describe("the documents' section", () => {
  it("shows a forum's documents in two parts, each by level, a link and a file with its details", async () => {
    api({
      [FORUM]: [
        doc(1, { title: "Le forum en 5 minutes", link: "https://www.data.gouv.fr/x", description: "Pour commencer." }),
        doc(3, { title: "Open data handbook", level: "expert", lang: "en", link: "https://example.org/h" }),
        doc(2, {
          title: "Bilan du forum",
          level: "expert",
          stage: "after",
          file: file(2),
          earlier_versions: [file(1, { filename: "bilan-v1.pdf", size_bytes: 2_000_000, sha256: "cd".repeat(32) })],
        }),
      ],
    });
    show(<DocumentsSection parent={forum} />);
    const before = await screen.findByRole("region", { name: "À lire avant le forum" });
    const after = screen.getByRole("region", { name: "Issus du forum" });
    expect(
      within(before)
        .getAllByRole("heading", { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(["Découverte", "Expert"]);
    expect(
      within(after)
        .getAllByRole("heading", { level: 4 })
        .map((h) => h.textContent),
    ).toEqual(["Expert"]);

    const link = within(before).getByRole("link", { name: /Consulter le lien \(www\.data\.gouv\.fr\)/ });
    expect(link).toHaveAttribute("href", "https://www.data.gouv.fr/x");
    expect(link).toHaveAttribute("rel", "noopener");
    expect(link).not.toHaveAttribute("target");
    expect(within(before).getByText("Pour commencer.")).toBeInTheDocument();
    // A document in English is marked so within the French page.
    expect(within(before).getByRole("heading", { level: 5, name: "Open data handbook" })).toHaveAttribute("lang", "en");
    expect(within(before).getByRole("heading", { level: 5, name: "Le forum en 5 minutes" })).not.toHaveAttribute(
      "lang",
    );

    const download = within(after).getByRole("link", { name: /^Télécharger bilan\.pdf/ });
    expect(download).toHaveAttribute("href", "/api/v1/documents/2/versions/2/file");
    expect(download).toHaveTextContent("PDF – 12,3 Ko – Version 2");
    expect(within(after).getByText("ab".repeat(32))).toBeInTheDocument();
    expect(within(after).getByText("Versions précédentes (1)")).toBeInTheDocument();
    const earlier = within(after).getByRole("link", { name: /Télécharger la version 1 \(bilan-v1\.pdf\)/ });
    expect(earlier).toHaveAttribute("href", "/api/v1/documents/2/versions/1/file");
    expect(earlier).toHaveTextContent("PDF – 1,9 Mo");
    // Visitors change nothing.
    expect(screen.queryByRole("button", { name: "Ajouter un document" })).toBeNull();
  });

  it("says when there is none, and groups other records' documents by level only", async () => {
    api({
      "/api/v1/commitments/FR0041/documents": [],
      "/api/v1/milestones/7/documents": [doc(5, { level: "intermediate", link: "https://example.org/" })],
    });
    const { unmount } = show(<DocumentsSection parent={{ kind: "commitment", key: "FR0041" }} />);
    expect(await screen.findByText("Aucun document pour l'instant.")).toBeInTheDocument();
    unmount();
    show(<DocumentsSection parent={{ kind: "milestone", key: "7" }} />);
    expect(await screen.findByRole("heading", { level: 3, name: "Intermédiaire" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 4, name: "Document 5" })).toBeInTheDocument();
  });

  it("lets an official add a link document, then focuses it and says so", async () => {
    const me = signInAs("official");
    const added = doc(8, { title: "Guide du participant", link: "https://example.org/guide" });
    let list: Document[] = [];
    const sent = api({
      "/api/v1/me": me,
      [FORUM]: () => list,
      [`POST ${FORUM}`]: () => {
        list = [added];
        return added;
      },
    });
    show(<DocumentsSection parent={forum} />);
    fireEvent.click(await screen.findByRole("button", { name: "Ajouter un document" }));
    const form = screen.getByRole("form", { name: "Ajouter un document" });
    await waitFor(() => expect(within(form).getByRole("heading", { name: "Ajouter un document" })).toHaveFocus());
    fireEvent.click(within(form).getByRole("button", { name: "Ajouter le document" }));
    // Nothing sent while the title and the link are missing: said next to each field.
    expect(await within(form).findAllByText("Ce champ est obligatoire.")).toHaveLength(2);
    expect(within(form).getByLabelText("Titre")).toHaveAttribute("aria-invalid", "true");
    fireEvent.change(within(form).getByLabelText("Titre"), { target: { value: "Guide du participant" } });
    fireEvent.click(within(form).getByLabelText("Expert"));
    fireEvent.change(within(form).getByLabelText("Moment"), { target: { value: "after" } });
    fireEvent.change(within(form).getByLabelText(/^Adresse du lien/), {
      target: { value: "https://example.org/guide" },
    });
    fireEvent.click(within(form).getByRole("button", { name: "Ajouter le document" }));
    await waitFor(() =>
      expect(document.getElementById("od-status")).toHaveTextContent("Document « Guide du participant » ajouté."),
    );
    expect(sent).toEqual([
      {
        method: "POST",
        path: FORUM,
        body: {
          title: "Guide du participant",
          description: null,
          level: "expert",
          lang: "fr",
          stage: "after",
          link: "https://example.org/guide",
        },
      },
    ]);
    await waitFor(() => expect(screen.getByRole("heading", { name: "Guide du participant" })).toHaveFocus());
    expect(screen.queryByRole("form", { name: "Ajouter un document" })).toBeNull();
  });

  it("offers admins to remove a document, after a confirmation", async () => {
    const me = signInAs("admin");
    api({ "/api/v1/me": me, [FORUM]: [doc(1, { link: "https://example.org/" })] });
    show(<DocumentsSection parent={forum} />);
    expect(await screen.findByRole("button", { name: "Retirer le document « Document 1 »" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Modifier le document « Document 1 »" })).toBeInTheDocument();
    // A link has no file to send.
    expect(screen.queryByRole("button", { name: /Déposer une nouvelle version/ })).toBeNull();
  });

  it("opens the form changing a document, titled for it, and closes it on « Annuler »", async () => {
    const me = signInAs("admin");
    api({ "/api/v1/me": me, [FORUM]: [doc(1, { link: "https://example.org/" })] });
    show(<DocumentsSection parent={forum} />);
    fireEvent.click(await screen.findByRole("button", { name: "Modifier le document « Document 1 »" }));
    const form = screen.getByRole("form", { name: "Modifier « Document 1 »" });
    expect(within(form).getByRole("button", { name: "Enregistrer" })).toBeInTheDocument();
    fireEvent.click(within(form).getByRole("button", { name: "Annuler" }));
    expect(screen.queryByRole("form", { name: "Modifier « Document 1 »" })).toBeNull();
  });
});

describe("sending a file", () => {
  type Progress = { lengthComputable: boolean; loaded: number; total: number };
  /** A fake XMLHttpRequest, driven by the test: `progress` reports a share sent, `answer` ends
   *  the last request sent with `status` and `body`. */
  function fakeXhr() {
    const sent: { method: string; url: string; body: unknown }[] = [];
    const made: Fake[] = [];
    class Fake {
      upload: { onprogress: ((e: Progress) => void) | null } = { onprogress: null };
      status = 0;
      statusText = "";
      responseText = "";
      withCredentials = false;
      onload: (() => void) | null = null;
      onerror: (() => void) | null = null;
      private method = "";
      private url = "";
      constructor() {
        made.push(this);
      }
      open(method: string, url: string) {
        this.method = method;
        this.url = url;
      }
      setRequestHeader() {}
      send(b: unknown) {
        sent.push({ method: this.method, url: this.url, body: b });
      }
    }
    vi.stubGlobal("XMLHttpRequest", Fake);
    return {
      sent,
      progress: (loaded: number, total: number) =>
        act(() => made.at(-1)!.upload.onprogress?.({ lengthComputable: true, loaded, total })),
      answer: (status: number, body: unknown) =>
        act(() => {
          const last = made.at(-1)!;
          last.status = status;
          last.responseText = JSON.stringify(body);
          last.onload?.();
        }),
    };
  }
  afterEach(() => vi.unstubAllGlobals());

  it("says a refused type on the file field, in French, and sends the next file to the document made", async () => {
    const me = signInAs("official");
    const made = doc(9, { title: "Rapport", stage: "after" });
    let list: Document[] = [];
    const sentApi = api({
      "/api/v1/me": me,
      [FORUM]: () => list,
      [`POST ${FORUM}`]: made,
      "PATCH /api/v1/documents/9": made,
    });
    const xhr = fakeXhr();
    show(<DocumentsSection parent={forum} />);
    fireEvent.click(await screen.findByRole("button", { name: "Ajouter un document" }));
    const form = screen.getByRole("form", { name: "Ajouter un document" });
    fireEvent.change(within(form).getByLabelText("Titre"), { target: { value: "Rapport" } });
    fireEvent.click(within(form).getByLabelText("Fichier"));
    const input = within(form).getByLabelText(/^Fichier à déposer/);
    fireEvent.change(input, { target: { files: [new File(["MZ\x90\x00"], "rapport.pdf")] } });
    fireEvent.click(within(form).getByRole("button", { name: "Ajouter le document" }));
    await waitFor(() => expect(xhr.sent).toHaveLength(1));
    // While it goes, a labelled bar and its share in words.
    xhr.progress(5, 10);
    expect(within(form).getByLabelText("Envoi de rapport.pdf")).toHaveAttribute("value", "50");
    expect(within(form).getByText("50 % envoyés")).toBeInTheDocument();
    xhr.answer(422, {
      status: 422,
      code: "file_type_not_allowed",
      title: "Unprocessable",
      detail: "The content is none of the allowed types.",
      errors: [{ field: "file", code: "file_type_not_allowed", message: "the content is none of the allowed types" }],
    });
    const message =
      "Ce fichier n'est pas d'un type accepté (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, CSV ou texte), quel que soit son nom.";
    await waitFor(() => expect(input).toHaveAttribute("aria-invalid", "true"));
    expect(input).toHaveAccessibleDescription(message);
    expect(xhr.sent).toEqual([
      { method: "PUT", url: "/api/v1/documents/9/file?filename=rapport.pdf", body: expect.any(File) as File },
    ]);
    expect(within(form).getByText(/Le document « Rapport » est créé, sans son fichier/)).toBeInTheDocument();
    // The bar goes once the file is refused.
    expect(within(form).queryByLabelText("Envoi de rapport.pdf")).toBeNull();

    // Submitted again: the same document, its fields saved, and the file sent to it; once kept,
    // the document is focused and the end of the upload said.
    fireEvent.click(within(form).getByRole("button", { name: "Ajouter le document" }));
    await waitFor(() => expect(xhr.sent).toHaveLength(2));
    expect(sentApi.map((s) => `${s.method} ${s.path}`)).toEqual([`POST ${FORUM}`, "PATCH /api/v1/documents/9"]);
    list = [{ ...made, file: file(1, { download: "/api/v1/documents/9/versions/1/file", filename: "rapport.pdf" }) }];
    xhr.answer(200, list[0]);
    await waitFor(() =>
      expect(document.getElementById("od-status")).toHaveTextContent(
        "Document « Rapport » ajouté : fichier envoyé à 100 %.",
      ),
    );
    await waitFor(() => expect(screen.getByRole("heading", { name: "Rapport" })).toHaveFocus());
    expect(screen.getByRole("link", { name: /^Télécharger rapport\.pdf/ })).toHaveTextContent("Version 1");
  });
});

describe("a progress update's evidence", () => {
  it("links to each document: out of the site for a link, a download for a file", () => {
    show(
      <EvidenceDocuments
        documents={[
          { id: 1, title: "Jeu de données", level: "expert", href: "https://www.data.gouv.fr/x" },
          { id: 2, title: "Bilan", level: "discovery", href: "/api/v1/documents/2/file" },
          { id: 3, title: "Brouillon", level: "intermediate", href: null },
        ]}
      />,
    );
    expect(screen.getByRole("link", { name: "Jeu de données" })).toHaveAttribute("href", "https://www.data.gouv.fr/x");
    expect(screen.getByRole("link", { name: "Bilan" })).toHaveAttribute("download");
    expect(screen.getByText("Brouillon (fichier pas encore déposé)", { exact: false })).toBeInTheDocument();
  });
});
