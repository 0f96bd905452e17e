// Live pages (issue 23): a discussion shows that new comments came while it was open, says so
// politely, keeps the reader's focus, and shows them on demand; edits follow in place; the
// header's unread count follows notifications as they arrive; without streams (a proxy that
// cuts them), the discussion is polled instead.
import { accounts, apiToken, check, comment, expect, status, test } from "./fixtures";
import { auth, makeForum, postAs } from "./forum";

test("new comments are counted and shown on demand, edits follow in place, the focus stays", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  await postAs(page, accounts.member, slug, `Premier avis ${stamp}`);
  const opened = page.waitForResponse((r) => r.url().endsWith("/stream"));
  await page.goto(`/forums/${slug}`);
  expect((await opened).headers()["content-type"]).toContain("text/event-stream");
  await expect(comment(page, `Premier avis ${stamp}`)).toBeVisible();
  const sort = page.getByLabel("Trier les fils");
  await sort.focus();

  const second = await postAs(page, accounts.official, slug, `Deuxième avis ${stamp}`);
  await postAs(page, accounts.moderator, slug, `Troisième avis ${stamp}`);
  const fresh = page.getByTestId("fresh-comments");
  await expect(fresh).toContainText("2 nouveaux messages");
  await expect(status(page)).toContainText("2 nouveaux messages");
  // Not pushed under the reader's eyes, and the focus did not move.
  await expect(comment(page, `Deuxième avis ${stamp}`)).toHaveCount(0);
  await expect(sort).toBeFocused();
  await check(page, "live-fresh-comments");

  await fresh.getByRole("button", { name: "Afficher" }).click();
  await expect(comment(page, `Deuxième avis ${stamp}`)).toBeVisible();
  await expect(comment(page, `Troisième avis ${stamp}`)).toBeVisible();
  await expect(fresh).toHaveCount(0);
  await expect(page.locator(`#comment-${second}`)).toBeFocused();

  // Edited elsewhere: the text changes where it is.
  const edited = await page.request.patch(`/api/v1/comments/${second}`, {
    headers: auth(await apiToken(page, accounts.official)),
    data: { body: `Deuxième avis, corrigé ${stamp}` },
  });
  expect(edited.status()).toBe(200);
  await expect(comment(page, `Deuxième avis, corrigé ${stamp}`)).toBeVisible();
});

test("the header's unread count follows notifications as they arrive", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const memberToken = await apiToken(page, accounts.member);
  await page.request.post("/api/v1/me/notifications/read-all", { headers: auth(memberToken) });
  const mine = await postAs(page, accounts.member, slug, `Qui me répond ? ${stamp}`);
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(accounts.member);
  await page.getByLabel("Mot de passe").fill("opendetat-demo-2026");
  const opened = page.waitForResponse((r) => r.url().endsWith("/me/stream"));
  await page.getByRole("button", { name: "Se connecter" }).click();
  await opened;
  await expect(page.getByTestId("unread-count")).toHaveCount(0);

  await postAs(page, accounts.official, slug, `Moi ${stamp}`, mine);
  await expect(page.getByTestId("unread-count").first()).toHaveText("1");
  await page.request.post("/api/v1/me/notifications/read-all", { headers: auth(memberToken) });
  await expect(page.getByTestId("unread-count")).toHaveCount(0);
});

test("where streams are cut, the discussion is polled", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  await page.route("**/stream", (route) => route.abort());
  await page.clock.install();
  await page.goto(`/forums/${slug}`);
  await expect(page.getByText("Aucun commentaire pour l'instant")).toBeVisible();
  await postAs(page, accounts.official, slug, `Arrivé sans flux ${stamp}`);
  // Three failed tries (2 s, 4 s apart), then a fetch every 30 s. The tries fail in real time
  // (the aborted requests), so on a loaded machine the fake clock may run before they have:
  // it is run on, 30 s at a time, until a poll brings the comment (only a poll can: the
  // streams are cut).
  await page.clock.runFor(10_000);
  await expect(async () => {
    await page.clock.runFor(31_000);
    await expect(comment(page, `Arrivé sans flux ${stamp}`)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 40_000 });
  await expect(page.getByTestId("fresh-comments")).toHaveCount(0);
});
