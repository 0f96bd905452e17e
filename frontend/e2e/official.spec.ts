import { accounts, apiToken, check, errorSummary, expect, json, signIn, test } from "./fixtures";

test("an official creates a forum and a milestone", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, accounts.official);
  await page.getByRole("link", { name: "Administration" }).first().click();
  await expect(page).toHaveURL(/\/admin$/);
  await check(page, "admin-home-official");

  // A forum, with an error first (no date), then complete.
  await page.getByRole("link", { name: "Créer un forum" }).click();
  await check(page, "admin-forum-new");
  const title = `Forum de test ${stamp}`;
  await page.getByLabel("Titre", { exact: true }).fill(title);
  await page.getByRole("textbox", { name: /^Thème/ }).fill("Tests de bout en bout");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await check(page, "admin-forum-errors");

  await page.getByRole("textbox", { name: /^Présentation/ }).fill("Un forum **créé** par les tests.");
  await page.getByLabel("Début (heure de Paris)").fill("2030-05-14T18:30");
  await page.getByLabel("Fin (heure de Paris)").fill("2030-05-14T20:00");
  await page.getByLabel("Adresse (facultatif)").fill("20 avenue de Ségur, 75007 Paris");
  await page.getByLabel("Nombre de places (facultatif)").fill("40");
  await page.getByLabel("Filtrer les engagements").fill("FR0041");
  // DSFR draws the box on the label: click it as a person would.
  await page.locator("label", { hasText: "FR0041 — Open Etat Forum" }).click();
  await expect(page.getByLabel("FR0041 — Open Etat Forum")).toBeChecked();
  await expect(page.getByText("Engagements sélectionnés : 1")).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("mardi 14 mai 2030, 18:30 – 20:00")).toBeVisible();
  await expect(page.getByRole("link", { name: "FR0041 — Open Etat Forum" })).toBeVisible();
  await check(page, "admin-forum-created");

  // Edit it.
  await page.getByRole("link", { name: "Modifier le forum" }).click();
  await page.getByLabel("Statut", { exact: true }).selectOption("open");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Inscriptions ouvertes")).toBeVisible();

  // A milestone, on a commitment of the test's own (other tests move FR0041's milestones), led by
  // the institution the official speaks for (FR0041's lead) so that she reports its progress.
  const admin = { Authorization: `Bearer ${await apiToken(page, accounts.admin)}` };
  const fr0041 = await json<{ action_plan: { slug: string }; institutions: { lead: { id: number } } }>(
    await page.request.get("/api/v1/commitments/FR0041"),
  );
  const serial = 1000 + Math.floor(Math.random() * 9000);
  const code = `ZZ${serial}`;
  const made = await page.request.post("/api/v1/commitments", {
    headers: admin,
    data: {
      action_plan: fr0041.action_plan.slug,
      code,
      number: serial,
      title: `Engagement de test ${stamp}`,
      lead_institution_id: fr0041.institutions.lead.id,
    },
  });
  expect(made.status()).toBe(201);
  await page.goto(`/engagements/${code}`);
  await page.getByRole("link", { name: "Ajouter un jalon" }).click();
  await check(page, "admin-milestone-new");
  await page.getByRole("textbox", { name: /^Code Par exemple/ }).fill("12.5");
  await page.getByLabel("Intitulé", { exact: true }).fill(`Jalon de test ${stamp}`);
  await page.getByLabel("Période d'échéance publiée (facultatif)").fill("Semestre 1 2031");
  await page.getByLabel("Statut", { exact: true }).selectOption("in_progress");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Jalon 12.5");
  await expect(page.locator("dd").getByText("En cours")).toBeVisible();
  await check(page, "milestone-created");

  // Its status changes through the progress log (Claire Dubois speaks for the commitment's lead
  // institution); the edit form no longer offers it.
  await page.getByRole("link", { name: "Modifier le jalon" }).click();
  await expect(page.getByLabel("Statut", { exact: true })).toHaveCount(0);
  await page.goBack();
  await page.getByLabel("Nouveau statut du jalon").selectOption("completed");
  await page.getByLabel("Niveau d'achèvement", { exact: true }).selectOption("complete");
  await page.getByLabel("Ce qui a été fait").fill(`Jalon atteint (${stamp}).`);
  await page.getByRole("button", { name: "Publier le point" }).click();
  await expect(page.getByText("Le point d'avancement est publié.")).toBeVisible();
  await expect(page.locator("dd").getByText("Atteint")).toBeVisible();
  await page.goto(`/engagements/${code}`);
  await expect(page.locator(".od-timeline").getByRole("link", { name: `12.5 — Jalon de test ${stamp}` })).toBeVisible();
  await expect(page.getByText(/\b1 jalons atteints sur 1 \(/).first()).toBeVisible();
  await check(page, "commitment-with-new-milestone");

  // Editing a commitment's IRM review: changed fields are sent, a cleared one becomes
  // "not published", the untouched ones (the report) stay.
  await page.goto("/engagements/FR0041");
  await page.getByRole("link", { name: "Modifier l'engagement" }).click();
  await expect(page.getByLabel("Code OGP")).toHaveValue("FR0041");
  await expect(page.getByLabel(/^Impact potentiel/)).toHaveValue("Minor");
  await check(page, "admin-commitment-edit");
  await page.getByLabel(/^Impact potentiel/).fill("Moderate");
  await page.getByLabel(/^Premiers résultats/).fill("");
  await page.getByLabel(/^Vérifiable/).selectOption("false");
  await page.getByLabel(/^Pertinence/).fill("Civic Participation\nAccess to Information");
  const analysis = page.getByLabel(/^Analyse/);
  await analysis.fill(`${await analysis.inputValue()}\n\nRelu par les tests ${stamp} : **impact revu**.`);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/engagements\/FR0041$/);
  const irm = page.getByRole("region", { name: "Évaluation du mécanisme indépendant (IRM)" });
  const value = (label: string) => irm.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
  await expect(value("Impact potentiel")).toHaveText("Moderate");
  await expect(value("Premiers résultats")).toHaveText("Non publié");
  await expect(value("Vérifiable")).toHaveText("Non");
  await expect(value("Pertinence")).toHaveText("Civic Participation, Access to Information");
  await expect(value("Rapport")).toHaveText("France Design Report 2018-2020");
  await expect(irm.locator("strong", { hasText: "impact revu" })).toBeVisible();
  await expect(irm.getByRole("heading", { name: "Next steps" })).toBeVisible();
  await check(page, "commitment-irm-edited");
});
