import { accounts, apiToken, check, expect, signIn, status, test, json } from "./fixtures";

test("an official publishes a held forum's minutes with two action items, closes one with an outcome, and the follow-up shows it", async ({
  page,
}) => {
  const stamp = Date.now();
  const title = `Forum tenu ${stamp}`;
  const made = await page.request.post("/api/v1/forums", {
    headers: { Authorization: `Bearer ${await apiToken(page, accounts.official)}` },
    data: {
      title,
      theme: "Suivi",
      starts_at: "2026-02-10T17:00:00Z",
      ends_at: "2026-02-10T19:00:00Z",
      location: "Paris",
      status: "held",
    },
  });
  expect(made.status()).toBe(201);
  const slug = (await json<{ slug: string }>(made)).slug;

  await signIn(page, accounts.official);
  await page.goto(`/forums/${slug}`);
  const minutes = page.getByRole("region", { name: "Compte rendu" });
  await expect(minutes).toContainText("pas encore publié");
  await minutes.getByRole("link", { name: "Publier le compte rendu" }).click();
  await page.getByLabel("Compte rendu (markdown)").fill("## Décisions\n\nLes participants ont retenu deux actions.");
  await page.getByLabel("Nombre de participants (facultatif)").fill("24");
  await page.getByLabel("Organisations présentes (une par ligne) (facultatif)").fill("Etalab\nOpen Data France");
  await check(page, "minutes-form");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(minutes.getByRole("heading", { name: "Décisions" })).toBeVisible();
  await expect(minutes).toContainText("24 participant(s)");
  await expect(minutes).toContainText("Open Data France");

  // A correction keeps what was published before, readable under the minutes.
  await minutes.getByRole("link", { name: "Corriger le compte rendu" }).click();
  await page
    .getByLabel("Compte rendu (markdown)")
    .fill("## Décisions\n\nLes participants ont retenu deux actions, et une date de suivi.");
  await page.getByLabel("Nombre de participants (facultatif)").fill("26");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(minutes).toContainText("et une date de suivi");
  await expect(minutes).toContainText("26 participant(s)");
  await expect(minutes).toContainText(/Corrigé le/);
  await minutes.getByText("Versions précédentes (1)").click();
  const earlier = minutes.locator(".od-versions li").first();
  await expect(earlier).toContainText(/Version 1 — publiée le .+, corrigée le .+/);
  await expect(earlier).toContainText("24 participant(s)");
  await expect(earlier).toContainText("Les participants ont retenu deux actions.");
  await expect(earlier).toContainText("Organisations présentes : Etalab, Open Data France");
  await check(page, "minutes-corrected");

  // Two action items.
  // The first owner is FR0041's lead institution, named in lower case: linked to its record.
  const lead = "minister of state for the digital sector, attached to the prime minister";
  for (const [name, owner, known] of [
    [`Publier le guide ${stamp}`, lead, true],
    [`Réunir les réutilisateurs ${stamp}`, "Open Data France", false],
  ] as const) {
    await page.goto(`/forums/${slug}`);
    await page
      .getByRole("region", { name: "Actions décidées" })
      .getByRole("link", { name: "Ajouter une action" })
      .click();
    await page.getByLabel("Intitulé").fill(name);
    await page.getByLabel("Nom du responsable").fill(owner);
    await expect(
      page.getByText(
        known ? "Institution enregistrée : l'action lui sera reliée." : "Aucune institution enregistrée à ce nom",
      ),
    ).toBeVisible();
    await page.getByLabel("Échéance").fill("2031-06-30");
    await page.getByLabel("Engagement servi (code OGP, par exemple FR0041) (facultatif)").fill("FR0041");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
  await page.goto(`/forums/${slug}`);
  const actions = page.getByRole("table", { name: "Actions et leur avancement" });
  await expect(actions.getByRole("row")).toHaveCount(3);
  await check(page, "forum-with-minutes");

  // The first one is done, with its outcome; its history keeps both statuses.
  await actions.getByRole("link", { name: `Publier le guide ${stamp}` }).click();
  await expect(page.getByRole("link", { name: lead })).toHaveAttribute(
    "href",
    "/institutions/minister-of-state-digital-sector",
  );
  const form = page.getByRole("form", { name: "Changer le statut" });
  await form.getByLabel("Nouveau statut").selectOption({ label: "Faite" });
  await form.getByLabel("Résultat").fill("Guide publié et présenté aux administrations.");
  await form.getByRole("button", { name: "Enregistrer le statut" }).click();
  await expect(page.getByRole("region", { name: "Résultat" })).toContainText("Guide publié");
  await expect(status(page)).toHaveText("Statut enregistré.");
  const history = page.locator(".od-history li");
  await expect(history).toHaveCount(2);
  await expect(history.nth(1)).toContainText("Faite le");
  await check(page, "action-item-done");

  // The follow-up page, filtered on done items, shows it.
  await page.getByRole("link", { name: "Suivi", exact: true }).first().click();
  await expect(page).toHaveURL(/\/suivi$/);
  await page.getByLabel("Statut", { exact: true }).selectOption({ label: "Faite" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/status=done/);
  await expect(page.getByRole("link", { name: `Publier le guide ${stamp}` })).toBeVisible();
  await expect(page.getByRole("link", { name: `Réunir les réutilisateurs ${stamp}` })).toHaveCount(0);
  await check(page, "follow-up");
  // And on the commitment they serve.
  await page.goto("/engagements/FR0041");
  await expect(page.getByRole("region", { name: "Actions liées" })).toContainText(`Réunir les réutilisateurs ${stamp}`);
});
