// "Données personnelles": reached from every page's footer, it says what is kept and for how
// long (the housekeeping's periods), who sees what, the rights and where to write; in English too.
import { readFileSync } from "node:fs";
import { accounts, check, expect, signIn, test } from "./fixtures";
import { confirmAddress } from "./mail";

test("the personal data page is in the footer and says what is kept, for how long, who sees it and where to write", async ({
  page,
}) => {
  await page.goto("/forums");
  await page.getByRole("contentinfo").getByRole("link", { name: "Données personnelles" }).click();
  await expect(page).toHaveURL(/\/donnees-personnelles$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Données personnelles");
  await check(page, "privacy");

  const kept = page.getByRole("table", { name: "Durées de conservation" });
  await expect(kept.getByRole("row", { name: /jamais été confirmée/ })).toContainText("7 jours");
  await expect(kept.getByRole("row", { name: /^Notifications/ })).toContainText("1 an");
  const who = page.getByRole("table", { name: "Destinataires des données" });
  await expect(who.getByRole("row", { name: /Organisateurs d'un forum/ })).toContainText("liste des inscrits");
  // Where to write, as a mail link (the build's VITE_PRIVACY_CONTACT, or the default).
  const contact = page.getByRole("link", { name: /@/ }).first();
  await expect(contact).toHaveAttribute("href", /^mailto:.+@.+/);
  await expect(page.getByRole("link", { name: "déposer une plainte sur cnil.fr" })).toHaveAttribute(
    "href",
    "https://www.cnil.fr/fr/plaintes",
  );

  // In English, the page and its tables follow.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Personal data");
  await expect(page.getByRole("table", { name: "Retention periods" })).toBeVisible();
  await check(page, "privacy-en");
});

test("a member downloads a copy of their data from the account page", async ({ page }) => {
  await signIn(page, accounts.member);
  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Mes données personnelles" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    section.getByRole("button", { name: "Télécharger mes données" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("mes-donnees-opendetat.json");
  const data = JSON.parse(readFileSync(await download.path(), "utf8")) as {
    account: { email: string };
    comments: unknown[];
    api_tokens: unknown[];
  };
  expect(data.account.email).toBe(accounts.member);
  expect(Array.isArray(data.comments) && Array.isArray(data.api_tokens)).toBe(true);
  await check(page, "profile-my-data");
  await section.getByRole("link", { name: "Ce que la plateforme fait de vos données" }).click();
  await expect(page).toHaveURL(/\/donnees-personnelles$/);
});

test("a member erases their account: the password again, a confirmation, then signed out and unable to sign in", async ({
  page,
}) => {
  const stamp = Date.now();
  const email = `e2e.effacement.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password, display_name: `Camille Effacée ${stamp}` },
  });
  expect(made.status()).toBe(202);
  await confirmAddress(page, email);
  await signIn(page, email, password);
  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Supprimer mon compte" });
  await expect(section).toContainText("Compte supprimé");
  await check(page, "profile-erase");

  // A wrong password: said, linked to its field, nothing erased.
  await section.getByLabel("Votre mot de passe, pour confirmer").fill("pas-le-bon-mot-de-passe");
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  const dialog = page.getByRole("dialog", { name: "Supprimer votre compte ?" });
  await expect(dialog.getByRole("button", { name: "Annuler" })).toBeFocused();
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(section.locator(".od-problem")).toBeFocused();
  await expect(section.getByRole("link", { name: "Votre mot de passe, pour confirmer" })).toBeVisible();

  // The right one, and the text of the comments left in place.
  await section.getByLabel("Votre mot de passe, pour confirmer").fill(password);
  await section.getByText("Laisser le texte de mes commentaires").click();
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByText("Votre compte a été supprimé. Merci d'avoir participé.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();

  // Nothing signs in as it any more.
  const again = await page.request.post("/api/v1/auth/login", { data: { email, password } });
  expect(again.status()).toBe(401);
});
