import { check, comment, errorSummary, expect, signIn, signOut, test, visit } from "./fixtures";
import { linkTo, mailTo } from "./mail";

test("a person signs up, signs in, comments, replies, edits and deletes", async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";

  await page.goto("/inscription");
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
  await page.getByLabel("Nom affiché").fill("Test");
  await page.getByLabel("Mot de passe").fill("court");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(errorSummary(page)).toBeVisible();
  await check(page, "sign-up-errors");

  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Nom affiché").fill(`Alex Essai ${stamp}`);
  await page.getByLabel("Organisation (facultatif)").fill("Collectif de test");
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  // The answer says a mail is on its way (it would say the same for an address already known).
  await expect(page.getByRole("heading", { name: "Vérifiez votre messagerie" })).toBeVisible();
  await check(page, "sign-up-check-mail");
  // Not signed in yet: an account signs in once its address is confirmed, and until then the
  // sign-in page answers as for a wrong password, saying what to do.
  await page.getByRole("link", { name: "J'ai confirmé mon adresse : me connecter" }).click();
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByText("l'adresse n'est pas encore confirmée").first()).toBeVisible();
  // The link of the mail received confirms the address; then the password signs in.
  const welcome = await mailTo(email);
  expect(welcome.subject).toContain("Confirmez votre adresse");
  await page.goto(linkTo(welcome, "/verification"));
  await expect(page.getByText("Adresse confirmée")).toBeVisible();
  await expect(page.getByText("Connectez-vous pour participer")).toBeVisible();
  await check(page, "email-verified");
  await signIn(page, email, password);
  await page.goto("/compte");
  await expect(page.getByText(email).first()).toBeVisible();
  await expect(page.getByText("n'est pas encore confirmée")).toHaveCount(0);
  await check(page, "profile");

  // Profile edit.
  await page.getByLabel("Nom affiché", { exact: true }).fill(`Alex Martin ${stamp}`);
  await page.getByRole("form", { name: "Modifier mon profil" }).getByRole("button", { name: "Enregistrer" }).click();
  await expect(
    page.getByRole("form", { name: "Modifier mon profil" }).getByText("Modifications enregistrées."),
  ).toBeVisible();
  await check(page, "profile-saved");

  // A new password ends every session: the app signs this one in again with it.
  const newPassword = "un-autre-mot-de-passe-solide";
  await page.getByLabel("Mot de passe actuel").fill(password);
  await page.getByLabel("Nouveau mot de passe").fill(newPassword);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(
    page.getByRole("form", { name: "Changer de mot de passe" }).getByText("Mot de passe modifié."),
  ).toBeVisible();
  await check(page, "password-changed");

  // The session survives a reload; then sign out and in again.
  await page.reload();
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await signOut(page);
  await expect(page.getByText("Vous êtes déconnecté·e.")).toBeVisible();
  await signIn(page, email, newPassword);

  // The admin area is not for members: its code is not even downloaded.
  const adminChunks: string[] = [];
  page.on("request", (r) => {
    if (/\/assets\/AdminArea-/.test(r.url())) adminChunks.push(r.url());
  });
  await visit(page, "/admin", "admin-forbidden-member");
  await expect(
    page.getByText("Cette page est réservée aux agents publics, à la modération et à l'administration."),
  ).toBeVisible();
  expect(adminChunks).toEqual([]);

  // Comment on a forum.
  const name = `Alex Martin ${stamp}`;
  await page.goto("/forums/2027-03-consultation-et-developpement-durable");
  await expect(page.getByRole("heading", { name: "Discussion" })).toBeVisible();
  await page.getByLabel("Votre commentaire").fill(`Premier **message** ${stamp}`);
  await page.getByRole("button", { name: "Aperçu" }).first().click();
  await expect(page.getByRole("region", { name: "Aperçu du commentaire" }).locator("strong")).toHaveText("message");
  await check(page, "comment-preview");
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  const mine = comment(page, `Premier message ${stamp}`);
  await expect(mine).toBeVisible();
  await expect(mine.locator("strong")).toHaveText("message");

  // Reply to it.
  await mine.locator(":scope > .od-comment__actions").getByRole("button", { name: "Répondre" }).click();
  await page.getByLabel(`Votre réponse à ${name}`).fill(`Une réponse ${stamp}`);
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  const reply = comment(page, `Une réponse ${stamp}`);
  await expect(reply).toBeVisible();
  await check(page, "comment-reply");

  // Edit the reply.
  await reply.locator(":scope > .od-comment__actions").getByRole("button", { name: "Modifier" }).click();
  await page.getByLabel("Modifier votre commentaire").fill(`Une réponse corrigée ${stamp}`);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  const edited = comment(page, `Une réponse corrigée ${stamp}`);
  await expect(edited).toBeVisible();
  await expect(edited.getByText(/modifié le/)).toBeVisible();

  // Delete the first comment: it stays as a tombstone, its reply keeps its place.
  await expect(mine).toHaveAttribute("aria-label", `Commentaire de ${name}`);
  await mine.locator(":scope > .od-comment__actions").getByRole("button", { name: "Supprimer" }).click();
  await check(page, "comment-confirm-delete");
  await page.getByRole("button", { name: "Confirmer la suppression" }).click();
  await expect(page.getByText(`Premier message ${stamp}`)).toHaveCount(0);
  await expect(page.getByText("Commentaire supprimé.").first()).toBeVisible();
  await expect(page.getByText(`Une réponse corrigée ${stamp}`)).toBeVisible();
  await check(page, "comment-deleted");
});

test("an expired or refused session signs out with a message", async ({ page }) => {
  await page.goto("/");
  await page.evaluate(() =>
    localStorage.setItem(
      "opendetat.session",
      JSON.stringify({
        token: "not-a-valid-token",
        expiresAt: "2999-01-01T00:00:00Z",
        user: {
          id: 1,
          email: "x@example.org",
          display_name: "X",
          role: "member",
          created_at: "2026-01-01T00:00:00Z",
          updated_at: "2026-01-01T00:00:00Z",
        },
      }),
    ),
  );
  await page.reload();
  await expect(page.getByText("Votre session a expiré. Reconnectez-vous pour continuer.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await check(page, "session-expired");
  await visit(page, "/compte", "profile-signed-out");
  await expect(page.getByText("Connectez-vous pour accéder à cette page.")).toBeVisible();
});
