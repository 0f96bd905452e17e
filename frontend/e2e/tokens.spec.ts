// API tokens from the web app: a member creates one on the account page, sees it once, an app
// uses it against the real server, the member revokes it and the next request is refused; an
// admin issues an app's token on its page.
import { accounts, apiToken, check, expect, signIn, status, test } from "./fixtures";

test("a member creates a token, uses it, and revokes it", async ({ page }) => {
  await signIn(page, accounts.member);
  await page.goto("/compte#jetons");
  const section = page.getByRole("region", { name: "Jetons d'API" });
  await expect(section).toBeVisible();
  const name = `Script ${Date.now()}`;
  await section.getByLabel("Nom").fill(name);
  await section.getByLabel("Commentaires (publier", { exact: false }).check({ force: true });
  await section.getByRole("button", { name: "Créer le jeton" }).click();

  const secret = section.locator("#new-token");
  await expect(secret).toBeFocused();
  const token = (await secret.textContent())?.trim() ?? "";
  expect(token).toMatch(/^odet_pat_[A-Za-z0-9_-]{43}$/);
  await expect(status(page)).toContainText("Votre nouveau jeton");
  await check(page, "account-token-created");

  // An app holding it reads as the member and posts within its scopes.
  const me = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  const row = section.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("read, comment");

  await row.getByRole("button", { name: `Révoquer « ${name} »` }).click();
  const dialog = page.getByRole("dialog", { name: "Révoquer ce jeton ?" });
  await dialog.getByRole("button", { name: "Révoquer le jeton" }).click();
  await expect(status(page)).toContainText(`Jeton « ${name} » révoqué.`);
  await expect(section.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  const refused = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { code: string }).code).toBe("api_token_revoked");
});

test("an admin issues a token to an organisation's app", async ({ page }) => {
  const member = await apiToken(page, accounts.member);
  const me = (await (
    await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${member}` } })
  ).json()) as { id: number };
  await signIn(page, accounts.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Jetons des applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jetons des applications" })).toBeVisible();
  const name = `Tableau de bord ${Date.now()}`;
  const form = page.getByRole("form", { name: "Créer un jeton" });
  await form.getByRole("textbox", { name: /^Nom/ }).fill(name);
  await form.getByRole("textbox", { name: /^Contact/ }).fill("tech@example.org");
  // The account is found by its address (Enter searches, it does not send the form), then picked.
  const search = form.getByLabel("Rechercher le compte au nom duquel agit l'application");
  await search.fill("nobody-at-all@nowhere.example");
  await search.press("Enter");
  const said = form.getByRole("status").filter({ hasText: /compte/ });
  await expect(said).toHaveText(/Aucun compte ne correspond/);
  await search.fill(accounts.member);
  await search.press("Enter");
  await expect(said).toHaveText("1 compte(s) trouvé(s) : choisissez-en un.");
  await form.getByRole("radio", { name: new RegExp(accounts.member) }).check({ force: true });
  // Beyond the owner's role: the server says so, on the field.
  await form.getByLabel("Modération").check({ force: true });
  await form.getByRole("button", { name: "Créer le jeton" }).click();
  await expect(page.getByText("Portée refusée au rôle du compte.").first()).toBeVisible();
  await form.getByLabel("Modération").uncheck({ force: true });
  await form.getByRole("button", { name: "Créer le jeton" }).click();
  const token = ((await page.locator("#new-token").textContent()) ?? "").trim();
  expect(token).toMatch(/^odet_app_/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("tech@example.org");
  await check(page, "admin-app-tokens");
  const used = await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
  expect(((await used.json()) as { id: number }).id).toBe(me.id);
});

test("the developers' page, from the footer, says how to get a token and what scopes do", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Développeurs (API)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Développeurs d'applications" })).toBeVisible();
  const scopes = page.getByRole("table", { name: "Portées des jetons d'API" });
  await expect(scopes.getByRole("row")).toHaveCount(10);
  await expect(scopes).toContainText("Modération");
  await expect(scopes.getByRole("row", { name: /webhooks/ })).toContainText("Jetons d'application (tous rôles)");
  await expect(page.getByRole("heading", { level: 2, name: "Les webhooks" })).toBeVisible();
  await check(page, "developers");
  await page.getByRole("link", { name: "Mes jetons d'API" }).click();
  await expect(page).toHaveURL(/\/compte#jetons$/);
});
