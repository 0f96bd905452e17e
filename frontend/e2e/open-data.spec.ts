import { check, expect, test } from "./fixtures";

// Done when: the open-data page, reached from the footer, lists every dataset with its
// description, what it does with archived records, last update, fields and download links, the
// licence and the data package; and what a link gives is the dataset itself.
test("the open-data page lists every dataset with its fields, licence and downloads that work", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Données ouvertes" }).click();
  await expect(page).toHaveURL(/\/donnees-ouvertes$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Données ouvertes");
  // One section per dataset of the catalogue.
  const catalogue = (await (await page.request.get("/api/v1/open-data")).json()) as { datasets: unknown[] };
  expect(catalogue.datasets.length).toBeGreaterThanOrEqual(12);
  await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveCount(catalogue.datasets.length);
  await expect(page.getByRole("link", { name: "Licence Ouverte / Etalab 2.0" })).toHaveAttribute(
    "href",
    "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
  );
  await expect(page.getByRole("link", { name: "Description des jeux (Frictionless Data Package)" })).toHaveAttribute(
    "href",
    "/api/v1/open-data/datapackage.json",
  );
  await expect(page.getByRole("link", { name: "Catalogue DCAT-AP (JSON-LD)" })).toHaveAttribute(
    "href",
    "/api/v1/open-data/catalog.jsonld",
  );
  await expect(page.locator('head link[rel="alternate"][type="application/ld+json"]')).toHaveAttribute(
    "href",
    "/api/v1/open-data/catalog.jsonld",
  );
  const dcat = await page.request.get("/api/v1/open-data/catalog.jsonld");
  expect(dcat.headers()["content-type"]).toBe("application/ld+json");
  expect(((await dcat.json()) as { "@type": string })["@type"]).toBe("dcat:Catalog");
  await check(page, "open-data");

  const commitments = page.getByRole("region", { name: "Engagements", exact: true });
  await expect(commitments.getByRole("cell", { name: "code", exact: true })).toBeVisible();
  await expect(commitments.getByText(/^Les enregistrements archivés .* y figurent, avec leur date/)).toBeVisible();

  // OGP's layout: OGP's column names, and the IRM columns the platform does not record said so.
  const ogp = page.getByRole("region", { name: "Engagements au format du PGO", exact: true });
  await expect(ogp.getByRole("cell", { name: "Commitment Unique Identifier", exact: true })).toBeVisible();
  await expect(
    ogp.getByRole("cell", { name: /^Toujours vide : la plateforme n'enregistre pas le niveau/ }),
  ).toBeVisible();
  await expect(ogp.getByRole("link", { name: "CSV", exact: true })).toHaveAttribute(
    "href",
    "/api/v1/open-data/ogp-commitments.csv",
  );
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
