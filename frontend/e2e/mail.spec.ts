import { check, errorSummary, expect, signIn, test, visit } from "./fixtures";
import { linkTo, mailTo } from "./mail";

test("a person who forgot the password resets it from the mail received, once", async ({ page }) => {
  const stamp = Date.now();
  const email = `oubli.${stamp}@example.org`;
  const first = "un-mot-de-passe-oublie";
  // An account, signed up through the app.
  await page.goto("/inscription");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Nom affiché").fill(`Dominique ${stamp}`);
  await page.getByLabel("Mot de passe").fill(first);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();

  // "Mot de passe oublié ?" from the sign-in page.
  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await check(page, "forgot-password");
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByRole("button", { name: "Recevoir un lien" }).click();
  await expect(page.getByText(`Si un compte utilise l'adresse ${email}`)).toBeVisible();
  await check(page, "forgot-password-sent");

  // The mail (the second one: the first confirmed the sign-up), read by a MIME parser.
  const mail = await mailTo(email, 2);
  expect(mail.subject).toContain("mot de passe");
  expect(mail.html).toContain('lang="fr"');
  const link = linkTo(mail, "/mot-de-passe");

  await page.goto(link);
  await check(page, "reset-password");
  const second = "un-tout-nouveau-mot-de-passe";
  await page.getByLabel("Nouveau mot de passe").fill(second);
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  await expect(page.getByText("Mot de passe changé")).toBeVisible();
  await check(page, "reset-password-done");

  // The link served once.
  await page.goto(link);
  await page.getByLabel("Nouveau mot de passe").fill("encore-un-autre-mot-de-passe");
  await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
  // Shown in the alert (and said in the status region).
  await expect(errorSummary(page)).toContainText("Ce lien a déjà servi, ou un lien plus récent l'a remplacé.");
  await expect(page.getByRole("link", { name: "Demander un nouveau lien" })).toBeVisible();
  await check(page, "reset-password-used");

  // The old password no longer opens the account; the new one does.
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(first);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await signIn(page, email, second);
  // The owner was told of the change, by mail.
  const told = await mailTo(email, 3);
  expect(told.text).toContain("mot de passe");
});

test("an admin finds an official's edit in the journal", async ({ page }) => {
  const stamp = Date.now();
  // An official edits a forum's title.
  await signIn(page, "agent@demo.opendetat.fr");
  await page.goto("/admin/forums/2027-01-espace-de-dialogue-en-ligne");
  const title = page.getByRole("textbox", { name: "Titre", exact: true });
  await expect(title).toBeVisible();
  const before = await title.inputValue();
  await title.fill(`${before} (${stamp})`);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page).toHaveURL(/\/forums\/2027-01-espace-de-dialogue-en-ligne$/);
  // Officials have no journal.
  await visit(page, "/admin/journal", "journal-forbidden-official");
  await expect(page.getByText("Cette page est réservée à l'administration.")).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();

  // The admin opens the journal and narrows it to forum edits.
  await signIn(page, "admin@demo.opendetat.fr");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Journal", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Journal", level: 1 })).toBeVisible();
  await check(page, "journal");
  await page.getByLabel("Action").selectOption({ label: "Forum modifié" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  const row = page.getByRole("row").filter({ hasText: "2027-01-espace-de-dialogue-en-ligne" }).first();
  await expect(row).toContainText("Forum modifié");
  await expect(row).toContainText("(Agent public)");
  await row.getByText("champ(s)").click();
  await expect(row).toContainText(`${before} (${stamp})`);
  await check(page, "journal-filtered");
  // Narrowed to that official's actions by clicking their name.
  await row.getByRole("button").first().click();
  await expect(page.getByLabel("Auteur (numéro de compte)")).not.toHaveValue("");
  await expect(page.getByRole("row").filter({ hasText: "Forum modifié" }).first()).toBeVisible();
});
