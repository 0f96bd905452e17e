// A session's time limit is the person's to control (RGAA 13.1): two minutes before it ends, a
// dialog says when and offers to stay signed in with one action, as often as needed; left alone,
// the session ends at its time with a message. The page's clock is Playwright's, moved forward
// instead of waiting an hour; the new token comes from the real server.
import { accounts, check, expect, signIn, status, test } from "./fixtures";

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
  const stored = () =>
    page.evaluate(() => (JSON.parse(localStorage.getItem("opendetat.session") ?? "{}") as { token: string }).token);
  const before = await stored();
  // Its unread count's stream opens again, with the new token.
  const sent = other.waitForRequest(
    (r) => r.url().includes("/api/v1/me/stream") && r.headers()["authorization"] !== `Bearer ${before}`,
  );
  await dialog(page).getByRole("button", { name: "Rester connecté·e" }).click();
  await expect(dialog(page)).toBeHidden();
  // The other tab read the new session from storage: its warning is gone (it was given for the
  // old expiry), it is still signed in, and what it sends next carries the new token.
  await expect(dialog(other)).toBeHidden();
  await expect(other.getByRole("link", { name: "Mon compte" })).toBeVisible();
  const token = await stored();
  expect((await sent).headers()["authorization"]).toBe(`Bearer ${token}`);
});
