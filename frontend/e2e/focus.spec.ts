// After every action, the keyboard focus lands somewhere meaningful (never on the page top) and
// the app's one status region says what happened (issue 19, RGAA 12.8, 7.1 and 7.5).
import { accounts, check, comment, errorSummary, expect, signIn, signOut, status, test } from "./fixtures";
import { makeForum, postAs } from "./forum";

test("the status region is on every page from the start", async ({ page }) => {
  await page.goto("/");
  await expect(status(page)).toHaveAttribute("role", "status");
  await expect(status(page)).toHaveAttribute("aria-live", "polite");
  await expect(status(page)).toHaveText("");
  await page.goto("/page-qui-n-existe-pas");
  await expect(status(page)).toHaveCount(1);
});

test("comments: posting, replying, editing, reporting and deleting each say so and keep the focus in place", async ({
  page,
}) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const theirs = `Un avis d'une autre personne ${stamp}`;
  await postAs(page, accounts.official, slug, theirs);

  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  const discussion = page.getByRole("region", { name: "Discussion" });

  // Posting: the new comment takes the focus; the status region says it is posted.
  const text = `Mon premier avis ${stamp}`;
  await discussion.getByLabel("Votre commentaire").fill(text);
  await discussion.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(status(page)).toHaveText("Votre commentaire est publié.");
  await expect(comment(page, text)).toBeFocused();
  await check(page, "focus-comment-posted");

  // Replying, then cancelling: focus goes into the form, then back to "Répondre".
  const mine = comment(page, text);
  const replyButton = mine.locator(":scope > .od-comment__actions").getByRole("button", { name: "Répondre" });
  await replyButton.click();
  await expect(page.getByLabel(/^Votre réponse à /)).toBeFocused();
  await page.getByRole("button", { name: "Annuler" }).click();
  await expect(replyButton).toBeFocused();

  // Editing: the edited comment takes the focus back.
  await mine.locator(":scope > .od-comment__actions").getByRole("button", { name: "Modifier" }).click();
  await expect(page.getByLabel("Modifier votre commentaire")).toBeFocused();
  const edited = `Mon avis corrigé ${stamp}`;
  await page.getByLabel("Modifier votre commentaire").fill(edited);
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(status(page)).toHaveText("Votre commentaire est modifié.");
  await expect(comment(page, edited)).toBeFocused();

  // "Signaler" opens its form with the focus in it; cancelling returns to "Signaler"; sending
  // puts the focus on the thanks.
  const other = comment(page, theirs);
  const report = other.getByRole("button", { name: "Signaler" });
  await report.click();
  await expect(other.getByLabel("Spam ou publicité")).toBeFocused();
  await other.getByRole("button", { name: "Annuler" }).click();
  await expect(report).toBeFocused();
  await report.press("Enter");
  await expect(other.getByLabel("Spam ou publicité")).toBeFocused();
  await other.getByRole("button", { name: "Envoyer le signalement" }).click();
  await expect(status(page)).toHaveText("Signalement envoyé.");
  await expect(page.locator(":focus")).toHaveText("Merci : votre signalement est transmis à la modération.");

  // Deleting: the safe choice has the focus first; cancelling returns to "Supprimer"; once
  // deleted, the focus is on what stays of the comment (or the discussion) and it is said.
  const own = comment(page, edited);
  const remove = own.locator(":scope > .od-comment__actions").getByRole("button", { name: "Supprimer" });
  await remove.click();
  await expect(own.getByRole("button", { name: "Annuler" })).toBeFocused();
  await check(page, "focus-confirm-delete");
  await page.keyboard.press("Enter");
  await expect(remove).toBeFocused();
  await remove.click();
  await own.getByRole("button", { name: "Confirmer la suppression" }).click();
  await expect(status(page)).toHaveText("Votre commentaire est supprimé.");
  await expect(page.getByText(edited)).toHaveCount(0);
  await expect(page.locator(":focus")).toHaveCount(1);
  expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
  const focused = await page.evaluate(
    () => document.activeElement?.closest("article.od-comment, section.od-discussion")?.tagName ?? "",
  );
  expect(["ARTICLE", "SECTION"]).toContain(focused);
});

