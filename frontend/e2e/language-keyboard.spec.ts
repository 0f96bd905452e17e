import { accounts, check, expect, settled, test } from "./fixtures";

test("the language switch translates the interface and is remembered", async ({ page }) => {
  await page.goto("/forums/2027-01-espace-de-dialogue-en-ligne");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(
    page.getByRole("navigation", { name: "Main menu" }).getByRole("link", { name: "Commitments" }),
  ).toBeVisible();
  await expect(page.getByText(/21 January 2027, 18:30\s?–\s?21:00/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "Practical information" })).toBeVisible();
  await check(page, "forum-en");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The Open d'État forums");
  await expect(page).toHaveTitle("Home — Open d'État");
  await check(page, "home-en");
  await page.goto("/recherche?q=forum&type=milestone");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  await expect(page).toHaveTitle("Search: “forum” — Open d'État");
  await expect(page.getByLabel("Type of result")).toHaveValue("milestone");
  await expect(page.getByRole("main").getByText(/^\d+ results$/)).toBeVisible();
  await expect(page.getByRole("region", { name: "Results" }).getByText("Milestone").first()).toBeVisible();
  await check(page, "search-en");
  await page.goto("/engagements/FR0041");
  await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
  await check(page, "commitment-en");

  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Jalons" })).toBeVisible();
});

test("keyboard alone reaches and activates the main navigation and a form", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

  // The first Tab stop is the skip links.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Contenu" })).toBeFocused();
  // Every skip link leads somewhere.
  for (const href of await page.locator(".fr-skiplinks a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))) {
    await expect(page.locator(href!)).toHaveCount(1);
  }

  // Tab on until the main navigation's "Forums", then activate it.
  const forums = page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Forums" });
  for (let i = 0; i < 30 && !(await forums.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(forums).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/forums$/);
  // Focus moved to the new page's heading.
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();

  // The sign-in form, by keyboard only.
  const signInLink = page.getByRole("link", { name: "Se connecter" });
  await signInLink.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  const email = page.getByLabel("Adresse électronique");
  for (let i = 0; i < 30 && !(await email.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(email).toBeFocused();
  await page.keyboard.type(accounts.member);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Mot de passe")).toBeFocused();
  await page.keyboard.type("opendetat-demo-2026");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await check(page, "keyboard-signed-in");
});

test("the DSFR display settings switch to the dark theme", async ({ page }) => {
  await page.goto("/engagements/FR0041");
  // The dialog opens once the DSFR's own script has started: wait for the page to settle first.
  await settled(page);
  await page.getByRole("contentinfo").getByRole("button", { name: "Paramètres d'affichage" }).click();
  const dialog = page.getByRole("dialog", { name: "Paramètres d'affichage" });
  await expect(dialog).toBeVisible();
  await dialog.locator("label", { hasText: "Thème sombre" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await dialog.getByRole("button", { name: "Fermer" }).click();
  await expect(dialog).toBeHidden();
  await check(page, "commitment-dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await page.goto("/forums/2027-01-espace-de-dialogue-en-ligne");
  await check(page, "forum-dark");
});
