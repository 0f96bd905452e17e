// The discussion with the keyboard alone: the mention box is a WAI-ARIA combobox (issue 19,
// RGAA 7.1), and a whole comment flow (write, mention, post, edit, report, delete) runs on key
// presses, with the focus and the status region checked after each action (RGAA 12.8, 7.5).
import { accounts, check, comment, expect, signIn, status, test } from "./fixtures";
import { makeForum, postAs, register } from "./forum";
import type { Locator, Page } from "@playwright/test";

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails if it takes more than `max`. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

test("the mention box is a combobox: arrows, Enter, Escape and Tab, and late answers ignored", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const base = `Clavier${stamp}`;
  await register(page, base, ["Alpha", "Bravo"]);
  // Taking a suggestion writes its handle (made from the name at sign-up, 24 characters at most).
  const bravoHandle = `${base.toLowerCase()}-bravo`.slice(0, 24);

  await signIn(page, accounts.official);
  await page.goto(`/forums/${slug}`);
  const discussion = page.getByRole("region", { name: "Discussion" });
  const box = discussion.getByRole("combobox", { name: "Votre commentaire" });
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).toHaveAttribute("aria-autocomplete", "list");

  await box.pressSequentially(`Merci @${base}`);
  const list = page.getByRole("listbox", { name: "Personnes à mentionner" });
  const options = list.getByRole("option");
  await expect(options).toHaveCount(2);
  await expect(box).toHaveAttribute("aria-expanded", "true");
  await expect(box).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
  const [alpha, bravo] = [options.nth(0), options.nth(1)];
  await expect(alpha).toHaveAttribute("aria-selected", "true");
  await expect(bravo).toHaveAttribute("aria-selected", "false");
  await expect(box).toHaveAttribute("aria-activedescendant", (await alpha.getAttribute("id"))!);
  await check(page, "mention-combobox");

  // Arrows move the highlight (and wrap); the focus stays in the box.
  await box.press("ArrowDown");
  await expect(bravo).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", (await bravo.getAttribute("id"))!);
  await box.press("ArrowDown");
  await expect(alpha).toHaveAttribute("aria-selected", "true");
  await box.press("ArrowUp");
  await expect(bravo).toHaveAttribute("aria-selected", "true");
  await expect(box).toBeFocused();

  // Enter takes the highlighted name; the list closes and does not come back for it.
  await box.press("Enter");
  await expect(box).toHaveValue(`Merci @${bravoHandle} `);
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await page.waitForTimeout(700);
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(box).not.toHaveAttribute("aria-activedescendant");

  // Escape closes the list and changes nothing; a second Escape does nothing either.
  await box.pressSequentially(`et @${base}`);
  await expect(options).toHaveCount(2);
  await box.press("Escape");
  await expect(box).toHaveAttribute("aria-expanded", "false");
  await expect(list).toBeHidden();
  await box.press("Escape");
  await expect(box).toBeFocused();
  await expect(box).toHaveValue(`Merci @${bravoHandle} et @${base}`);
  await expect(box).toHaveAttribute("aria-expanded", "false");

  // Tab never takes a name: it leaves the box, which keeps what was typed, and closes the list.
  await box.pressSequentially(" A");
  await expect(options).toHaveCount(1);
  await box.press("Tab");
  await expect(box).not.toBeFocused();
  await expect(box).toHaveValue(`Merci @${bravoHandle} et @${base} A`);
  await expect(box).toHaveAttribute("aria-expanded", "false");

  // A suggestion that answers after the person typed on is not offered for the new word, and
  // Enter then keeps the word typed (a new line, no name put in its place).
  await box.fill("");
  const prefix = `${base.slice(0, -1)}`;
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  let asked!: () => void;
  const seen = new Promise<void>((r) => (asked = r));
  await page.route(
    (url) => url.pathname.endsWith("/mentions/suggestions") && url.searchParams.get("q") === prefix,
    async (route) => {
      asked();
      await held;
      await route.continue();
    },
  );
  await box.focus();
  await box.pressSequentially(`Enfin @${prefix}`);
  await seen;
  await box.pressSequentially("9 Z");
  const late = page.waitForResponse(
    (r) => r.url().includes("/mentions/suggestions") && r.url().includes(`q=${prefix}&`),
  );
  release();
  await late;
  // (Within the quarter second the box waits before asking for the new word.)
  await page.waitForTimeout(50);
  await box.press("Enter");
  await expect(box).toHaveValue(`Enfin @${prefix}9 Z\n`);
  await page.waitForTimeout(700);
  await expect(box).toHaveValue(`Enfin @${prefix}9 Z\n`);
  await expect(box).toHaveAttribute("aria-expanded", "false");
});

