// Two-factor sign-in from the account page (issue 24, point 3): the password again, a QR code
// (and the key written out), the first code of the app, the recovery codes shown once; then a
// sign-in asks for a code in the same form. The authenticator app is `otpauth` (npm), fed the
// key the page shows.
import * as OTPAuth from "otpauth";
import { check, errorSummary, expect, signIn, signOut, status, test } from "./fixtures";
import { confirmAddress } from "./mail";

test("a member turns on two-factor sign-in, keeps the recovery codes and signs in with one", async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.deux.facteurs.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password, display_name: `Dominique Deux ${stamp}` },
  });
  expect(made.status()).toBe(202);
  await confirmAddress(page, email);
  await signIn(page, email, password);
  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Double authentification" });
  await expect(section).toContainText("La double authentification n'est pas activée");
  await check(page, "two-factor-off");

  // The password again, then the QR code and the key, the focus on the step's heading.
  await section.getByLabel("Mot de passe du compte").fill(password);
  await section.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(section.getByRole("heading", { name: "Ajoutez le compte à votre application" })).toBeFocused();
  await expect(section.getByRole("img", { name: /Code QR à scanner/ })).toBeVisible();
  const key = (await section.getByTestId("two-factor-secret").innerText()).replace(/\s/g, "");
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await check(page, "two-factor-scan");
  const app = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(key) });

  // A wrong code: said, linked to its field; then the one the app shows.
  await section.getByLabel("Code de l'application").fill(app.generate({ timestamp: Date.now() + 600_000 }));
  await section.getByRole("button", { name: "Confirmer et activer" }).click();
  await expect(errorSummary(page)).toContainText("Ce code n'est pas valable");
  await section.getByLabel("Code de l'application").fill(app.generate());
  await section.getByRole("button", { name: "Confirmer et activer" }).click();
  await expect(section.getByRole("heading", { name: "Vos codes de secours" })).toBeFocused();
  await expect(status(page)).toContainText("Double authentification activée");
  const codes = section.getByRole("list", { name: "Vos codes de secours" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const recovery = await codes.first().innerText();
  await expect(section.getByRole("link", { name: "Télécharger les codes (texte)" })).toBeVisible();
  await check(page, "two-factor-codes");
  await section.getByRole("button", { name: "J'ai gardé mes codes" }).click();
  await expect(section).toContainText("Codes de secours restants : 10");

  // Signing in: the password, then the code field appears in the same form, focused.
  await signOut(page);
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  const code = page.getByLabel("Code de vérification");
  await expect(code).toBeFocused();
  await expect(status(page)).toContainText("Saisissez le code à six chiffres");
  await check(page, "sign-in-code");
  await code.fill(recovery);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await page.goto("/compte");
  await expect(page.getByRole("region", { name: "Double authentification" })).toContainText(
    "Codes de secours restants : 9",
  );
});
