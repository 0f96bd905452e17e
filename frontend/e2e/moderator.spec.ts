import { accounts, check, comment, expect, signIn, signOut, test, visit } from "./fixtures";

test("a moderator hides a comment, and an admin manages roles", async ({ page }) => {
  const stamp = Date.now();
  const text = `Propos à modérer ${stamp}`;
  await signIn(page, accounts.member);
  await page.goto("/forums/2018-11-donnees-ouvertes");
  await page.getByLabel("Votre commentaire").fill(text);
  await page.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByText(text)).toBeVisible();
  await signOut(page);

  await signIn(page, accounts.moderator);
  await page.goto("/forums/2018-11-donnees-ouvertes");
  await comment(page, text).getByRole("button", { name: "Masquer" }).click();
  await page.getByLabel("Motif du masquage (affiché publiquement)").fill("Hors sujet");
  await page.getByRole("button", { name: "Masquer le commentaire" }).click();
  const hidden = page.locator("article").filter({ hasText: "Motif : Hors sujet" });
  await expect(hidden.getByText("Commentaire masqué par la modération.")).toBeVisible();
  // The moderator still sees the text, marked as hidden from the public.
  await expect(hidden.getByText(text)).toBeVisible();
  await expect(hidden.getByRole("button", { name: "Rétablir" })).toBeVisible();
  await check(page, "moderator-hidden");
  await visit(page, "/admin", "admin-home-moderator");
  await expect(page.getByText(/La modération des commentaires/)).toBeVisible();
  await signOut(page);

  // The public sees the reason, not the text.
  await page.goto("/forums/2018-11-donnees-ouvertes");
  await expect(page.getByText("Motif : Hors sujet")).toBeVisible();
  await expect(page.getByText(text)).toHaveCount(0);
  await check(page, "public-hidden");

  // Admins moderate too: restore it.
  await signIn(page, accounts.admin);
  await page.goto("/forums/2018-11-donnees-ouvertes");
  await comment(page, text).getByRole("button", { name: "Rétablir" }).click();
  await expect(comment(page, text).getByText("Commentaire masqué par la modération.")).toHaveCount(0);
  await expect(comment(page, text).getByRole("button", { name: "Masquer" })).toBeVisible();

  // Admin: users and roles.
  await page.goto("/admin");
  await page.getByRole("link", { name: "Utilisateurs et rôles" }).click();
  await check(page, "admin-users");
  await page.getByLabel("Rechercher (nom ou adresse)").fill("nicolas");
  // (The header has its own "Rechercher" button, for the site search.)
  await page.getByRole("main").getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("cell", { name: "nicolas.petit@demo.opendetat.fr" })).toBeVisible();
  await page.getByLabel("Rôle de Nicolas Petit").selectOption("moderator");
  await page.getByRole("button", { name: "Changer le rôle — Nicolas Petit" }).click();
  // Shown on the page (main) and said in the status region (outside it).
  await expect(page.getByRole("main").getByText("Le compte de Nicolas Petit a été mis à jour.")).toBeVisible();
  await check(page, "admin-users-updated");
});
