// Documents by knowledge level, end to end: an official adds a link (discovery) and a PDF (expert,
// from the forum) to a forum of the test's own, sees the upload finish and the file listed with
// its size and version, sends a second version, and is told in French that a program named
// rapport.pdf is no document; a visitor sees them by part and by level, and the download answers
// with the PDF; axe finds nothing on the way. A commitment made stale (its creation moved seven
// months back, its news removed) is found by the list's filter « Sans mise à jour depuis 6 mois »
// and flagged on its page and its institution's; a progress update cites a milestone's document as
// evidence. Names are the test's own: specs share a database.
import {
  accounts,
  apiToken,
  check,
  errorSummary,
  expect,
  json,
  settled,
  signIn,
  signOut,
  sql,
  status,
  test,
} from "./fixtures";
import { auth } from "./forum";

/** A small PDF as far as the server can tell (its content is what is judged, not its name). */
const pdf = (size: number) => Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(size - 9, 0x20)]);

type Commitment = {
  id: number;
  code: string;
  action_plan: { slug: string };
  institutions: { lead: { id: number; slug: string } };
};

test("an official adds a link and a PDF to a forum, a new version, and a refused file; a visitor downloads it", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const made = await page.request.post("/api/v1/forums", {
    headers: auth(await apiToken(page, accounts.admin)),
    data: {
      title: `Forum des documents ${stamp}`,
      theme: "Gouvernement ouvert",
      location: "Paris",
      status: "open",
      starts_at: "2031-09-10T16:00:00Z",
      ends_at: "2031-09-10T18:00:00Z",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;
  const linkTitle = `Le gouvernement ouvert en 5 minutes ${stamp}`;
  const fileTitle = `Synthèse des ateliers ${stamp}`;
  const refusedTitle = `Rapport refusé ${stamp}`;

  await signIn(page, accounts.official);
  await page.goto(`/forums/${slug}`);
  const section = page.getByRole("region", { name: "Documents", exact: true });
  await expect(section.getByText("Aucun document pour l'instant.")).toBeVisible();

  // A link, for everyone, to read before the forum.
  await section.getByRole("button", { name: "Ajouter un document" }).click();
  let form = section.getByRole("form", { name: "Ajouter un document" });
  await expect(form.getByRole("heading", { name: "Ajouter un document" })).toBeFocused();
  await form.getByLabel("Titre").fill(linkTitle);
  await form.getByLabel(/^Description/).fill("Ce qu'est le Partenariat pour un gouvernement ouvert, simplement.");
  await expect(form.getByRole("radio", { name: "Découverte" })).toBeChecked();
  await expect(form.getByLabel("Moment")).toHaveValue("before");
  await form.getByRole("radio", { name: "Lien", exact: true }).check({ force: true });
  await form.getByLabel(/^Adresse du lien/).fill("https://www.data.gouv.fr/fr/pages/donnees-ouvertes/");
  await check(page, "documents-add-form");
  await form.getByRole("button", { name: "Ajouter le document" }).click();
  await expect(status(page)).toHaveText(`Document « ${linkTitle} » ajouté.`);
  await expect(section.getByRole("heading", { name: linkTitle })).toBeFocused();

  // A PDF, for experts, from the forum: sent with its progress, listed with its size and version.
  await section.getByRole("button", { name: "Ajouter un document" }).click();
  form = section.getByRole("form", { name: "Ajouter un document" });
  await form.getByLabel("Titre").fill(fileTitle);
  await form.getByRole("radio", { name: "Expert" }).check({ force: true });
  await form.getByLabel("Moment").selectOption({ label: "Issus du forum" });
  await form.getByRole("radio", { name: "Fichier", exact: true }).check({ force: true });
  await form.getByLabel(/^Fichier à déposer/).setInputFiles({
    name: "synthese.pdf",
    mimeType: "application/pdf",
    buffer: pdf(3_009),
  });
  await form.getByRole("button", { name: "Ajouter le document" }).click();
  await expect(status(page)).toHaveText(`Document « ${fileTitle} » ajouté : fichier envoyé à 100 %.`);
  await expect(section.getByRole("heading", { name: fileTitle })).toBeFocused();
  const after = section.getByRole("region", { name: "Issus du forum" });
  await expect(after.getByRole("heading", { level: 4 })).toHaveText(["Expert"]);
  const download = after.getByRole("link", { name: /^Télécharger synthese\.pdf/ });
  await expect(download).toContainText("PDF – 2,9 Ko – Version 1");
  await check(page, "documents-forum-file");

  // A second version: the first stays, behind « Versions précédentes ».
  await after.getByRole("button", { name: `Déposer une nouvelle version — ${fileTitle}` }).click();
  const version = after.getByRole("form", { name: `Nouvelle version de « ${fileTitle} »` });
  await version.getByLabel(/^Fichier à déposer/).setInputFiles({
    name: "synthese-v2.pdf",
    mimeType: "application/pdf",
    buffer: pdf(5_120),
  });
  await version.getByRole("button", { name: "Déposer", exact: true }).click();
  await expect(status(page)).toHaveText(`Version 2 de « ${fileTitle} » déposée : fichier envoyé à 100 %.`);
  await expect(after.getByRole("link", { name: /^Télécharger synthese-v2\.pdf/ })).toContainText(
    "PDF – 5 Ko – Version 2",
  );
  await after.getByText("Versions précédentes (1)").click();
  await expect(after.getByRole("link", { name: /Télécharger la version 1 \(synthese\.pdf\)/ })).toBeVisible();

  // A Windows program named rapport.pdf is refused, on its field, in French.
  await section.getByRole("button", { name: "Ajouter un document" }).click();
  form = section.getByRole("form", { name: "Ajouter un document" });
  await form.getByLabel("Titre").fill(refusedTitle);
  await form.getByRole("radio", { name: "Fichier", exact: true }).check({ force: true });
  const input = form.getByLabel(/^Fichier à déposer/);
  await input.setInputFiles({
    name: "rapport.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00]), Buffer.alloc(512, 0)]),
  });
  await form.getByRole("button", { name: "Ajouter le document" }).click();
  const refused =
    "Ce fichier n'est pas d'un type accepté (PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, JPEG, CSV ou texte), quel que soit son nom.";
  await expect(errorSummary(page)).toContainText(refused);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveAccessibleDescription(refused);
  await expect(form.getByText(`Le document « ${refusedTitle} » est créé, sans son fichier`)).toBeVisible();
  await check(page, "documents-file-refused");
  await signOut(page);

  // A visitor: the two parts, each by level; the document without a file is not shown.
  await page.goto(`/forums/${slug}`);
  const before = section.getByRole("region", { name: "À lire avant le forum" });
  await expect(before.getByRole("heading", { level: 4 })).toHaveText(["Découverte"]);
  await expect(before.getByRole("heading", { level: 5 })).toHaveText([linkTitle]);
  const link = before.getByRole("link", { name: /Consulter le lien \(www\.data\.gouv\.fr\)/ });
  await expect(link).toHaveAttribute("rel", "noopener");
  await expect(after.getByRole("heading", { level: 5 })).toHaveText([fileTitle]);
  await expect(section.getByText(refusedTitle)).toHaveCount(0);
  await expect(section.getByRole("button")).toHaveCount(0);
  await check(page, "documents-forum");

  const href = await after.getByRole("link", { name: /^Télécharger synthese-v2\.pdf/ }).getAttribute("href");
  const file = await request.get(href!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("application/pdf");
  expect((await file.body()).length).toBe(5_120);
  await after.getByText("Versions précédentes (1)").click();
  const first = await request.get(
    (await after.getByRole("link", { name: /Télécharger la version 1/ }).getAttribute("href"))!,
  );
  expect(first.status()).toBe(200);
  expect((await first.body()).subarray(0, 9).toString()).toBe("%PDF-1.7\n");
});

test("a commitment without news for six months is found by the list's filter and flagged", async ({ page }) => {
  const stamp = Date.now();
  const admin = auth(await apiToken(page, accounts.admin));
  const fr0041 = await json<Commitment>(await page.request.get("/api/v1/commitments/FR0041"));
  const serial = 1000 + Math.floor(Math.random() * 8000);
  const make = async (n: number, title: string) => {
    const res = await page.request.post("/api/v1/commitments", {
      headers: admin,
      data: {
        action_plan: fr0041.action_plan.slug,
        code: `ZY${n}`,
        number: n,
        title,
        lead_institution_id: fr0041.institutions.lead.id,
      },
    });
    expect(res.status()).toBe(201);
    return json<Commitment>(res);
  };
  const stale = await make(serial, `Engagement sans nouvelles ${stamp}`);
  await make(serial + 1, `Engagement à jour ${stamp}`);
  // Made seven months ago, with no news since.
  sql(`UPDATE commitments SET created_at = now() - interval '7 months' WHERE id = ${stale.id}`);
  sql(`DELETE FROM commitment_news WHERE commitment_id = ${stale.id}`);

  await page.goto("/engagements");
  await page.getByLabel("Mots-clés").fill(String(stamp));
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByRole("heading", { level: 2, name: /Engagement à jour/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Engagement sans nouvelles/ })).toBeVisible();
  await page.getByRole("checkbox", { name: /^Sans mise à jour depuis 6 mois/ }).check({ force: true });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/[?&]stale=true/);
  await expect(page.getByRole("heading", { level: 2, name: /Engagement à jour/ })).toHaveCount(0);
  const card = page.locator(".fr-card").filter({ hasText: `Engagement sans nouvelles ${stamp}` });
  await expect(card.getByText("Pas de mise à jour depuis 6 mois")).toBeVisible();
  await check(page, "commitments-stale");

  await card.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(stale.code);
  await expect(page.getByTestId("stale")).toHaveText(
    "Pas de mise à jour depuis 6 mois Aucun point d'avancement ni document depuis sa création",
  );
  await check(page, "commitment-stale");
  await page.goto(`/institutions/${fr0041.institutions.lead.slug}`);
  await expect(page.getByRole("row", { name: new RegExp(stale.code) })).toContainText(
    "Pas de mise à jour depuis 6 mois",
  );
});

test("a progress update cites the milestone's documents as evidence", async ({ page }) => {
  const stamp = Date.now();
  const admin = auth(await apiToken(page, accounts.admin));
  const fr0041 = await json<Commitment>(await page.request.get("/api/v1/commitments/FR0041"));
  const serial = 1000 + Math.floor(Math.random() * 8000);
  const code = `ZX${serial}`;
  const made = await page.request.post("/api/v1/commitments", {
    headers: admin,
    data: {
      action_plan: fr0041.action_plan.slug,
      code,
      number: serial,
      title: `Engagement prouvé ${stamp}`,
      lead_institution_id: fr0041.institutions.lead.id,
    },
  });
  expect(made.status()).toBe(201);
  const milestone = await json<{ id: number }>(
    await page.request.post(`/api/v1/commitments/${code}/milestones`, {
      headers: admin,
      data: { code: "1.1", title: `Publier le jeu de données ${stamp}`, due_period: "Semestre 2 2031" },
    }),
  );
  const evidenceTitle = `Jeu de données publié ${stamp}`;
  const attached = await page.request.post(`/api/v1/milestones/${milestone.id}/documents`, {
    headers: admin,
    data: { title: evidenceTitle, level: "expert", link: "https://www.data.gouv.fr/fr/datasets/" },
  });
  expect(attached.status()).toBe(201);

  await signIn(page, accounts.official);
  await page.goto(`/jalons/${milestone.id}`);
  await settled(page);
  const documents = page.getByRole("region", { name: "Documents", exact: true });
  await expect(documents.getByRole("heading", { level: 3 })).toHaveText(["Expert"]);
  const evidence = page.getByRole("group", { name: /^Documents cités comme preuve/ });
  await evidence.getByRole("checkbox", { name: evidenceTitle }).check({ force: true });
  await page.getByLabel("Ce qui a été fait").fill(`Jeu de données en ligne (${stamp}).`);
  await page.getByRole("button", { name: "Publier le point" }).click();
  await expect(page.getByText("Le point d'avancement est publié.")).toBeVisible();
  const log = page.getByRole("region", { name: "Journal d'avancement" });
  await expect(log.getByText("Documents cités comme preuve", { exact: true })).toBeVisible();
  await expect(log.getByRole("link", { name: evidenceTitle })).toHaveAttribute(
    "href",
    "https://www.data.gouv.fr/fr/datasets/",
  );
  await check(page, "milestone-evidence");
});
