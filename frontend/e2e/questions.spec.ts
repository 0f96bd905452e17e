import { accounts, check, expect, settled, signIn, signOut, sql, test, visit } from "./fixtures";

// Done when: a member asks the lead institution a question, an official answers it within the
// deadline, and the institution's record counts it; a question left unanswered past its
// deadline shows as overdue (the test sets dates, it does not sleep).
test("a member asks, the lead institution answers on time, an overdue question shows, the record counts", async ({ page }) => {
  const stamp = Date.now();
  const answered = `Quand le prochain forum sera-t-il annoncé ? (${stamp})`;
  const forgotten = `Les données des forums seront-elles ouvertes ? (${stamp})`;

  await signIn(page, accounts.member);
  await page.goto("/engagements/FR0041");
  const section = page.getByRole("region", { name: "Questions à l'institution" });
  await settled(page);
  await expect(section.getByText(/Posez votre question à Minister of State for the Digital Sector/)).toBeVisible();
  for (const title of [answered, forgotten]) {
    await section.getByLabel("Votre question, en une phrase").fill(title);
    await section.getByLabel("Précisions").fill("Merci de préciser le calendrier.");
    await section.getByRole("button", { name: "Poser la question" }).click();
    await expect(section.getByRole("status")).toContainText(title);
  }
  await check(page, "commitment-questions");
  // The second one is left unanswered past its deadline: the test moves its dates back.
  sql(`UPDATE questions SET asked_on = paris_today() - 25, due_on = paris_today() - 2, long_due_on = paris_today() + 10 WHERE title = '${forgotten.replace(/'/g, "''")}'`);
  await section.getByRole("listitem").getByRole("link", { name: forgotten }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(forgotten);
  await expect(page.getByText("En retard", { exact: true })).toBeVisible();
  await check(page, "question-overdue");
  await signOut(page);

  // The official of the lead institution answers from the queue, oldest first.
  await signIn(page, accounts.official);
  await page.goto("/questions");
  await page.getByRole("link", { name: /Questions en attente pour Minister of State/ }).click();
  await expect(page).toHaveURL(/status=open&order=oldest/);
  await settled(page);
  await check(page, "questions-queue");
  await page.getByRole("link", { name: answered }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(answered);
  await page.getByRole("textbox", { name: /^Réponse/ }).fill("Le prochain forum sera annoncé le mois prochain, sur cette plateforme.");
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(page.getByText("Répondue", { exact: true })).toBeVisible();
  await expect(page.getByText(/Donnée dans le délai \(0 jours ouvrés\)/)).toBeVisible();
  await check(page, "question-answered");

  // The record counts it: the seed's 2 questions (1 answered) and these 2 (1 answered, 1 overdue).
  await page.goto("/institutions/minister-of-state-digital-sector");
  const record = page.getByRole("region", { name: "Bilan de réponse" });
  await settled(page);
  const value = (label: string) =>
    record.locator("dt").filter({ hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(value("Questions reçues")).toHaveText("4");
  await expect(value("Répondues")).toHaveText("2");
  await expect(value("Dans le délai")).toContainText("2 — trop peu de questions pour un taux");
  await expect(value("En retard aujourd'hui")).toContainText(/^[12]/);
  await check(page, "institution-record");
  await visit(page, "/institutions/comparaison", "institutions-compare");
  await expect(page.getByRole("table", { name: "Bilan de chaque institution" })).toBeVisible();
  await visit(page, "/jours-feries?annee=2027", "holidays");
  await expect(page.getByText("Lundi de Pentecôte")).toBeVisible();
  await signOut(page);

  // The asker says the answer does not answer: kept, shown, the question awaits again.
  await signIn(page, accounts.member);
  await page.goto("/questions?status=overdue");
  await expect(page.getByRole("link", { name: forgotten })).toBeVisible();
  await page.goto("/questions?status=answered");
  await page.getByRole("link", { name: answered }).click();
  await page.getByRole("button", { name: "Ceci ne répond pas à ma question" }).click();
  await page.getByLabel("Pourquoi ? (facultatif)").fill("Il me faut une date.");
  await page.getByRole("button", { name: "Confirmer" }).click();
  await expect(page.getByText("Ne répond pas à la question")).toBeVisible();
  await expect(page.getByText("En attente", { exact: true })).toBeVisible();
});
