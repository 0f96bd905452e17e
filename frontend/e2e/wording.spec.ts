// What the audit of issue 19 found in errors (RGAA 11.10), languages and titles (8.7, 8.6) and
// forms (11.13, 11.6): each checked here as a screen reader would meet it.
import { accounts, check, errorSummary, expect, json, signIn, signOut, status, test, visit } from "./fixtures";

test("error summaries name fields by their labels, link to them, and mark them invalid", async ({ page }) => {
  await page.goto("/inscription");
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
  await page.getByLabel("Nom affiché").fill("Test");
  await page.getByLabel("Mot de passe").fill("court");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  const summary = errorSummary(page);
  await expect(summary).toBeVisible();
  // The summary takes the focus, and names each field as its label does, with a link to it.
  await expect(page.locator(":focus")).toContainText("Adresse électronique");
  const email = summary.getByRole("link", { name: "Adresse électronique" });
  await expect(email).toHaveAttribute("href", "#field-email");
  await expect(summary.getByRole("link", { name: "Mot de passe" })).toHaveAttribute("href", "#field-password");
  await expect(summary).not.toContainText("display_name");
  await expect(page.getByLabel("Adresse électronique")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Mot de passe")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Nom affiché")).not.toHaveAttribute("aria-invalid", "true");
  await expect(status(page)).toHaveText("Certains champs sont invalides.");
  await email.click();
  await expect(page.getByLabel("Adresse électronique")).toBeFocused();
  await check(page, "sign-up-summary");
});

test("a missing page or record says Page introuvable, in its title and its heading", async ({ page }) => {
  await visit(page, "/nulle-part", "not-found-title");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page).toHaveTitle("Page introuvable — Open d'État");
  await visit(page, "/forums/forum-inexistant", "forum-not-found-title");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expect(page).toHaveTitle("Page introuvable — Open d'État");
  await visit(page, "/engagements/FR9999", "commitment-not-found-title");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
});

test("FR0041's English words are marked English in the French interface", async ({ page }) => {
  await visit(page, "/engagements/FR0041", "commitment-languages");
  const langOf = (text: string, timeout?: number) =>
    page
      .getByText(text, { exact: true })
      .first()
      .evaluate((el) => el.closest("[lang]")?.getAttribute("lang"), undefined, { timeout });
  // Whatever they say now: the API's words, in its language. Another spec may edit FR0041's
  // review while this one runs (official.spec, in the other worker), and the page read before
  // the edit (or from the browser's cache, up to 40 s: max-age and stale-while-revalidate)
  // shows the words before it: the API and the page are read again until they agree.
  await expect(async () => {
    const c = await json<{
      irm: { report: string | null; completion: string | null; potential_impact: string | null } | null;
      policy_areas: string[];
      institutions: { lead: { name: string } | null; support: { name: string }[] } | null;
    }>(await page.request.get("/api/v1/commitments/FR0041"));
    const texts = [
      c.irm?.report,
      c.irm?.completion,
      c.irm?.potential_impact,
      ...c.policy_areas,
      c.institutions?.lead?.name,
      ...(c.institutions?.support.map((s) => s.name) ?? []),
    ].filter((x): x is string => !!x);
    expect(texts.length).toBeGreaterThan(4);
    try {
      for (const text of texts) expect(await langOf(text, 3_000), text).toBe("en");
    } catch (e) {
      await page.reload();
      throw e;
    }
  }).toPass({ timeout: 90_000 });
  // What the interface says around them stays French.
  expect(await langOf("Rapport")).not.toBe("en");
});

test("the profile form fills name and organisation from the browser; the forum form's commitments are one named group", async ({
  page,
}) => {
  await signIn(page, accounts.member);
  await page.goto("/compte");
  await expect(page.getByLabel("Nom affiché", { exact: true })).toHaveAttribute("autocomplete", "name");
  await expect(page.getByLabel("Organisation (facultatif)")).toHaveAttribute("autocomplete", "organization");

  await signOut(page);
  await signIn(page, accounts.admin);
  await visit(page, "/admin/forums/nouveau", "forum-form-groups");
  const box = page.getByRole("checkbox", { name: /^FR0041 — / });
  await expect(box).toBeVisible();
  // Every group around the checkbox has a name: only the picker's fieldset, named by its legend.
  const groups = await box.evaluate((el) => {
    const names: (string | null)[] = [];
    for (let g = el.closest("fieldset"); g; g = g.parentElement?.closest("fieldset") ?? null)
      names.push(g.querySelector(":scope > legend")?.textContent ?? null);
    return names;
  });
  expect(groups).toEqual(["Engagements travaillés (facultatif)"]);
});
