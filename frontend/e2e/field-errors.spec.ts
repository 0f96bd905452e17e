// Error summaries of the forms that had none linked: each field in error is named by its label,
// linked from the summary (which takes the focus) and marked aria-invalid; the error is said
// once, by the status region (the summary is no live region) (issue 19, RGAA 11.10, 7.5).
import { accounts, errorSummary, expect, signIn, status, test, check } from "./fixtures";
import type { Locator, Page } from "@playwright/test";

/** The summary has the focus, links `fields` (label → input) and the inputs are aria-invalid. */
async function linked(page: Page, summary: Locator, fields: [string, Locator][]) {
  await expect(summary).toBeVisible();
  await expect(page.locator(":focus")).toContainText(fields[0][0]);
  for (const [label, input] of fields) {
    await expect(input).toHaveAttribute("aria-invalid", "true");
    const id = await input.getAttribute("id");
    await expect(summary.getByRole("link", { name: label, exact: true })).toHaveAttribute("href", `#${id}`);
  }
  await expect(status(page)).toHaveText("Certains champs sont invalides.");
  await expect(page.getByRole("alert")).toHaveCount(0);
  await summary.getByRole("link", { name: fields[0][0], exact: true }).click();
  await expect(fields[0][1]).toBeFocused();
}

test("forgot password: the missing address is linked from the summary", async ({ page }) => {
  await page.goto("/mot-de-passe-oublie");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await linked(page, errorSummary(page), [["Adresse électronique", page.getByLabel("Adresse électronique")]]);
  await check(page, "forgot-password-summary");
});

test("asking a question: title and details missing, both linked", async ({ page }) => {
  await signIn(page, accounts.member);
  await page.goto("/engagements/FR0041");
  const section = page.getByRole("region", { name: "Questions à l'institution" });
  await section.getByRole("button", { name: "Poser la question" }).click();
  await linked(page, section.locator(".fr-alert--error"), [
    ["Votre question, en une phrase", section.getByLabel("Votre question, en une phrase")],
    ["Précisions", section.getByLabel("Précisions")],
  ]);
  await check(page, "question-summary");
});

test("adding a day off (admin): day and label missing, both linked", async ({ page }) => {
  await signIn(page, accounts.admin);
  await page.goto("/jours-feries?annee=2031");
  const form = page.getByRole("form", { name: "Ajouter un jour chômé" });
  await form.getByRole("button", { name: "Ajouter" }).click();
  await linked(page, form.locator(".fr-alert--error"), [
    ["Jour", form.getByLabel("Jour", { exact: true })],
    ["Intitulé", form.getByLabel("Intitulé")],
  ]);
  await check(page, "holiday-summary");
});

test("search: an empty search marks the field invalid, says why and keeps the focus there", async ({ page }) => {
  await page.goto("/recherche");
  const form = page.getByRole("search", { name: "Rechercher dans Open d'État" });
  const words = form.getByLabel("Mots recherchés");
  await form.getByRole("button", { name: "Rechercher" }).click();
  await expect(words).toBeFocused();
  await expect(words).toHaveAttribute("aria-invalid", "true");
  await expect(words).toHaveAccessibleDescription(/Saisissez au moins un mot\./);
  await check(page, "search-empty");
  // Corrected, it is valid again.
  await words.fill("forum");
  await form.getByRole("button", { name: "Rechercher" }).click();
  await expect(words).not.toHaveAttribute("aria-invalid", "true");
});
