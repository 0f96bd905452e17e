// Signing in with ProConnect and FranceConnect (issue 24, point 1), against a real OpenID Connect
// provider: oidc-provider-mock (tests/oidc/provider.py, started by global-setup.ts), whose
// authorization page is a form where the test types who signs in (the `sub` it gave claims with
// `PUT /users/{sub}`). The buttons are the official ones; the pages the server's callback sends the
// browser to (/connexion/fournisseur, /connexion/lier, /connexion/echec) finish the sign-in, link
// an account with its password, or say what went wrong.
import type { Page } from "@playwright/test";
import { check, errorSummary, expect, sql, status, test } from "./fixtures";
import { confirmAddress } from "./mail";

function issuer(): string {
  const url = process.env.E2E_OIDC_ISSUER;
  if (!url) throw new Error("E2E_OIDC_ISSUER is not set: global-setup starts the OpenID provider");
  return url;
}

/** Who signs in at the provider: their subject and e-mail, unique per test and worker. */
async function person(page: Page, name: string, email?: string) {
  const stamp = `${Date.now()}-${test.info().workerIndex}-${test.info().retry}`;
  const sub = `e2e-${name}-${stamp}`;
  const address = email ?? `e2e.${name}.${stamp}@example.org`;
  const res = await page.request.put(`${issuer()}/users/${encodeURIComponent(sub)}`, {
    data: { email: address, email_verified: true, given_name: "Camille", family_name: `Fournisseur ${stamp}` },
  });
  expect(res.status(), "the provider knows the person").toBe(204);
  return { sub, email: address, name: `Camille Fournisseur ${stamp}` };
}

/** The provider sends the browser back to the site's public address (PUBLIC_URL,
 *  http://opendetat.e2e): it stands for the test server here, as DNS would make it. The mock's
 *  pages take their stylesheet from a CDN, which the test machine need not reach. */
async function providerRoutes(page: Page, baseURL: string) {
  await page.route("https://cdn.jsdelivr.net/**", (route) => route.abort());
  await page.route("http://opendetat.e2e/**", (route) => {
    // oidc-provider-mock 0.3.4 leaves `state` out of its refusal (`?error=access_denied`): the
    // server takes it as a cancellation all the same, this browser's flow being under way.
    const back = new URL(route.request().url().replace("http://opendetat.e2e", baseURL));
    return route.fulfill({ status: 302, headers: { location: back.toString() } });
  });
  return {
    /** On the provider's authorization page, with the flow's `state`. */
    atProvider: async () => {
      await page.waitForURL((url) => url.href.startsWith(`${issuer()}/oauth2/authorize`));
      expect(new URL(page.url()).searchParams.get("state"), "the sign-in carries a state").toBeTruthy();
    },
  };
}

/** Signs in as `sub` on the provider's form. */
async function authorize(page: Page, sub: string) {
  await page.getByPlaceholder("sub").fill(sub);
  await page.getByRole("button", { name: "Authorize" }).click();
}

