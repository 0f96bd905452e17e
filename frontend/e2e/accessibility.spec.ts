// The accessibility statement is the audit's: its rate, state and non-conformities are those the
// grid computes (src/resources/accessibility/generated/, from docs/rgaa/grille.json), the footer
// says the state on every page, the contact and the two plans are there. And what the grid says of
// the sample pages that no axe rule checks (RGAA 8.2, 9.1) is checked here, page by page.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Summary } from "../scripts/rgaa.mjs";
import { accounts, check, expect, settled, signIn, test } from "./fixtures";

const generated = resolve(dirname(fileURLToPath(import.meta.url)), "../src/resources/accessibility/generated");
const audit = JSON.parse(readFileSync(resolve(generated, "audit.json"), "utf8")) as Summary;
/** "95,5 %": the rate as the French statement writes it. */
const frRate = `${new Intl.NumberFormat("fr-FR").format(audit.rate ?? 0)} %`;

test("the statement shows the audit's rate, state and non-conformities, the contact, the remedies and the plans", async ({
  page,
}) => {
  await page.goto("/");
  // The footer says the computed state and leads to the statement.
  await page
    .getByRole("contentinfo")
    .getByRole("link", { name: `Accessibilité : ${audit.state}` })
    .click();
  await expect(page).toHaveURL(/\/accessibilite$/);
  await check(page, "accessibility-statement");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Déclaration d'accessibilité");
  await expect(page.getByTestId("a11y-state")).toContainText(`Open d'État est ${audit.state} au référentiel`);
  await expect(page.getByTestId("a11y-rate")).toContainText(`révèle que ${frRate} des critères du RGAA version 4.1`);
  await expect(page.getByText(`${audit.criteria.C} conformes, ${audit.criteria.NC} non conformes`)).toBeVisible();

  // Every non-conforming criterion of the grid, with the pages it fails on.
  const list = page.getByTestId("non-conformities");
  await expect(list.locator(":scope > li")).toHaveCount(audit.nonConformities.length);
  if (audit.nonConformities.length === 0)
    await expect(page.getByText("Aucune non-conformité n'a été relevée.").first()).toBeVisible();
  for (const nc of audit.nonConformities) {
    await expect(list.getByText(`Critère ${nc.id} : ${nc.title}`)).toBeVisible();
    await expect(list.getByText(nc.pages[0].note, { exact: false }).first()).toBeVisible();
  }
  await expect(page.getByTestId("a11y-sample").locator("li")).toHaveCount(audit.pages.length);
  // Truthful about assistive technologies: the screen reader and browser the grid names, and
  // those that were not used.
  const assistive = page.getByTestId("a11y-assistive");
  for (const u of audit.assistive?.used ?? []) {
    await expect(assistive).toContainText(
      `Lecteur d'écran ${u.reader} avec le navigateur ${u.browser} sous ${u.system}`,
    );
  }
  await expect(assistive).toContainText(audit.assistive?.notUsed ?? "(the grid names no screen reader)");

  // A working contact, and the remedies.
  await expect(page.getByTestId("a11y-contact")).toHaveAttribute("href", /^mailto:[^@\s]+@[^@\s]+\.[a-z]+$/);
  await expect(page.getByRole("link", { name: /formulaire en ligne/ })).toHaveAttribute(
    "href",
    "https://formulaire.defenseurdesdroits.fr/",
  );
  await expect(page.getByRole("link", { name: /délégué du Défenseur des droits/ })).toHaveAttribute(
    "href",
    "https://www.defenseurdesdroits.fr/saisir/delegues",
  );
  await expect(page.getByText("Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07")).toBeVisible();

  // The two plans are pages of their own.
  await page.getByRole("link", { name: "Schéma pluriannuel de mise en accessibilité 2026-2028" }).click();
  await expect(page).toHaveURL(/\/accessibilite\/schema-pluriannuel$/);
  await check(page, "accessibility-multi-year-plan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Schéma pluriannuel de mise en accessibilité 2026-2028",
  );
  await page.getByRole("main").getByRole("link", { name: "Plan d'action 2026" }).click();
  await expect(page).toHaveURL(/\/accessibilite\/plan-action-2026$/);
  await check(page, "accessibility-action-plan");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Plan d'action 2026");
  for (const nc of audit.nonConformities)
    await expect(page.getByTestId("non-conformities").getByText(`Critère ${nc.id} : `)).toBeVisible();

  // In English: the same figures, the French notes marked French.
  await page.goto("/accessibilite");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accessibility statement");
  await expect(page.getByTestId("a11y-rate")).toContainText(`${audit.rate}% of the RGAA version 4.1 criteria`);
  if (audit.nonConformities.length > 0)
    await expect(page.getByTestId("non-conformities").locator('[lang="fr"]').first()).toBeVisible();
  else await expect(page.getByText("No non-compliance was found.").first()).toBeVisible();
  await check(page, "accessibility-statement-en");
  const footerWords = { "totalement conforme": "fully", "partiellement conforme": "partially", "non conforme": "non" };
  await expect(page.getByRole("contentinfo").getByRole("link", { name: /^Accessibility ?: / })).toContainText(
    footerWords[audit.state!],
  );
});

