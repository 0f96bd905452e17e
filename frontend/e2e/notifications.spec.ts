import { accounts, check, expect, signIn, signOut, test } from "./fixtures";

test("a member follows FR0041, is named in a comment, and reads both notifications", async ({ page }) => {
  const stamp = Date.now();
  await signIn(page, accounts.member);
  await page.goto("/engagements/FR0041");
  const followButton = page.getByTestId("follow");
  // Following is a toggle: a member who already follows (an earlier run) starts again from off.
  if ((await followButton.getAttribute("aria-pressed")) === "true") await followButton.click();
  await expect(followButton).toHaveAttribute("aria-pressed", "false");
  await followButton.click();
  await expect(followButton).toHaveAttribute("aria-pressed", "true");
  await expect(followButton).toHaveText("Suivi");
  await check(page, "follow");
  await signOut(page);

  // An official names her while writing, from the suggestions, by keyboard.
  await signIn(page, accounts.official);
  await page.goto("/engagements/FR0041");
  const discussion = page.getByRole("region", { name: "Discussion" });
  const box = discussion.getByLabel("Votre commentaire");
  await box.pressSequentially("Merci @Camille Mar");
  const option = discussion.getByRole("option", { name: /^Camille Martin/ });
  await expect(option).toBeVisible();
  await check(page, "mention-suggestions");
  await box.press("Enter");
  await expect(box).toHaveValue("Merci @camille-martin ");
  await box.pressSequentially(`pour vos remarques (${stamp})`);
  await discussion.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByText(`pour vos remarques (${stamp})`)).toBeVisible();
  await expect(box).toHaveValue("");
  await box.fill(`Un nouvel avis sur l'engagement (${stamp})`);
  await discussion.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByText(`Un nouvel avis sur l'engagement (${stamp})`)).toBeVisible();
  await signOut(page);

  // She sees the unread count in the header, and both notifications.
  await signIn(page, accounts.member);
  await expect(page.getByTestId("unread-count").first()).toBeVisible({ timeout: 15_000 });
  await page.getByRole("link", { name: /^Notifications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const mine = page.getByTestId("notification").filter({ hasText: String(stamp) });
  await expect(mine).toHaveCount(2, { timeout: 15_000 });
  const mention = mine.filter({ hasText: "Claire Dubois vous a mentionné sur" });
  const followed = mine.filter({ hasText: "Claire Dubois a commenté" });
  await expect(mention).toContainText("Nouveau");
  await expect(followed).toContainText(`Un nouvel avis sur l'engagement (${stamp})`);
  await check(page, "notifications");

  // The notification leads to the comment, and is read on the way.
  await mention.getByRole("link", { name: /^FR0041/ }).click();
  await expect(page).toHaveURL(/\/engagements\/FR0041#comment-\d+$/);
  const anchor = new URL(page.url()).hash;
  await expect(page.locator(anchor)).toContainText(`pour vos remarques (${stamp})`);
  await page.goBack();
  await expect(mine.filter({ hasText: "vous a mentionné" })).not.toContainText("Nouveau");
  await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(followed).not.toContainText("Nouveau");
  await expect(page.getByTestId("unread-count")).toHaveCount(0);

  // What she follows is listed, with a way to stop; the account page chooses the mail.
  await expect(
    page.getByRole("region", { name: "Ce que vous suivez" }).getByRole("link", { name: /^FR0041/ }),
  ).toBeVisible();
  await page.goto("/compte");
  const prefs = page.getByRole("region", { name: "Notifications par courriel" });
  await prefs.getByText("À chaque notification").click();
  await prefs.getByRole("button", { name: "Enregistrer" }).click();
  await expect(prefs.getByText("Préférence enregistrée.")).toBeVisible();
  await check(page, "mail-preferences");
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Notifications par courriel" }).getByLabel("À chaque notification"),
  ).toBeChecked();
});
