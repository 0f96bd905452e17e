import { accounts, apiToken, check, errorSummary, expect, json, signIn, test } from "./fixtures";

test("an admin manages action plans and deletes after a confirmation that says what happens", async ({ page }) => {
  const stamp = Date.now() % 100000;
  const slug = `fr-test-${stamp}`;
  await signIn(page, "admin@demo.opendetat.fr");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Plans d'action" }).click();
  await expect(page.getByRole("heading", { name: "Plans d'action", level: 1 })).toBeVisible();
  // The seeded plans are in English, and marked so.
  await expect(page.locator('a span[lang="en"]').first()).toBeVisible();
  await check(page, "admin-plans");

  await page.getByRole("link", { name: "Nouveau plan d'action" }).click();
  await page.getByRole("textbox", { name: "Titre", exact: true }).fill(`Plan de test ${stamp}`);
  await page.getByLabel("Identifiant dans les adresses").fill(slug);
  await page.getByLabel("Première année").fill("2031");
  await page.getByLabel("Dernière année").fill("2030");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await check(page, "admin-plan-invalid");
  await page.getByLabel("Dernière année").fill("2033");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("link", { name: `Plan de test ${stamp}` })).toBeVisible();

  await page.getByRole("link", { name: `Plan de test ${stamp}` }).click();
  await page.getByRole("button", { name: "Supprimer le plan" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirmer la suppression" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("n'a plus d'engagement");
  await check(page, "admin-plan-confirm");
  // Escape keeps it.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Supprimer le plan" }).click();
  await dialog.getByRole("button", { name: "Supprimer le plan" }).click();
  await expect(page.getByText(`« Plan de test ${stamp} » est supprimé.`)).toBeVisible();
  await expect(page.getByRole("link", { name: `Plan de test ${stamp}` })).toHaveCount(0);

  // A discussed forum is archived, not destroyed, and the admin is told so. The forum is this
  // test's own: archiving a seeded one would take it out of the other specs' lists and search.
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const made = await page.request.post("/api/v1/forums", {
    headers: auth(await apiToken(page, accounts.admin)),
    data: {
      title: `Forum discuté ${stamp}`,
      theme: "Archives",
      starts_at: "2025-03-12T17:00:00Z",
      ends_at: "2025-03-12T19:00:00Z",
      location: "Paris",
      status: "held",
    },
  });
  expect(made.status()).toBe(201);
  const forum = (await json<{ slug: string }>(made)).slug;
  const posted = await page.request.post(`/api/v1/forums/${forum}/comments`, {
    headers: auth(await apiToken(page, accounts.member)),
    data: { body: "Un avis à garder." },
  });
  expect(posted.status()).toBe(201);
  await page.goto(`/admin/forums/${forum}`);
  await page.getByRole("button", { name: "Supprimer le forum" }).click();
  await expect(page.getByRole("dialog")).toContainText("archivé");
  await page.getByRole("dialog").getByRole("button", { name: "Supprimer le forum" }).click();
  await expect(page.getByText("avait une discussion : il est archivé")).toBeVisible();
  await check(page, "admin-forum-archived");
  await page.goto(`/forums/${forum}`);
  await expect(page.getByText("Forum archivé le")).toBeVisible();
});

test("English records are marked in the French interface", async ({ page }) => {
  await page.goto("/engagements/FR0041");
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading.locator('span[lang="en"]')).toHaveText("Open Etat Forum");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  // In English, nothing needs marking.
  await page.getByRole("button", { name: "English" }).click();
  await expect(heading.locator("[lang]")).toHaveCount(0);
  await page.getByRole("button", { name: "Français" }).click();
});
