// A session's time limit is the person's to control (RGAA 13.1): two minutes before it ends, a
// dialog says when and offers to stay signed in with one action, as often as needed; left alone,
// the session ends at its time with a message. The page's clock is Playwright's, moved forward
// instead of waiting an hour; the new token comes from the real server.
import { accounts, check, expect, signIn, status, test } from "./fixtures";
import { confirmAddress } from "./mail";

const expiresAt = (page: import("@playwright/test").Page) =>
  page.evaluate(
    () => (JSON.parse(localStorage.getItem("opendetat.session") ?? "{}") as { expiresAt: string }).expiresAt,
  );

test("two minutes before the session ends, one action keeps the person signed in", async ({ page }) => {
  await page.clock.install();
  await signIn(page, accounts.member);
  await page.goto("/forums");
  const account = page.getByRole("link", { name: "Mon compte" });
  await account.focus();
  const first = await expiresAt(page);

  // 90 seconds before the end: the warning, with "stay signed in" focused.
  await page.clock.fastForward(Date.parse(first) - 90_000 - (await page.evaluate(() => Date.now())));
  const dialog = page.getByRole("dialog", { name: "Votre session va expirer" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("vous serez déconnecté·e à");
  const stay = dialog.getByRole("button", { name: "Rester connecté·e" });
  await expect(stay).toBeFocused();
  await check(page, "session-expiring");

  // Back to the real time (the server's clock gives the new token its hour), then stay.
  await page.clock.setSystemTime(Date.now());
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(status(page)).toContainText("Session prolongée jusqu'à");
  await expect(account).toBeFocused();
  const second = await expiresAt(page);
  expect(Date.parse(second)).toBeGreaterThan(Date.parse(first));
  // The new token is the one sent from now on.
  await page.reload();
  await expect(page.getByRole("link", { name: "Mon compte" })).toBeVisible();

  // Left alone, the warning comes again, then the session ends with a message.
  await page.clock.fastForward(Date.parse(second) - 90_000 - (await page.evaluate(() => Date.now())));
  await expect(dialog).toBeVisible();
  await page.clock.fastForward(91_000);
  await expect(dialog).toBeHidden();
  await expect(page.getByText("Votre session a expiré. Reconnectez-vous pour continuer.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter" })).toBeVisible();
});

test("a session extended in one tab is extended in the others", async ({ page, context }) => {
  await page.clock.install();
  await signIn(page, accounts.member);
  const other = await context.newPage();
  await other.goto("/forums");
  await expect(other.getByRole("link", { name: "Mon compte" })).toBeVisible();
  const first = await expiresAt(page);

  await page.clock.fastForward(Date.parse(first) - 90_000 - (await page.evaluate(() => Date.now())));
  const dialog = (p: typeof page) => p.getByRole("dialog", { name: "Votre session va expirer" });
  await expect(dialog(page)).toBeVisible();
  await expect(dialog(other)).toBeVisible();

  await page.clock.setSystemTime(Date.now());
  // Its unread count's stream opens again, with the new session's cookie.
  const sent = other.waitForRequest((r) => r.url().includes("/api/v1/me/stream"));
  await dialog(page).getByRole("button", { name: "Rester connecté·e" }).click();
  await expect(dialog(page)).toBeHidden();
  // The other tab read the new session from storage: its warning is gone (it was given for the
  // old expiry), it is still signed in, and its stream reopened with the new cookie (which no
  // script of the page can read).
  await expect(dialog(other)).toBeHidden();
  await expect(other.getByRole("link", { name: "Mon compte" })).toBeVisible();
  expect((await sent).headers()["authorization"]).toBeUndefined();
  expect(await page.evaluate(() => document.cookie)).not.toContain("od_session");
  expect(await page.evaluate(() => localStorage.getItem("opendetat.session"))).not.toContain("eyJ");
});

test("the account page lists the signed-in devices: one is signed out from another, then everywhere", async ({
  page,
  browser,
}) => {
  const stamp = Date.now();
  const email = `e2e.appareils.${stamp}@example.org`;
  const password = "un-mot-de-passe-solide";
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password, display_name: `Alex Appareils ${stamp}` },
  });
  expect(made.status()).toBe(202);
  await confirmAddress(page, email);
  // A second device: a browser context of its own, signed in first.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await signIn(phone, email, password);
  await signIn(page, email, password);

  await page.goto("/compte");
  const section = page.getByRole("region", { name: "Appareils connectés" });
  const rows = section.getByRole("table", { name: "Sessions ouvertes" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Cet appareil");
  await check(page, "profile-sessions");

  // The other device is signed out from here: said, the focus on the section's heading, and
  // that device's next request finds its session over.
  await rows
    .nth(2)
    .getByRole("button", { name: /^Déconnecter/ })
    .click();
  await expect(status(page)).toHaveText("L'appareil a été déconnecté.");
  await expect(section.getByRole("heading", { name: "Appareils connectés" })).toBeFocused();
  await expect(rows).toHaveCount(2);
  await phone.goto("/compte");
  await expect(phone.getByText("Votre session a expiré. Reconnectez-vous pour continuer.")).toBeVisible();
  await other.close();

  // Everywhere: this browser is signed out too.
  await section.getByRole("button", { name: "Se déconnecter partout" }).click();
  await expect(page.getByText("Vous êtes déconnecté·e.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Se connecter" }).first()).toBeVisible();
});