test("the sample pages have unique ids, valid nesting, one h1, no skipped heading level and say which fields are required", async ({
  page,
}) => {
  const who = { "membre connecté": accounts.member, administrateur: accounts.admin } as Record<string, string>;
  let signedAs: string | undefined;
  // Visitor pages first, then each account's.
  const order = [...audit.pages].sort((a, b) => (who[a.state] ?? "").localeCompare(who[b.state] ?? ""));
  for (const p of order) {
    const account = who[p.state];
    if (account !== signedAs) {
      await page.goto("/");
      await page.evaluate(() => localStorage.removeItem("opendetat.session"));
      if (account) await signIn(page, account);
      signedAs = account;
    }
    await page.goto(p.path);
    await settled(page);
    await check(page, `rgaa-sample-${p.id}`);
    const facts = await page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      const duplicateIds = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
      const badNesting = [
        ...document.querySelectorAll(
          ":is(p) :is(div, p, ul, ol, dl, table, h1, h2, h3, h4, h5, h6, section, form), :is(a, button) :is(a, button, input, select, textarea)",
        ),
      ].map((e) => `${e.parentElement?.tagName} > ${e.tagName}`);
      // Headings as assistive technologies get them: not those of a closed dialog.
      const levels = [...document.querySelectorAll<HTMLElement>("h1, h2, h3, h4, h5, h6")]
        .filter((h) => h.checkVisibility({ visibilityProperty: true }))
        .map((h) => Number(h.tagName[1]));
      // A form of several fields with required ones says so before it is sent, in its text or just
      // above it: "all fields are required unless…", or its optional fields marked (RGAA 11.10).
      const unsaid = [...document.querySelectorAll("form")]
        .filter((f) => {
          const fields = f.querySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea");
          return fields.length > 1 && f.querySelector("[required], [aria-required=true]");
        })
        .filter(
          (f) => !/obligatoire|facultati/i.test(`${f.previousElementSibling?.textContent ?? ""} ${f.textContent}`),
        )
        .map((f) => f.getAttribute("aria-labelledby") ?? f.className ?? "form");
      return { duplicateIds, badNesting, levels, unsaid };
    });
    expect(facts.duplicateIds, `${p.path}: duplicate ids`).toEqual([]);
    expect(facts.badNesting, `${p.path}: nesting the HTML forbids`).toEqual([]);
    expect(
      facts.levels.filter((l) => l === 1),
      `${p.path}: one h1`,
    ).toHaveLength(1);
    expect(facts.levels[0], `${p.path}: the h1 comes first`).toBe(1);
    const skips = facts.levels.filter((l, i) => i > 0 && l > facts.levels[i - 1] + 1);
    expect(skips, `${p.path}: no skipped heading level (${facts.levels.join(" ")})`).toEqual([]);
  }
});
