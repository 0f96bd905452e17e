// Webhooks from the admin area: an admin registers an endpoint for the platform (the secret
// shown once), is told why an internal address is refused, sends a test message and reads it in
// the delivery log, turns the endpoint off, and deletes it.
import { accounts, apiToken, check, expect, signIn, sql, status, test } from "./fixtures";

test("an admin registers a webhook endpoint, tests it, reads its log, turns it off and deletes it", async ({
  page,
}) => {
  await signIn(page, accounts.admin);
  await page.goto("/admin");
  await page.getByRole("link", { name: "Webhooks" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  const form = page.getByRole("form", { name: "Enregistrer un point de réception" });

  // An internal address is refused, and the field says why.
  await form.getByRole("textbox", { name: /^Adresse de réception/ }).fill("https://127.0.0.1/crochet");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText(/loopback, private, link-local/).first()).toBeVisible();

  // A public address (documentation range aside: one that exists; nothing listens here in CI).
  const url = `https://93.184.215.14/crochets/${Date.now()}`;
  await form.getByRole("textbox", { name: /^Adresse de réception/ }).fill(url);
  await form.getByRole("textbox", { name: /^Description/ }).fill("Tableau de bord de test");
  // One event type no other test causes: the log below starts empty whatever runs alongside.
  await form.getByRole("checkbox", { name: "Tous les évènements" }).uncheck({ force: true });
  await form.getByRole("checkbox", { name: "Jalon supprimé" }).check({ force: true });
  await form.getByRole("button", { name: "Enregistrer" }).click();
  const secret = page.locator("#new-secret");
  await expect(secret).toBeFocused();
  expect(((await secret.textContent()) ?? "").trim()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(status(page)).toContainText("Point de réception enregistré.");
  const row = page.getByRole("row", { name: new RegExp(url) });
  await expect(row).toContainText("Plateforme (administration)");
  await expect(row).toContainText("Jalon supprimé");
  await expect(row).toContainText("Actif");
  await check(page, "admin-webhooks");

  await row.getByRole("link", { name: `Journal de ${url}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Point de réception" })).toBeVisible();
  await expect(page.getByText("Aucun envoi pour l'instant.")).toBeVisible();
  await page.getByRole("button", { name: "Envoyer un message de test" }).click();
  await expect(status(page)).toContainText("Message de test envoyé");
  // The attempt fails (nothing answers there) and shows in the log, with a new attempt planned.
  const log = page.getByRole("table", { name: /Tentatives d'envoi/ });
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole("row", { name: /Message de test/ })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(log.getByRole("row", { name: /Message de test/ })).toContainText("Nouvel essai prévu");
  await check(page, "admin-webhook-log");

  await page.getByRole("button", { name: "Désactiver" }).click();
  await expect(status(page)).toContainText("Point de réception désactivé.");
  await expect(page.getByRole("button", { name: "Réactiver" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Envoyer un message de test" })).toBeDisabled();

  await page.getByRole("button", { name: "Supprimer" }).click();
  const dialog = page.getByRole("dialog", { name: "Supprimer ce point de réception ?" });
  await dialog.getByRole("button", { name: "Supprimer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(status(page)).toContainText("Point de réception supprimé.");
  await expect(page.getByRole("row", { name: new RegExp(url) })).toHaveCount(0);
});

test("an app's owner finds the app's endpoints from the account page and turns one off", async ({ page }) => {
  // An admin issues the member's organisation an app token that may register webhooks…
  const admin = await apiToken(page, accounts.admin);
  const member = await apiToken(page, accounts.member);
  const me = (await (
    await page.request.get("/api/v1/me", { headers: { Authorization: `Bearer ${member}` } })
  ).json()) as { id: number };
  const issued = await page.request.post("/api/v1/admin/app-tokens", {
    headers: { Authorization: `Bearer ${admin}` },
    data: { name: `Appli ${Date.now()}`, contact: "tech@example.org", owner_id: me.id, scopes: ["webhooks"] },
  });
  expect(issued.status()).toBe(201);
  const app = ((await issued.json()) as { token: string }).token;
  // …and the app registers an endpoint with it.
  const url = `https://93.184.215.14/appli/${Date.now()}`;
  const registered = await page.request.post("/api/v1/webhooks", {
    headers: { Authorization: `Bearer ${app}` },
    data: { url, event_types: ["comment.created"] },
  });
  expect(registered.status()).toBe(201);

  await signIn(page, accounts.member);
  await page.goto("/compte#jetons");
  await page.getByRole("link", { name: "Webhooks de vos applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks de vos applications" })).toBeVisible();
  // Owners manage; the app registers: no form here.
  await expect(page.getByRole("form", { name: "Enregistrer un point de réception" })).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(url) });
  await expect(row).toContainText("Commentaire publié");
  await check(page, "account-webhooks");
  await row.getByRole("link", { name: `Journal de ${url}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Point de réception" })).toBeVisible();
  await page.getByRole("button", { name: "Désactiver" }).click();
  await expect(status(page)).toContainText("Point de réception désactivé.");
  await expect(page.getByRole("button", { name: "Réactiver" })).toBeVisible();

  // On again, failing for five days already: the next failed delivery turns it off, and the
  // owner reads why in the notifications, with the way to its page.
  await page.getByRole("button", { name: "Réactiver" }).click();
  await expect(status(page)).toContainText("Point de réception réactivé.");
  const id = ((await registered.json()) as { endpoint: { id: number } }).endpoint.id;
  sql(`UPDATE webhook_endpoints SET failing_since = now() - interval '5 days 1 minute' WHERE id = ${id}`);
  const posted = await page.request.post("/api/v1/commitments/FR0041/comments", {
    headers: { Authorization: `Bearer ${member}` },
    data: { body: "Un commentaire que personne ne recevra" },
  });
  expect(posted.status()).toBe(201);
  await expect(async () => {
    await page.goto("/notifications");
    await expect(page.getByRole("link", { name: url })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByText(/est désactivé : ses envois échouent depuis cinq jours/)).toBeVisible();
  await check(page, "notifications-webhook-disabled");
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByText("Désactivé : cinq jours d'échecs")).toBeVisible();
});
