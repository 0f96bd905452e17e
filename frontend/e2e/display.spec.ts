// The display settings dialog (DSFR): once closed, the keyboard focus is back on the control that
// opened it (issue 19, RGAA 12.8).
import { check, expect, test } from "./fixtures";

test("the display settings give the focus back to the button that opened them", async ({ page }) => {
  await page.goto("/");
  const opener = page.locator("footer").getByRole("button", { name: "Paramètres d'affichage" });
  const dialog = page.getByRole("dialog", { name: "Paramètres d'affichage" });

  // Closed with Escape.
  await opener.focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await check(page, "display-settings");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // Closed with its "Fermer" button.
  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Fermer" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  // With the mouse too.
  await opener.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Fermer" }).click();
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
});
