// Actions that said nothing: following, reactions, the profile and the password, a moderation
// decision. Each is said once, in the page's status region (no second live region says it
// again), and the focus lands somewhere meaningful instead of the page top (issue 19, RGAA 7.5,
// 12.8).
import { accounts, apiToken, check, comment, expect, signIn, status, test } from "./fixtures";
import { confirmAddress } from "./mail";
import { auth, makeForum, postAs } from "./forum";
import type { Page } from "@playwright/test";

/** `text` is said by the status region alone: no other live region of the page says it too. */
async function saidOnce(page: Page, text: string) {
  await expect(status(page)).toHaveText(text);
  const others = page.locator('[role="status"], [role="alert"], [aria-live]').filter({ hasText: text });
  const where = await others.evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 120)));
  expect(where, "live regions that say it").toHaveLength(1);
}

test("following and reacting say what changed; the focus stays on the button pressed", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const theirs = `Un avis utile ${stamp}`;
  await postAs(page, accounts.official, slug, theirs);

  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  const follow = page.getByTestId("follow");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.focus();
  await page.keyboard.press("Enter");
  await saidOnce(page, "Vous suivez ce sujet.");
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect(follow).toBeFocused();
  await page.keyboard.press("Enter");
  await saidOnce(page, "Vous ne suivez plus ce sujet.");
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await expect(follow).toBeFocused();

  const useful = comment(page, theirs).getByRole("button", { name: /^Utile/ });
  await useful.focus();
  await page.keyboard.press("Enter");
  await saidOnce(page, "« Utile » ajouté.");
  await expect(useful).toHaveAttribute("aria-pressed", "true");
  await expect(useful).toHaveText("Utile (1)");
  await expect(useful).toBeFocused();
  const agree = comment(page, theirs).getByRole("button", { name: /^D'accord/ });
  await agree.focus();
  await page.keyboard.press("Space");
  await saidOnce(page, "« D'accord » ajouté.");
  await expect(agree).toBeFocused();
  await page.keyboard.press("Space");
  await saidOnce(page, "« D'accord » retiré.");
  await expect(agree).toHaveAttribute("aria-pressed", "false");
  await expect(agree).toBeFocused();
  await check(page, "announce-reactions");
});

test("saving the profile and changing the password are said, the focus on the form's heading", async ({ page }) => {
  const stamp = Date.now();
  const email = `e2e.profil.${stamp}@example.org`;
  const first = "un-mot-de-passe-solide";
  const made = await page.request.post("/api/v1/auth/register", {
    data: { email, password: first, display_name: `Sacha Profil ${stamp}` },
  });
  expect(made.status()).toBe(202);
  await confirmAddress(page, email);
  await signIn(page, email, first);
  await page.goto("/compte");

  const profile = page.getByRole("form", { name: "Modifier mon profil" });
  await profile.getByLabel("Nom affiché").fill(`Sacha Profil-Modifié ${stamp}`);
  await profile.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await saidOnce(page, "Modifications enregistrées.");
  await expect(page.getByRole("heading", { name: "Modifier mon profil" })).toBeFocused();
  await expect(page.getByText("Modifications enregistrées.").first()).toBeVisible();

  await page.getByLabel("Mot de passe actuel").fill(first);
  await page.getByLabel("Nouveau mot de passe").fill("un-autre-mot-de-passe-solide");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await saidOnce(page, "Mot de passe modifié. Vos autres sessions ont été fermées.");
  await expect(page.getByRole("heading", { name: "Changer de mot de passe" })).toBeFocused();
  await check(page, "announce-profile");
});

test("a moderation decision is said, and the focus moves on in the queue", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const text = `Un avis signalé à tort ${stamp}`;
  const id = await postAs(page, accounts.official, slug, text);
  const reported = await page.request.post(`/api/v1/comments/${id}/reports`, {
    headers: auth(await apiToken(page, accounts.member)),
    data: { reason: "spam", details: null },
  });
  expect(reported.status()).toBeLessThan(300);

  await signIn(page, accounts.moderator);
  await page.goto("/admin/moderation");
  const item = page.getByRole("listitem").filter({ hasText: text });
  await item.getByRole("button", { name: /^Classer sans suite — / }).click();
  await saidOnce(page, "Les signalements sont classés sans suite.");
  await expect(item).toHaveCount(0);
  // The next report's heading (or, none left, the notice) has the focus.
  const focused = await page.evaluate(() => document.activeElement?.id ?? "");
  expect(focused).toMatch(/^queue-(\d+|notice)$/);
  await check(page, "announce-moderation");
});