test("a new person signs in with FranceConnect, is back where they were, and signs out of the provider too", async ({
  page,
  baseURL,
}) => {
  const provider = await providerRoutes(page, baseURL!);
  const who = await person(page, "franceconnect");

  // The account page asks to sign in; the sign-in page offers ProConnect first, then FranceConnect,
  // then the password form, after the DSFR's "ou".
  await page.goto("/compte");
  await page.getByRole("main").getByRole("link", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  const buttons = page.getByRole("main").getByRole("link", { name: /^S.identifier avec / });
  await expect(buttons).toHaveText([/ProConnect/, /FranceConnect/]);
  await expect(page.locator("main .fr-hr-or")).toHaveText("ou");
  const franceConnect = page.getByRole("link", { name: /^S.identifier avec\s*FranceConnect/ });
  await expect(franceConnect).toHaveAttribute("href", "/api/v1/auth/oidc/franceconnect/start?next=%2Fcompte");
  await check(page, "sign-in-providers");

  await franceConnect.click();
  await provider.atProvider();
  await authorize(page, who.sub);

  // Back on the site, signed in, on the page that asked.
  await expect(page).toHaveURL(/\/compte$/);
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await expect(status(page)).toHaveText("Vous êtes connecté·e.");
  await expect(page.getByRole("heading", { level: 1, name: "Mon compte" })).toBeVisible();
  await expect(page.getByText(who.name).first()).toBeVisible();
  const identities = page.getByRole("region", { name: "Identités liées", exact: true });
  const row = identities.getByRole("row").filter({ hasText: "FranceConnect" });
  await expect(row).toContainText(who.email);
  // Its only way in (no password yet): the section says so.
  await expect(identities).toContainText("Ce compte n'a pas de mot de passe");
  // The session says where it began.
  const sessions = page.getByRole("region", { name: "Appareils connectés" });
  await expect(sessions.getByRole("row").filter({ hasText: "Cet appareil" })).toContainText("FranceConnect");
  await check(page, "identities-linked");

  // Unlinking the only way in is refused, with what to do first.
  await identities.getByRole("button", { name: `Délier FranceConnect (${who.email})` }).click();
  const dialog = page.getByRole("dialog", { name: "Délier FranceConnect ?" });
  await dialog.getByRole("button", { name: "Délier", exact: true }).click();
  await expect(errorSummary(page)).toContainText("C'est le seul moyen de vous connecter à ce compte");
  await expect(identities.getByRole("link", { name: "Choisir un mot de passe" })).toBeVisible();
  await expect(row).toBeVisible();

  // Signing out of a session begun at the provider ends the provider's session too.
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer()}/oauth2/end_session`));
  expect(new URL(page.url()).searchParams.get("id_token_hint")).toBeTruthy();
});

test("an account that has the provider's e-mail is linked once its password proves it", async ({ page, baseURL }) => {
  const provider = await providerRoutes(page, baseURL!);
  const stamp = `${Date.now()}-${test.info().workerIndex}-${test.info().retry}`;
  const email = `e2e.lier.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password, display_name: `Dominique Lien ${stamp}` },
  });
  expect(made.status()).toBe(202);
  await confirmAddress(page, email);
  const who = await person(page, "proconnect", email);

  await page.goto("/connexion");
  await page.getByRole("link", { name: /^S.identifier avec\s*ProConnect/ }).click();
  await provider.atProvider();
  await authorize(page, who.sub);

  // Never linked silently: the account's password first.
  await expect(page).toHaveURL(/\/connexion\/lier\?suite=%2F$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Lier votre compte");
  await expect(page.getByRole("main")).toContainText(
    `Un compte Open d'État existe déjà avec l'adresse ${email}. Pour le lier à ProConnect, saisissez son mot de passe. Ensuite, ProConnect vous connectera directement.`,
  );
  await expect(page.getByRole("link", { name: "Mot de passe oublié ?" })).toHaveAttribute(
    "href",
    "/mot-de-passe-oublie",
  );
  await check(page, "link-account");

  // A wrong password: said, linked to its field.
  const field = page.getByLabel("Mot de passe du compte Open d'État");
  await field.fill("pas-le-bon-mot-de-passe");
  await page.getByRole("button", { name: "Lier et me connecter" }).click();
  await expect(errorSummary(page)).toContainText("Liaison impossible");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await check(page, "link-account-wrong-password");

  await field.fill(password);
  await page.getByRole("button", { name: "Lier et me connecter" }).click();
  await expect(status(page)).toHaveText("Compte lié à ProConnect : vous êtes connecté·e.");
  await expect(page).toHaveURL(new URL("/", baseURL).href);
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await page.getByRole("link", { name: "Mon compte" }).click();
  const identities = page.getByRole("region", { name: "Identités liées", exact: true });
  await expect(identities.getByRole("row").filter({ hasText: "ProConnect" })).toContainText(email);
  await expect(identities).not.toContainText("Ce compte n'a pas de mot de passe");

  // The waiting sign-in was used: the page says there is nothing left to link.
  await page.goto("/connexion/lier?suite=%2F");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Aucune connexion en attente");
  await check(page, "link-account-none");

  // From now on, ProConnect signs this account in directly.
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await page.waitForURL((url) => url.href.startsWith(`${issuer()}/oauth2/end_session`));
  await page.goto("/connexion");
  await page.getByRole("link", { name: /^S.identifier avec\s*ProConnect/ }).click();
  await provider.atProvider();
  await authorize(page, who.sub);
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();
  await expect(page).toHaveURL(new URL("/", baseURL).href);
});

test("a sign-in cancelled at the provider says so, and offers to try again", async ({ page, baseURL }) => {
  const provider = await providerRoutes(page, baseURL!);
  await page.goto("/connexion");
  await page.getByRole("link", { name: /^S.identifier avec\s*ProConnect/ }).click();
  await provider.atProvider();
  await page.getByRole("button", { name: "Deny" }).click();

  await expect(page).toHaveURL(/\/connexion\/echec\?raison=denied&fournisseur=proconnect$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("La connexion avec ProConnect n'a pas abouti");
  await expect(page).toHaveTitle("La connexion avec ProConnect n'a pas abouti — Open d'État");
  await expect(page.getByRole("main")).toContainText(
    "La connexion a été annulée, ou refusée par ProConnect. Rien n'a changé sur votre compte.",
  );
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
  await check(page, "provider-failure");
  await page.getByRole("link", { name: "Réessayer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
});

test("an account made at FranceConnect is erased without a password, after a sign-in there less than 10 minutes old", async ({
  page,
  baseURL,
}) => {
  const provider = await providerRoutes(page, baseURL!);
  const who = await person(page, "effacement");
  await page.goto("/connexion");
  await page.getByRole("link", { name: /^S.identifier avec\s*FranceConnect/ }).click();
  await provider.atProvider();
  await authorize(page, who.sub);
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();

  // No password to give: the section says what confirms instead.
  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Supprimer mon compte" });
  await expect(section).toContainText("Ce compte n'a pas de mot de passe : pour confirmer");
  await expect(section.getByLabel("Votre mot de passe, pour confirmer")).toHaveCount(0);

  // Signed in there more than 10 minutes ago: refused, with the provider's button to sign in again.
  sql(
    `UPDATE sessions SET created_at = created_at - interval '11 minutes' WHERE user_id = (SELECT id FROM users WHERE email = '${who.email}')`,
  );
  const dialog = page.getByRole("dialog", { name: "Supprimer votre compte ?" });
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(errorSummary(page)).toContainText("reconnectez-vous avec ProConnect ou FranceConnect");
  const again = section.getByRole("link", { name: /^S.identifier avec\s*FranceConnect/ });
  await expect(section.getByRole("link", { name: /^S.identifier avec\s*ProConnect/ })).toHaveCount(0);
  await check(page, "erase-reauthenticate");

  await again.click();
  await provider.atProvider();
  await authorize(page, who.sub);
  await expect(page).toHaveURL(/\/compte$/);
  await section.getByRole("button", { name: "Supprimer mon compte" }).click();
  await dialog.getByRole("button", { name: "Supprimer définitivement" }).click();
  await expect(page.getByText("Votre compte a été supprimé. Merci d'avoir participé.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
});