test("notifications: reading one moves to the next unread, reading all to the list, each said", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  // Two replies to the moderator's comment: two notifications for her.
  const parent = await postAs(page, accounts.moderator, slug, `Une question de la modération ${stamp}`);
  await postAs(page, accounts.official, slug, `Première réponse (${stamp})`, parent);
  await postAs(page, accounts.official, slug, `Seconde réponse (${stamp})`, parent);

  await signIn(page, accounts.moderator);
  await page.goto("/notifications");
  const mine = page.getByTestId("notification").filter({ hasText: String(stamp) });
  await expect(mine).toHaveCount(2, { timeout: 15_000 });
  await mine.first().getByRole("button", { name: "Marquer comme lue" }).click();
  await expect(status(page)).toHaveText("Notification marquée comme lue.");
  await expect(mine.nth(1).getByRole("button", { name: "Marquer comme lue" })).toBeFocused();
  await check(page, "focus-notification-read");

  await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(status(page)).toHaveText("Toutes les notifications sont marquées comme lues.");
  await expect(page.getByRole("heading", { name: "Vos notifications" })).toBeFocused();
});

test("a wrong password says what is wrong, with the focus on it", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(accounts.member);
  await page.getByLabel("Mot de passe").fill("pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Se connecter" }).click();
  const reason =
    "L'adresse électronique ou le mot de passe est incorrect, ou l'adresse n'est pas encore confirmée : suivez d'abord le lien reçu par courriel après l'inscription.";
  await expect(errorSummary(page)).toContainText("Connexion impossible");
  await expect(errorSummary(page)).toContainText(reason);
  await expect(errorSummary(page)).not.toContainText("Connectez-vous pour continuer");
  await expect(page.locator(":focus")).toContainText(reason);
  await expect(status(page)).toHaveText(reason);
  // Read once: the status region says it; the summary, where the focus is, is no live region.
  await expect(page.getByRole("alert")).toHaveCount(0);
  await expect(page.locator('[role="status"], [role="alert"], [aria-live]').filter({ hasText: reason })).toHaveCount(1);
  await check(page, "focus-wrong-password");

  // Signed in: said too.
  await page.getByLabel("Mot de passe").fill("opendetat-demo-2026");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(status(page)).toHaveText("Vous êtes connecté·e.");
});

test("an admin changes a role: focus back on the role, the change said", async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.role.${stamp}@example.org`;
  const name = `Dominique Rôle ${stamp}`;
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password: "un-mot-de-passe-solide", display_name: name },
  });
  expect(made.status()).toBe(202);

  await signIn(page, accounts.admin);
  await page.goto("/admin/utilisateurs");
  await page.getByLabel("Rechercher (nom ou adresse)").fill(email);
  await page.getByLabel("Rechercher (nom ou adresse)").press("Enter");
  const role = page.getByLabel(`Rôle de ${name}`);
  await role.selectOption("moderator");
  await page.getByRole("button", { name: `Changer le rôle — ${name}` }).click();
  await expect(status(page)).toHaveText(`Le compte de ${name} a été mis à jour.`);
  await expect(role).toBeFocused();
  await expect(role).toHaveValue("moderator");
  await check(page, "focus-role-changed");
  await signOut(page);
});

test("an admin ends someone's sessions, then erases the account: each said, the focus kept", async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.effacer.${stamp}@example.org`;
  const name = `Dominique Effacé ${stamp}`;
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password: "un-mot-de-passe-solide", display_name: name },
  });
  expect(made.status()).toBe(202);

  await signIn(page, accounts.admin);
  await page.goto("/admin/utilisateurs");
  await page.getByLabel("Rechercher (nom ou adresse)").fill(email);
  await page.getByLabel("Rechercher (nom ou adresse)").press("Enter");
  const end = page.getByRole("button", { name: `Fermer ses sessions — ${name}` });
  await end.click();
  await expect(status(page)).toHaveText(`Les sessions de ${name} sont fermées : ses appareils devront se reconnecter.`);
  await expect(end).toBeFocused();

  await page.getByRole("button", { name: `Supprimer le compte — ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Supprimer le compte de ${name} ?` });
  await expect(dialog.getByRole("button", { name: "Annuler" })).toBeFocused();
  await check(page, "admin-erase-dialog");
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(status(page)).toHaveText(`Le compte de ${name} a été supprimé.`);
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await expect(page.getByText("Aucun compte ne correspond.")).toBeVisible();
  await signOut(page);
});
