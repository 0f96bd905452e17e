// What the hardening changed, seen in a browser: the pages and Swagger UI work under the
// Content-Security-Policy (the fixture fails any test on a refused resource), and an archived
// forum stays readable with its discussion, closed to new comments.
import { accounts, apiToken, check, expect, signIn, test, visit, json } from "./fixtures";

test("the web app and the API documentation work under the security headers", async ({ page }) => {
  const res = await page.goto("/");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("script-src 'self'");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await check(page, "csp-home");
  await visit(page, "/engagements/FR0041", "csp-commitment");
  await visit(page, "/forums/2027-01-espace-de-dialogue-en-ligne", "csp-forum");

  // Swagger UI: its scripts are files, its icons data: images; it renders the contract.
  const docs = await page.goto("/api/docs/");
  expect(docs!.headers()["content-security-policy"]).toContain("script-src 'self'");
  await expect(page.getByRole("heading", { name: /Open d'État API/ })).toBeVisible();
  await expect(page.getByText("/api/v1/forums/{id}/restore").first()).toBeVisible();
});

test("an archived forum keeps its discussion readable and takes no new comments", async ({ page }) => {
  const stamp = Date.now();
  const admin = await apiToken(page, accounts.admin);
  const member = await apiToken(page, accounts.member);
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
  const made = await page.request.post("/api/v1/forums", {
    headers: auth(admin),
    data: {
      title: `Forum archivé ${stamp}`,
      theme: "Archives",
      starts_at: "2025-03-12T17:00:00Z",
      ends_at: "2025-03-12T19:00:00Z",
      location: "Paris",
      status: "held",
    },
  });
  expect(made.status()).toBe(201);
  const forum = await json<{ slug: string }>(made);
  const posted = await page.request.post(`/api/v1/forums/${forum.slug}/comments`, {
    headers: auth(member),
    data: { body: "Ce que nous avons dit ce soir-là." },
  });
  expect(posted.status()).toBe(201);
  const archived = await page.request.delete(`/api/v1/forums/${forum.slug}`, { headers: auth(admin) });
  expect(archived.status()).toBe(200);

  await signIn(page, accounts.member);
  await page.goto(`/forums/${forum.slug}`);
  await check(page, "forum-archived");
  await expect(page.getByText(/^Forum archivé le \d+ \S+ \d{4}/)).toBeVisible();
  await expect(page.getByText("Ce que nous avons dit ce soir-là.")).toBeVisible();
  await expect(
    page.getByText("Cette discussion est archivée : elle reste lisible et ne reçoit plus de nouveaux commentaires."),
  ).toBeVisible();
  await expect(page.getByRole("combobox", { name: /commentaire/i })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Répondre" })).toHaveCount(0);

  // Out of the lists.
  await page.goto("/forums");
  await page.getByRole("tab", { name: "Passés" }).click();
  await expect(
    page.getByRole("heading", { name: /Forum Open d'État : ouverture des données publiques/ }),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: `Forum archivé ${stamp}` })).toHaveCount(0);
});