test("a whole comment flow with the keyboard alone: focus and status after each action", async ({ page }) => {
  const stamp = Date.now();
  const slug = await makeForum(page, stamp);
  const base = `Touche${stamp}`;
  await register(page, base, ["Alpha", "Bravo"]);
  const bravoHandle = `${base.toLowerCase()}-bravo`.slice(0, 24);
  const theirs = `Un avis à signaler ${stamp}`;
  await postAs(page, accounts.official, slug, theirs);

  await signIn(page, accounts.member);
  await page.goto(`/forums/${slug}`);
  const discussion = page.getByRole("region", { name: "Discussion" });
  const keys = page.keyboard;

  // Write, naming someone through the suggestions, then post.
  const box = discussion.getByRole("combobox", { name: "Votre commentaire" });
  await tabTo(page, box, { max: 80 });
  await keys.type(`Avis au clavier ${stamp}, merci @${base}`);
  await expect(page.getByRole("listbox", { name: "Personnes à mentionner" }).getByRole("option")).toHaveCount(2);
  await keys.press("ArrowDown");
  await keys.press("Enter");
  await expect(box).toHaveValue(`Avis au clavier ${stamp}, merci @${bravoHandle} `);
  await keys.type("pour tout.");
  const publish = discussion.getByRole("button", { name: "Publier", exact: true });
  await keys.press("Tab");
  await expect(publish).toBeFocused();
  await keys.press("Enter");
  await expect(status(page)).toHaveText("Votre commentaire est publié.");
  const mine = comment(page, `Avis au clavier ${stamp}`);
  await expect(mine).toBeFocused();
  await expect(mine).toContainText(`@${bravoHandle} pour tout.`);

  // Edit it: the form takes the focus, Enregistrer puts it back on the comment.
  const actions = mine.locator(":scope > .od-comment__actions");
  await tabTo(page, actions.getByRole("button", { name: "Modifier" }));
  await keys.press("Enter");
  const edit = page.getByRole("combobox", { name: "Modifier votre commentaire" });
  await expect(edit).toBeFocused();
  await keys.press("Control+End");
  await keys.type(" Corrigé.");
  await keys.press("Tab");
  await expect(page.getByRole("button", { name: "Enregistrer" })).toBeFocused();
  await keys.press("Enter");
  await expect(status(page)).toHaveText("Votre commentaire est modifié.");
  const edited = comment(page, "Corrigé.");
  await expect(edited).toBeFocused();

  // Report someone else's comment: the first reason has the focus; Space keeps it chosen.
  const other = comment(page, theirs);
  await tabTo(page, other.getByRole("button", { name: "Signaler" }));
  await keys.press("Enter");
  const spam = other.getByLabel("Spam ou publicité");
  await expect(spam).toBeFocused();
  await keys.press("Space");
  await expect(spam).toBeChecked();
  await tabTo(page, other.getByRole("button", { name: "Envoyer le signalement" }));
  await keys.press("Enter");
  await expect(status(page)).toHaveText("Signalement envoyé.");
  await expect(page.locator(":focus")).toHaveText("Merci : votre signalement est transmis à la modération.");

  // Delete one's own: "Annuler" has the focus first (Enter there keeps the comment); then the
  // confirmation, next with Tab (after it, so a screen reader meets it inside the question).
  const remove = edited.locator(":scope > .od-comment__actions").getByRole("button", { name: "Supprimer" });
  await tabTo(page, remove, { back: true });
  await keys.press("Enter");
  const cancel = edited.getByRole("button", { name: "Annuler" });
  await expect(cancel).toBeFocused();
  await keys.press("Enter");
  await expect(remove).toBeFocused();
  await keys.press("Space");
  await expect(cancel).toBeFocused();
  await keys.press("Tab");
  await expect(edited.getByRole("button", { name: "Confirmer la suppression" })).toBeFocused();
  await keys.press("Enter");
  await expect(status(page)).toHaveText("Votre commentaire est supprimé.");
  await expect(page.getByText("Corrigé.")).toHaveCount(0);
  const focused = await page.evaluate(
    () => document.activeElement?.closest("article.od-comment, section.od-discussion")?.tagName ?? "",
  );
  expect(["ARTICLE", "SECTION"]).toContain(focused);
  await check(page, "keyboard-flow-end");
});
