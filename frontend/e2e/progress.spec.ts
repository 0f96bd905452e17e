import { accounts, check, expect, settled, signIn, signOut, status, test, visit } from "./fixtures";

// Done when: an official records progress on FR0041's milestones and the commitment's completion
// and chart move; the log is public and append-only; only the lead institution's officials see
// the form.
test("an official records progress on FR0041 and its completion and chart move", async ({ page }) => {
  await visit(page, "/institutions", "institutions");
  await page.getByRole("link", { name: /Minister of State for the Digital Sector/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Minister of State for the Digital Sector");
  await expect(page.getByRole("link", { name: /^FR0041/ })).toBeVisible();
  await check(page, "institution");

  await signIn(page, accounts.official);
  await page.goto("/engagements/FR0041");
  const progress = page.getByRole("region", { name: "Avancement" });
  await settled(page);
  // Not every milestone is complete yet (an earlier test may have completed one it created).
  await expect(progress.getByText(/jalons atteints sur \d+ \(100\s%\)/)).toHaveCount(0);
  const standing = progress.getByRole("table", { name: "Où en est chaque jalon" });
  const codes = await standing.locator("tbody tr td:first-child a").allTextContents();
  expect(codes.length).toBeGreaterThanOrEqual(4);

  // One update per milestone, each on its own day of 2019: every milestone complete.
  for (const [i, code] of codes.entries()) {
    await page.goto("/engagements/FR0041");
    await settled(page);
    await standing.getByRole("link", { name: code, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText(`Jalon ${code}`);
    const day = `2019-0${Math.min(i + 1, 9)}-15`;
    await page.getByLabel("Date du point").fill(day);
    await page.getByLabel("Nouveau statut du jalon").selectOption("completed");
    await page.getByLabel("Niveau d'achèvement", { exact: true }).selectOption("complete");
    await page.getByLabel("Ce qui a été fait").fill(`Jalon ${code} achevé, compte rendu publié.`);
    await page.getByLabel("Lien vers la preuve (facultatif)").fill("https://www.modernisation.gouv.fr/open-d-etat");
    await page.getByRole("button", { name: "Publier le point" }).click();
    await expect(page.getByText("Le point d'avancement est publié.")).toBeVisible();
    // The button's form is emptied: focus lands on the sentence that says so, and it is said.
    await expect(page.locator(":focus")).toHaveText("Le point d'avancement est publié.");
    await expect(status(page)).toHaveText("Point d'avancement publié dans le journal d'avancement.");
    await expect(
      page
        .getByRole("region", { name: "Journal d'avancement" })
        .getByText(`Jalon ${code} achevé, compte rendu publié.`),
    ).toBeVisible();
    if (i === 0) await check(page, "milestone-progress-log");
  }

  await page.goto("/engagements/FR0041");
  await settled(page);
  await expect(progress.getByText("Achevé", { exact: true }).first()).toBeVisible();
  await expect(progress.getByText(/jalons atteints sur \d+ \(100\s%\)/)).toBeVisible();
  await expect(progress.getByRole("img", { name: /Part des jalons achevés au fil du temps/ })).toBeVisible();
  const chartTable = progress.getByRole("table", { name: "Part des jalons achevés à chaque date du journal" });
  await expect(chartTable.getByRole("row", { name: /15 janvier 2019/ })).toBeVisible();
  await expect(chartTable.locator("tbody tr").last()).toContainText("100");
  await expect(standing.getByText("En retard")).toHaveCount(0);
  await check(page, "commitment-progress");

  // The institution counts what it posted; a member reads the log and has no form.
  await page.goto("/institutions/minister-of-state-digital-sector");
  await expect(page.getByText(/Points d'avancement publiés : \d+/)).toBeVisible();
  await signOut(page);
  await signIn(page, accounts.member);
  await page.goto("/engagements/FR0041");
  await settled(page);
  await standing.getByRole("link", { name: codes[0], exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Journal d'avancement" }).getByText(`Jalon ${codes[0]} achevé`),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Publier le point" })).toHaveCount(0);
});
