import { check, expect, test } from "./fixtures";

// Done when: the open-data page, reached from the footer, lists every dataset with its
// description, last update, fields and download links, the licence and the data package; and
// what a link gives is the dataset itself.
test("the open-data page lists every dataset with its fields, licence and downloads that work", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Données ouvertes" }).click();
  await expect(page).toHaveURL(/\/donnees-ouvertes$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Données ouvertes");
  await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveCount(10);
  await expect(page.getByRole("link", { name: "Licence Ouverte / Etalab 2.0" })).toHaveAttribute(
    "href",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  );
  await expect(page.getByRole("link", { name: "Description des jeux (Frictionless Data Package)" })).toHaveAttribute(
    "href",
    "/api/v1/open-data/datapackage.json",
  );
  await check(page, "open-data");

  const commitments = page.getByRole("region", { name: "Engagements", exact: true });
  await expect(commitments.getByRole("cell", { name: "code", exact: true })).toBeVisible();
  const csv = commitments.getByRole("link", { name: "CSV", exact: true });
  await expect(csv).toHaveAttribute("href", "/api/v1/open-data/commitments.csv");
  const file = await page.request.get((await csv.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await file.text()).startsWith("id,code,action_plan_id,")).toBe(true);
  const lines = await page.request.get(
    (await commitments.getByRole("link", { name: "JSON Lines", exact: true }).getAttribute("href"))!,
  );
  expect(lines.headers()["content-type"]).toBe("application/x-ndjson");
  expect(
    (await lines.text())
      .split("\n")
      .filter(Boolean)
      .some((l) => (JSON.parse(l) as { code: string }).code === "FR0041"),
  ).toBe(true);
});
