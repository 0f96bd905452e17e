import { accounts, check, comment, expect, signIn, signOut, test } from "./fixtures";

test("a member marks a comment useful and agrees, and the most useful threads come first", async ({ page }) => {
  const stamp = Date.now();
  const text = `Proposition : publier les jeux de données des forums (${stamp})`;
  const forum = "/forums/2018-10-transparence-algorithmes-publics";
  await signIn(page, accounts.official);
  await page.goto(forum);
  const discussion = page.getByRole("region", { name: "Discussion" });
  await discussion.getByLabel("Votre commentaire").fill(text);
  await discussion.getByRole("button", { name: "Publier", exact: true }).click();
  await expect(page.getByText(text)).toBeVisible();
  // One's own comment shows its counts, without buttons.
  await expect(comment(page, text).getByText("Utile : 0 · D'accord : 0 · Pas d'accord : 0")).toBeVisible();
  await signOut(page);

  await signIn(page, accounts.member);
  await page.goto(forum);
  const c = comment(page, text);
  await c.getByRole("button", { name: "Utile (0)", exact: true }).click();
  await expect(c.getByRole("button", { name: "Utile (1)", exact: true })).toHaveAttribute("aria-pressed", "true");
  await c.getByRole("button", { name: "D'accord (0)", exact: true }).click();
  await expect(c.getByRole("button", { name: "D'accord (1)", exact: true })).toHaveAttribute("aria-pressed", "true");
  // Changing one's mind moves the reaction, never adds one.
  await c.getByRole("button", { name: "Pas d'accord (0)", exact: true }).click();
  await expect(c.getByRole("button", { name: "Pas d'accord (1)", exact: true })).toHaveAttribute(
    "aria-pressed",
    "true",
  );
  await expect(c.getByRole("button", { name: "D'accord (0)", exact: true })).toHaveAttribute("aria-pressed", "false");
  await page.getByLabel("Trier les fils").selectOption("useful");
  await expect(page.locator(".od-comments > li").first()).toContainText(text);
  await check(page, "reactions");
});
